"""One run per district at a time, whatever starts it (CLI, console, API, worker).

PostgreSQL: a session-level advisory lock on a connection held for the run. SQLite
(embedded mode, one machine): an exclusive `flock` on a file beside the database. Both are
released by the operating system or the server when the holder dies, so a killed run never
leaves a district locked.
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import Engine, text

from passback.settings import sqlite_file


class DistrictBusy(RuntimeError):
    def __init__(self, district: str) -> None:
        super().__init__(f"a run of district {district!r} is already in progress")
        self.district = district


def _key(district: str) -> int:
    digest = hashlib.sha256(b"passback-district-run\x1f" + district.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@asynccontextmanager
async def district_run_lock(
    engine: Engine,
    district: str,
    *,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> AsyncIterator[None]:
    """Hold the district's run lock for the block. With `wait`, block until it is free
    (calling `on_wait` once if it is not free at first); without, raise `DistrictBusy`."""
    if engine.dialect.name == "postgresql":
        async with _advisory(engine, district, wait, on_wait):
            yield
        return
    path = sqlite_file(str(engine.url))
    if path is None:  # an in-memory database: one process, nothing to share
        yield
        return
    async with _flock(path, district, wait, on_wait):
        yield


@asynccontextmanager
async def _advisory(
    engine: Engine, district: str, wait: bool, on_wait: Callable[[], None] | None
) -> AsyncIterator[None]:
    key = _key(district)
    connection = await asyncio.to_thread(engine.connect)
    try:
        got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
        if not got:
            if not wait:
                raise DistrictBusy(district)
            if on_wait:
                on_wait()
            await asyncio.to_thread(
                lambda: connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
            )
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            connection.commit()
    finally:
        connection.close()


def lock_path(database: Path, district: str) -> Path:
    """The lock file of a district beside a SQLite database."""
    name = hashlib.sha256(district.encode()).hexdigest()[:32]
    return database.parent / f"{database.name}.locks" / f"{name}.lock"


@asynccontextmanager
async def _flock(
    database: Path, district: str, wait: bool, on_wait: Callable[[], None] | None
) -> AsyncIterator[None]:
    path = lock_path(database, district)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise DistrictBusy(district) from None
            if on_wait:
                on_wait()
            await asyncio.to_thread(fcntl.flock, fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
