"""The console: server-rendered pages (Jinja2), forms with CSRF tokens, no build step."""

from __future__ import annotations

from fastapi import APIRouter

from passback.web.console import (
    auth,
    config,
    districts,
    guide,
    onboarding,
    runs,
    teacher,
    tokens,
    users,
)


def router() -> APIRouter:
    console = APIRouter()
    for module in (
        auth,
        districts,
        onboarding,
        config,
        runs,
        teacher,
        guide,
        tokens,
        users,
    ):
        console.include_router(module.router)
    return console
