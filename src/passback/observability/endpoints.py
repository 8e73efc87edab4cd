"""`/healthz`, `/readyz` and `/metrics` as Starlette routes: the web app adds them beside
its own, `passback worker --health-port` serves them alone. None of them needs a session;
`/metrics` has its own optional bearer token.

- `/healthz`: 200 while the process answers (no dependency is asked).
- `/readyz`: 200 when every readiness check passes, else 503; the body names each check
  and its status (`ok` | `failing`), nothing more.
- `/metrics`: the Prometheus text format; 404 when metrics are off, 401 without the right
  token when one is set.
"""

from __future__ import annotations

import hmac

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from passback.observability.health import Readiness
from passback.observability.metrics import CONTENT_TYPE, Metrics

NO_STORE = {"Cache-Control": "no-store"}


def routes(readiness: Readiness, metrics: Metrics | None, token: str | None) -> list[Route]:
    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"}, headers=NO_STORE)

    async def readyz(request: Request) -> Response:
        ok, checks = await readiness.run()
        failing = [name for name, status in checks.items() if status != "ok"]
        body: dict[str, object] = {"status": "ok" if ok else "failing", "checks": checks}
        if failing:
            body["failing"] = failing
        return JSONResponse(body, status_code=200 if ok else 503, headers=NO_STORE)

    async def metrics_page(request: Request) -> Response:
        if metrics is None:
            return PlainTextResponse("metrics are off (PASSBACK_METRICS=on)\n", status_code=404)
        if token is not None and not _bearer_matches(request, token):
            return PlainTextResponse(
                "a bearer token is required\n",
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="metrics"', **NO_STORE},
            )
        body = await run_in_threadpool(metrics.exposition)
        return Response(body, media_type=CONTENT_TYPE, headers=NO_STORE)

    return [
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
        Route("/readyz", readyz, methods=["GET", "HEAD"]),
        Route("/metrics", metrics_page, methods=["GET"]),
    ]


def _bearer_matches(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())
