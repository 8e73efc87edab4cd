"""The API's interactive documentation (Swagger UI) at /api/v1/docs, served from the
`swagger-ui-bundle` package: no CDN, and it works under the app's Content-Security-Policy
(no inline script: the page loads /static/swagger-init.js, which reads the OpenAPI
address from the page)."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

PREFIX = "/api/v1"
ASSETS = f"{PREFIX}/docs/assets"


def assets() -> StaticFiles:
    return StaticFiles(directory=swagger_ui_path)


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
