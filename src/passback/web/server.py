"""Running the app: `serve` for `passback serve` (blocks), `ConsoleServer` for the demo
and the browser tests (uvicorn in a background thread on a free loopback port)."""

from __future__ import annotations

import socket
import threading
import time
from typing import Self

import uvicorn

from passback.operations.runtime import Runtime
from passback.web.app import create_app
from passback.web.config import WebSettings


def serve(
    settings: WebSettings,
    *,
    host: str,
    port: int,
    forwarded_allow_ips: str | None = None,
    runtime: Runtime | None = None,
) -> None:
    """Serve until stopped. `X-Forwarded-For`/`-Proto` are believed only from the proxies
    listed in `forwarded_allow_ips` (addresses or networks, comma-separated); without it
    they are ignored, so no client can pick the address the login limiter counts.
    `runtime`: the process's (with its running scheduler); else the app builds one."""
    uvicorn.run(
        create_app(settings, runtime),
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=bool(forwarded_allow_ips),
        forwarded_allow_ips=forwarded_allow_ips or "",
    )


class ConsoleServer:
    """`with ConsoleServer(settings) as server: server.url`: the console on loopback."""

    def __init__(
        self,
        settings: WebSettings,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        runtime: Runtime | None = None,
    ) -> None:
        if port == 0:
            with socket.socket() as probe:
                probe.bind((host, 0))
                port = probe.getsockname()[1]
        self.host, self.port = host, port
        config = uvicorn.Config(
            create_app(settings, runtime),
            host=host,
            port=port,
            log_level="warning",
            lifespan="off",
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="console", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the console did not start on {self.url}")
            time.sleep(0.02)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
