"""Readiness: can this process do its work now? Each check raises when it cannot; the
probe answers a status per check and logs (never returns) what went wrong.

- `database`: a `SELECT 1` answers;
- `migrations`: the schema is at the newest revision this code knows;
- `secret_key`: the key that opens SIS secrets is loaded and works;
- `scheduler` (SQLite, `passback serve`): the embedded scheduler's threads run;
  `queue` (PostgreSQL): procrastinate's tables are there (and, in a worker, its loop runs).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import structlog
from sqlalchemy import Engine, text

from passback.operations.database import head_revision, schema_revision
from passback.secrets import SecretBox

log = structlog.get_logger(__name__)

OK = "ok"
FAILING = "failing"

Check = Callable[[], None]


class NotReady(RuntimeError):
    """A check's failure; the message goes to the log, not to the caller."""


def database(engine: Engine) -> Check:
    def check() -> None:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    return check


def migrations(engine: Engine) -> Check:
    def check() -> None:
        found = schema_revision(engine)
        if found != head_revision():
            raise NotReady(f"the schema is at {found}, this code needs {head_revision()}")

    return check


def secret_key(box: SecretBox | None) -> Check:
    def check() -> None:
        if box is None:
            raise NotReady("no secret key loaded")
        probe = "readiness probe"
        if box.decrypt("readyz", box.encrypt("readyz", probe)) != probe:
            raise NotReady("the secret key does not open what it sealed")

    return check


def scheduler(engine: Engine, scheduler_alive: Callable[[], bool]) -> Check:
    """SQLite: the embedded scheduler of this process runs (`scheduler_alive`, from the
    process's runtime). PostgreSQL: the queue's tables are there (workers are probed on
    their own ports)."""

    def check() -> None:
        if engine.dialect.name == "sqlite":
            if not scheduler_alive():
                raise NotReady("the embedded scheduler is not running")
            return
        queue_tables(engine)()

    return check


def queue_tables(engine: Engine) -> Check:
    def check() -> None:
        with engine.connect() as connection:
            found = connection.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar()
        if found is None:
            raise NotReady("the queue's tables are missing (start a passback worker once)")

    return check


def standard_checks(
    engine: Engine, box: SecretBox | None, scheduler_alive: Callable[[], bool]
) -> dict[str, Check]:
    """The web app's checks; the name of the last is `scheduler` or `queue`."""
    last = "scheduler" if engine.dialect.name == "sqlite" else "queue"
    return {
        "database": database(engine),
        "migrations": migrations(engine),
        "secret_key": secret_key(box),
        last: scheduler(engine, scheduler_alive),
    }


@dataclass
class Readiness:
    checks: Mapping[str, Check]
    timeout: float = 5.0  # a check that takes longer fails
    _last: dict[str, str] = field(default_factory=dict)

    async def run(self) -> tuple[bool, dict[str, str]]:
        """(all ok, {check: "ok" | "failing"}), the checks in their order."""
        results = await asyncio.gather(*(self._one(n, c) for n, c in self.checks.items()))
        statuses = dict(zip(self.checks, results, strict=True))
        return all(s == OK for s in statuses.values()), statuses

    async def _one(self, name: str, check: Check) -> str:
        try:
            await asyncio.wait_for(asyncio.to_thread(check), self.timeout)
        except Exception as exc:
            reason = "timed out" if isinstance(exc, TimeoutError) else _plain(exc)
            if self._last.get(name) != FAILING:
                log.warning("readiness.failing", check=name, reason=reason)
            self._last[name] = FAILING
            return FAILING
        if self._last.get(name) == FAILING:
            log.info("readiness.recovered", check=name)
        self._last[name] = OK
        return OK


def _plain(exc: Exception) -> str:
    """A failure's kind and first line; connection errors can carry the URL, so SQL
    errors show their driver's class only."""
    if isinstance(exc, NotReady):
        return str(exc)
    return type(exc).__name__
