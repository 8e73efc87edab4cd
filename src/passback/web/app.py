"""The app, assembled explicitly: middleware, the API under /api/v1, the console pages,
static files and the exception handlers keyed by class. The process's `Runtime` (engine,
key box, job dispatcher, live progress, notification settings) is on `app.state.runtime`:
given by `passback serve`, else built here."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.staticfiles import StaticFiles

from passback import __version__
from passback.notify.settings import NotifySettings
from passback.operations.runtime import Runtime
from passback.web import api, docs, problems
from passback.web.config import WebSettings
from passback.web.middleware import AuthenticateFirst, BodyLimit
from passback.web.security import LoginRequired

STATIC = Path(__file__).with_name("static")
SESSION_COOKIE = "passback_session"


def create_app(settings: WebSettings, runtime: Runtime | None = None) -> FastAPI:
    """The app for these settings; `runtime` is the process's (one is built when not given:
    tests serving several apps from one process share theirs)."""
    if runtime is None:
        runtime = Runtime(
            settings.engine,
            settings.box,
            notify=NotifySettings.from_env(),
            metrics=settings.metrics,
        )
    app = FastAPI(
        title="passback",
        version=__version__,
        summary="Assessment scores into SIS gradebooks over OneRoster 1.1, every skip explained.",
        openapi_url=f"{api.PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.runtime = runtime
    # innermost first: authentication needs the session; the body limit wraps everything
    app.add_middleware(AuthenticateFirst)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_key,
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_hours * 3600,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_exception_handler(problems.ProblemError, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(LoginRequired, _on_login_required)
    _add_probes(app, settings, runtime)
    app.include_router(api.router())
    app.include_router(docs.router(), include_in_schema=False)
    from passback.web.console import router as console_router

    app.include_router(console_router(), include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount(docs.ASSETS, docs.assets(), name="docs-assets")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: object) -> Response:
        response: Response = await call_next(request)  # type: ignore[operator]
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            "script-src 'self'; frame-ancestors 'none'",
        )
        if not request.url.path.startswith("/static/"):
            # pages and answers show grades, tokens and settings: never kept by a cache
            response.headers.setdefault("Cache-Control", "no-store")
        if settings.secure_cookies:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        return response

    app.add_middleware(
        BodyLimit, max_body=settings.max_body_bytes, max_import=settings.max_import_bytes
    )

    return app


def _add_probes(app: FastAPI, settings: WebSettings, runtime: Runtime) -> None:
    """/healthz, /readyz and /metrics: outside the session and the console's sign-in
    (load balancers and Prometheus call them; /metrics has its own token)."""
    from passback.observability import endpoints, health

    def scheduler_alive() -> bool:
        running = runtime.jobs.running
        return running is not None and running.alive

    readiness = health.Readiness(
        health.standard_checks(settings.engine, settings.box, scheduler_alive)
    )
    for route in endpoints.routes(readiness, settings.metrics, settings.metrics_token):
        app.add_route(route.path, route.endpoint, methods=list(route.methods or ()))


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(api.PREFIX)


async def _on_problem(request: Request, exc: Exception) -> Response:
    if _is_api(request):
        return await problems.on_problem(request, exc)
    from passback.web.console.render import error_page

    assert isinstance(exc, problems.ProblemError)
    return error_page(request, exc.status, exc.detail)


async def _on_validation(request: Request, exc: Exception) -> Response:
    if _is_api(request):
        return await problems.on_validation(request, exc)
    from passback.web.console.render import error_page

    return error_page(request, 422, "Some of the values sent are not valid.")


async def _on_http(request: Request, exc: Exception) -> Response:
    if _is_api(request) or not isinstance(exc, StarletteHTTPException):
        return await problems.on_http(request, exc)
    from passback.web.console.render import error_page

    return error_page(request, exc.status_code, str(exc.detail or ""))


async def _on_login_required(request: Request, exc: Exception) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": "sign in"}, status_code=401)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    from urllib.parse import quote

    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
