"""The small HTTP server of `passback worker --health-port`: the probes and the metrics in
a thread of their own (uvicorn), so they answer while jobs run and vanish with the
process."""

from __future__ import annotations

import threading
import time

import uvicorn
from starlette.applications import Starlette

from passback.observability.endpoints import routes
from passback.observability.health import Readiness
from passback.observability.metrics import Metrics


class HealthServer:
    def __init__(
        self,
        readiness: Readiness,
        metrics: Metrics | None,
        token: str | None,
        *,
        host: str = "0.0.0.0",  # noqa: S104 - probed from outside the container
        port: int,
    ) -> None:
        app = Starlette(routes=routes(readiness, metrics, token))
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="health", daemon=True)
        self.host, self.port = host, port

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the health port {self.port} could not be opened")
            time.sleep(0.02)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
