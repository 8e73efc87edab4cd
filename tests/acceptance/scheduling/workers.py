"""Real `passback worker` processes for the PostgreSQL tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FAST = ["--heartbeat", "0.5", "--stalled-after", "3", "--shutdown-timeout", "20"]


class Workers:
    def __init__(self, url: str, folder: Path) -> None:
        self.url = url
        self.folder = folder
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, n: int = 1, *extra: str) -> list[subprocess.Popen[bytes]]:
        started = []
        for _ in range(n):
            number = len(self.procs)
            log = (self.folder / f"worker-{number}.log").open("wb")
            proc = subprocess.Popen(
                [sys.executable, "-m", "passback", "worker", "--concurrency", "3", *FAST, *extra],
                env={**os.environ, "PASSBACK_DATABASE_URL": self.url},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            self.procs.append(proc)
            started.append(proc)
        return started

    def by_pid(self, pid: int) -> subprocess.Popen[bytes]:
        return next(p for p in self.procs if p.pid == pid)

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-4000:] for p in self.folder.glob("*.log"))

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextmanager
def workers(url: str, folder: Path) -> Iterator[Workers]:
    pool = Workers(url, folder)
    try:
        yield pool
    finally:
        pool.stop_all()
