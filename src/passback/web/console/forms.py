"""Form handling for console POSTs: every form carries the session's CSRF token, checked
before the route runs; fields are read as trimmed text."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from passback.web.problems import ProblemError
from passback.web.security import CSRF_FIELD, csrf_ok


async def checked_form(request: Request) -> FormData:
    form = await request.form()
    if not csrf_ok(request, form.get(CSRF_FIELD)):
        raise ProblemError(
            403,
            "This form has expired or was not sent from this console. Reload the page and "
            "try again.",
            kind="csrf",
        )
    return form


Form = Annotated[FormData, Depends(checked_form)]


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def texts(form: FormData, name: str) -> list[str]:
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]
