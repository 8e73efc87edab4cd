"""The API's interactive documentation (Swagger UI 5, which reads OpenAPI 3.1) at
/api/v1/docs, its files served from the `swagger-ui-py` package: no CDN, and it works
under the app's Content-Security-Policy (no inline script: the page loads
/static/swagger-init.js, which reads the OpenAPI address from the page). The package is
only a source of files: it is located, never imported."""

from __future__ import annotations

import importlib.util
from html import escape
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

PREFIX = "/api/v1"
ASSETS = f"{PREFIX}/docs/assets"


def assets_dir() -> Path:
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the swagger-ui-py package is missing (pip install passback again)")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def assets() -> StaticFiles:
    return StaticFiles(directory=assets_dir())


def router() -> APIRouter:
    routes = APIRouter()

    @routes.get(f"{PREFIX}/docs", response_class=HTMLResponse)
    def swagger_ui() -> HTMLResponse:
        openapi = escape(f"{PREFIX}/openapi.json")
        return HTMLResponse(
            "<!doctype html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            "<title>passback API</title>"
            f'<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">'
            "</head><body>"
            f'<div id="swagger-ui" data-openapi="{openapi}"></div>'
            f'<script src="{ASSETS}/swagger-ui-bundle.js"></script>'
            '<script src="/static/swagger-init.js"></script>'
            "</body></html>"
        )

    return routes
