"""The sandbox as a separate process, as a real SIS would be: the benchmark's timings then
do not share an interpreter (or its GIL) with the SIS."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

API = "/ims/oneroster/v1p1"


@dataclass(frozen=True)
class RunningSandbox:
    root_url: str
    pid: int

    @property
    def base_url(self) -> str:
        return self.root_url + API

    @property
    def token_url(self) -> str:
        return self.root_url + "/oauth/access_token"

    def control(self, method: str, path: str, body: Any = None) -> Any:
        response = httpx.request(method, self.root_url + path, json=body, timeout=600)
        response.raise_for_status()
        return response.json()

    def stats(self) -> dict[str, Any]:
        found: dict[str, Any] = self.control("GET", "/sandbox/stats")
        return found

    def reset_stats(self) -> None:
        self.control("POST", "/sandbox/stats/reset")

    def set_faults(self, **faults: Any) -> None:
        self.control("POST", "/sandbox/faults", faults)

    def dump(self) -> dict[str, Any]:
        found: dict[str, Any] = self.control("GET", "/sandbox/dump")
        return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def sandbox_process(fixture: Path, *, latency_ms: float = 0) -> Iterator[RunningSandbox]:
    """`passback sandbox serve --data FIXTURE` on a free port, until the block ends."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "passback",
        "sandbox",
        "serve",
        "--data",
        str(fixture),
        "--port",
        str(port),
        "--latency-ms",
        str(latency_ms),
    ]
    # our own interpreter and command, arguments from this function
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    running = RunningSandbox(f"http://127.0.0.1:{port}", process.pid)
    try:
        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the sandbox stopped at start (exit {process.returncode})")
            try:
                running.stats()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the sandbox did not answer within 300 s") from None
                time.sleep(0.2)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
