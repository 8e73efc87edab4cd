"""Rendering console pages: the Jinja2 environment, what every page gets (the user, the
CSRF token, flash messages, the navigation), flash messages and error pages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from passback import __version__
from passback.core.plan import ACTIONS, COUNT_NAMES, WRITE_ACTIONS
from passback.core.reasons import Reason, label_of
from passback.core.report import ACTION_DONE, COUNT_HEADINGS
from passback.operations.accounts import Principal, Role
from passback.web.security import csrf_token, session_principal

TEMPLATES = Path(__file__).parent.parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES))


@pass_context
def _when(context: Context, value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A moment in the district's time zone on a district's pages (the zone people there
    live in, and the one the nightly chart counts days in), else in UTC."""
    if value is None:
        return "—"
    district = context.get("district")
    zone = getattr(district, "timezone", None)
    if zone:
        try:
            local = value.astimezone(ZoneInfo(zone))
        except (ZoneInfoNotFoundError, ValueError):
            local = None
        if local is not None:
            return local.strftime(fmt) + " " + (local.tzname() or zone)
    return value.astimezone(UTC).strftime(fmt) + " UTC"


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _reason(code: str) -> str:
    try:
        return Reason(code).message
    except ValueError:
        return code


def _reason_title(code: str) -> str:
    return label_of(code)


templates.env.filters["when"] = _when
templates.env.filters["day"] = _day
templates.env.filters["reason_message"] = _reason
templates.env.filters["reason_title"] = _reason_title
templates.env.globals["version"] = __version__
templates.env.globals["Role"] = Role
templates.env.globals["reasons"] = [r.value for r in Reason]
templates.env.globals["actions"] = ACTIONS  # the plan's vocabulary, in the report's order
templates.env.globals["count_names"] = COUNT_NAMES
templates.env.globals["count_headings"] = COUNT_HEADINGS
templates.env.globals["action_done"] = ACTION_DONE
templates.env.globals["write_actions"] = WRITE_ACTIONS
templates.env.filters["reason_label"] = label_of


def flash(request: Request, text: str, kind: str = "ok") -> None:
    """A message for the next page this user sees (kind: ok, error, info)."""
    messages = list(request.session.get("flash", []))
    messages.append({"kind": kind, "text": text})
    request.session["flash"] = messages[-5:]


def _take_flashes(request: Request) -> list[dict[str, str]]:
    messages = list(request.session.pop("flash", []))
    return [m for m in messages if isinstance(m, dict)]


def render(
    request: Request,
    template: str,
    *,
    status_code: int = 200,
    district: Any = None,
    section: str | None = None,
    **context: Any,
) -> HTMLResponse:
    principal: Principal | None = session_principal(request)
    return templates.TemplateResponse(
        request,
        template,
        {
            "me": principal,
            "csrf": csrf_token(request),
            "flashes": _take_flashes(request),
            "district": district,
            "section": section,
            **context,
        },
        status_code=status_code,
    )


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


TITLES = {
    403: "Not allowed",
    404: "Not found",
    409: "That cannot be done yet",
    422: "Invalid input",
    429: "Too many attempts",
}


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    return render(
        request,
        "error.html",
        status_code=status,
        title=TITLES.get(status, "Something went wrong"),
        detail=detail,
        status=status,
    )
