"""Console: signing in and out, and the start page for each role."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import Response

from passback.accounts import Role
from passback.accounts import users as user_service
from passback.web.console.forms import Form, text
from passback.web.console.render import flash, redirect, render
from passback.web.security import engine_of, session_principal, sign_in, web_settings

router = APIRouter()


def home_of(role: Role, district: str | None) -> str:
    if role is Role.OPERATOR or district is None:
        return "/districts"
    if role is Role.TEACHER:
        return f"/districts/{district}/teacher"
    return f"/districts/{district}"


def _safe_next(target: str) -> str | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@router.get("/")
def start(request: Request) -> Response:
    principal = session_principal(request)
    if principal is None:
        return redirect("/login")
    return redirect(home_of(principal.role, principal.district))


@router.get("/login")
def login_page(request: Request, next: str = "") -> Response:
    return render(request, "login.html", next=_safe_next(next) or "", username="")


@router.post("/login")
def login(request: Request, form: Form) -> Response:
    settings = web_settings(request)
    username = text(form, "username")
    password = form.get("password")
    target = _safe_next(text(form, "next"))
    client = request.client.host if request.client else "unknown"
    keys = (f"user:{username.lower()}", f"ip:{client}")
    wait = settings.limiter.retry_after(*keys)
    if wait > 0:
        minutes = max(1, round(wait / 60))
        return render(
            request,
            "login.html",
            status_code=429,
            error=f"Too many failed sign-ins. Try again in {minutes} minute(s).",
            next=target or "",
            username=username,
        )
    principal = None
    if username and isinstance(password, str) and password:
        principal = user_service.authenticate(engine_of(request), username, password)
    if principal is None or principal.user_id is None:
        settings.limiter.failed(*keys)
        return render(
            request,
            "login.html",
            status_code=401,
            error="The username or password is not right.",
            next=target or "",
            username=username,
        )
    settings.limiter.succeeded(*keys)
    sign_in(request, principal, user_service.user_epoch(engine_of(request), principal.user_id))
    return redirect(target or home_of(principal.role, principal.district))


@router.post("/logout")
def logout(request: Request, form: Form) -> Response:
    request.session.clear()
    flash(request, "You are signed out.", "info")
    return redirect("/login")
