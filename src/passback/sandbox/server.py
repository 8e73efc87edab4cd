"""Run the sandbox with uvicorn in a background thread (tests, the demo) or in the foreground
(the CLI), on a socket bound before start so port 0 yields a known free port.

Thread safety: `srv.state` is the live `SandboxState`; its methods take its lock, so a test
thread may read (or `upsert`) while the server thread serves.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn
from starlette.applications import Starlette

from passback.sandbox.app import OAUTH_ROUTE, create_app
from passback.sandbox.faults import FaultConfig
from passback.sandbox.runtime import SandboxRuntime
from passback.sandbox.schema import API_PREFIX
from passback.sandbox.state import SandboxState


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must say TCP: asyncio sets TCP_NODELAY on accepted sockets only then, and without
    # it every response (status line and body are separate writes) waits ~40 ms for an ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def uvicorn_config(
    app: Starlette, host: str, port: int, log_level: str = "warning"
) -> uvicorn.Config:
    # "auto" picks uvloop and httptools when installed (uvicorn[standard]), else asyncio + h11.
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        loop="auto",
        http="auto",
        lifespan="on",
        access_log=False,
        log_level=log_level,
        timeout_graceful_shutdown=2,
        server_header=False,
    )


class SandboxServer:
    """`with SandboxServer(state) as srv:` serves on 127.0.0.1:<free port> until the block ends."""

    def __init__(
        self,
        state: SandboxState,
        faults: FaultConfig | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        state_file: str | Path | None = None,
        profile: str | None = None,
    ) -> None:
        self.state = state
        self.host = host
        self.app = create_app(state, faults, state_file=state_file, profile=profile)
        self._sock = bind_socket(host, port)
        self.port: int = self._sock.getsockname()[1]
        self._server = uvicorn.Server(uvicorn_config(self.app, host, self.port))
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._sock]},
            daemon=True,
            name=f"sandbox-{self.port}",
        )

    @property
    def runtime(self) -> SandboxRuntime:
        runtime: SandboxRuntime = self.app.state.sandbox
        return runtime

    @property
    def root_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.root_url + API_PREFIX

    @property
    def token_url(self) -> str:
        return self.root_url + OAUTH_ROUTE

    def set_faults(self, faults: FaultConfig) -> None:
        """Same as `POST /sandbox/faults` with every field: replaces the config and reseeds."""
        self.runtime.set_faults(faults)

    def start(self) -> SandboxServer:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the sandbox server failed to start (see the log above)")
            if time.monotonic() > deadline:
                raise RuntimeError("the sandbox server did not start within 15 s")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop serving (the lifespan saves `state_file` first) and release the port."""
        self._server.should_exit = True
        if self._thread.ident is not None:
            self._thread.join(timeout=10)
        self._sock.close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
