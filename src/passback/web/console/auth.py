"""Console: signing in and out, and the start page for each role."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import Response

from passback.operations.accounts import Role
from passback.operations.accounts import users as user_service
from passback.web.console.forms import Form, text
from passback.web.console.render import flash, redirect, render
from passback.web.security import (
    ConsoleUser,
    engine_of,
    session_principal,
    sign_in,
    sign_out,
    web_settings,
)

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


def _refused(
    request: Request, status: int, error: str, target: str | None, username: str
) -> Response:
    return render(
        request,
        "login.html",
        status_code=status,
        error=error,
        next=target or "",
        username=username,
    )


@router.post("/login")
def login(request: Request, form: Form) -> Response:
    settings = web_settings(request)
    engine = engine_of(request)
    username = text(form, "username")
    password = form.get("password")
    target = _safe_next(text(form, "next"))
    # the peer, or the client a configured proxy names (`--forwarded-allow-ips`)
    source = request.client.host if request.client else "unknown"
    # counted before the password is checked, so parallel guesses cannot overtake the count
    wait = settings.limiter.attempt(engine, username, source)
    if wait > 0:
        minutes = max(1, round(wait / 60))
        return _refused(
            request,
            429,
            f"Too many failed sign-ins. Try again in {minutes} minute(s).",
            target,
            username,
        )
    principal = None
    if username and isinstance(password, str) and password:
        with settings.limiter.password_check() as slot:
            if not slot:
                return _refused(
                    request, 429, "The console is busy. Try again in a moment.", target, username
                )
            principal = user_service.authenticate(engine, username, password)
    if principal is None or principal.user_id is None:
        return _refused(request, 401, "The username or password is not right.", target, username)
    settings.limiter.succeeded(engine, username, source)
    sign_in(request, principal, user_service.user_epoch(engine, principal.user_id))
    return redirect(target or home_of(principal.role, principal.district))


@router.post("/logout")
def logout(request: Request, form: Form) -> Response:
    sign_out(request)
    flash(request, "You are signed out.", "info")
    return redirect("/login")


@router.get("/account/password")
def password_page(request: Request, me: ConsoleUser) -> Response:
    return render(request, "password.html", section="password")


@router.post("/account/password")
def change_password(request: Request, me: ConsoleUser, form: Form) -> Response:
    """A signed-in user changes their own password: every session of theirs ends, this
    one starts again."""
    settings = web_settings(request)
    engine = engine_of(request)
    new = form.get("new_password")
    if not isinstance(new, str) or new != form.get("confirm_password"):
        flash(request, "Not changed: the new password and its confirmation differ.", "error")
        return redirect("/account/password")
    current = form.get("current_password")
    # guessing the current password through this form counts like a sign-in attempt
    source = request.client.host if request.client else "unknown"
    if settings.limiter.attempt(engine, me.name, source) > 0:
        flash(request, "Not changed: too many wrong passwords. Try again later.", "error")
        return redirect("/account/password")
    with settings.limiter.password_check() as slot:
        if not slot:
            flash(request, "The console is busy. Try again in a moment.", "error")
            return redirect("/account/password")
        try:
            user_service.set_password(
                engine,
                me.name,
                new,
                by=me.name,
                current_password=current if isinstance(current, str) else "",
            )
        except user_service.AccountError as exc:
            flash(request, f"Not changed: {exc.field.replace('_', ' ')} {exc.message}", "error")
            return redirect("/account/password")
    assert me.user_id is not None
    settings.limiter.succeeded(engine, me.name, source)
    sign_in(request, me, user_service.user_epoch(engine, me.user_id))
    flash(request, "Password changed. Every other session of yours was signed out.")
    return redirect(home_of(me.role, me.district))
