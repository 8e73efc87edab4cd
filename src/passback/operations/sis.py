"""What the console reads from a district's SIS: its district categories (for the mapping
editor), its staff (for the passback group), its grading periods and a teacher's classes.

Reads are small and cached for a few minutes per district (in the process's
`Runtime.sis_reads`), so pages stay quick and a busy console does not hammer the SIS. They
are not retried, and a failure is remembered for a
minute (every read of the district fails at once meanwhile), so opening a page again and
again cannot turn into a storm of requests. Anything going wrong becomes `SisUnavailable`
with a short message a person can act on: the HTTP status and the imsx codeMajor and
description, never the SIS's body (the operator finds the whole error in the logs) and
never a secret.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote

import structlog
from sqlalchemy import Engine

from passback.oneroster import OneRosterClient
from passback.oneroster.errors import OneRosterError
from passback.oneroster.imsx import summary
from passback.oneroster.records import category_from_record
from passback.oneroster.retry import RetryPolicy
from passback.operations.runtime import Runtime
from passback.operations.sis_reads import SisUnavailable as SisUnavailable
from passback.secrets import SecretBox, SecretError
from passback.store import districts as district_store
from passback.store.db import session_scope
from passback.sync.service import client_options

T = TypeVar("T")
# One attempt per read: a person waiting for a page is better told at once.
CONSOLE_RETRY = RetryPolicy(max_attempts=1)
log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class SisOption:
    id: str
    label: str


def forget(runtime: Runtime, district: str) -> None:
    """Drop cached reads of a district (after its connection settings change)."""
    runtime.sis_reads.forget(district)


def client_for(engine: Engine, box: SecretBox, district_id: str) -> OneRosterClient:
    with session_scope(engine, read_only=True) as session:
        district = district_store.get_district(session, district_id)
        if district is None:
            raise SisUnavailable(f"district {district_id} does not exist")
        try:
            secret = district_store.client_secret(session, district_id, box)
        except district_store.MissingSecret:
            raise SisUnavailable(
                "no SIS client secret is stored yet: enter the plugin's client ID and secret "
                "under Configuration › SIS connection"
            ) from None
        except SecretError as exc:
            raise SisUnavailable(str(exc)) from None
    return OneRosterClient(
        client_secret=secret, timeout=15.0, retry=CONSOLE_RETRY, **client_options(district)
    )


def run(
    engine: Engine,
    box: SecretBox,
    district_id: str,
    work: Callable[[OneRosterClient], Awaitable[T]],
) -> T:
    """Run `work` with a client for the district, in a private event loop (routes are
    synchronous and run in worker threads)."""

    async def main() -> T:
        async with client_for(engine, box, district_id) as client:
            return await work(client)

    try:
        return asyncio.run(main())
    except OneRosterError as exc:
        log.warning("sis.read_failed", district=district_id, error=exc.message)
        said = exc.message if exc.status is None else summary(exc.status, exc.imsx)
        raise SisUnavailable(f"the SIS refused or failed: {said}") from None
    except ValueError as exc:  # a malformed URL in the configuration
        raise SisUnavailable(str(exc)) from None


async def _all(client: OneRosterClient, path: str, key: str, **kw: Any) -> list[dict[str, Any]]:
    return [obj async for obj in client.iter_collection(path, key, **kw)]


def district_categories(runtime: Runtime, district_id: str) -> list[str]:
    """Titles of the SIS's district-level categories, sorted."""
    engine, box = runtime.engine, runtime.box

    def load() -> list[str]:
        async def work(client: OneRosterClient) -> list[str]:
            return _district_titles(await _all(client, "categories", "categories"))

        return run(engine, box, district_id, work)

    return runtime.sis_reads.cached(district_id, "categories", load)


def _district_titles(categories: list[dict[str, Any]]) -> list[str]:
    """Titles of rows that may be district categories, read as the sync reads them: a row
    the SIS does not mark as a teacher's own (`categoryType` "user") counts."""
    titles = set()
    for record in categories:
        if not record.get("sourcedId"):
            continue
        cat = category_from_record(record)
        if cat.district_level is not False and cat.title:
            titles.add(cat.title)
    return sorted(titles)


def staff(runtime: Runtime, district_id: str) -> list[SisOption]:
    """SIS users who can assign work (teachers and administrators), for the group picker,
    remembered a few minutes."""
    engine, box = runtime.engine, runtime.box
    return runtime.sis_reads.cached(
        district_id, "staff", lambda: read_staff(engine, box, district_id)
    )


def read_staff(engine: Engine, box: SecretBox, district_id: str) -> list[SisOption]:
    """`staff` read from the SIS now. Labels are names: shown to the district's own staff,
    never logged."""

    async def work(client: OneRosterClient) -> list[SisOption]:
        users = await _all(client, "users", "users", filter="role!='student'")
        out = []
        for u in users:
            sid = str(u.get("sourcedId", "")).strip()
            if not sid or str(u.get("status", "active")).lower() == "tobedeleted":
                continue
            name = " ".join(p for p in (u.get("givenName"), u.get("familyName")) if p)
            role = str(u.get("role", ""))
            out.append(SisOption(sid, f"{name or sid} ({sid}, {role})"))
        return sorted(out, key=lambda o: o.label.lower())

    return run(engine, box, district_id, work)


def grading_periods(runtime: Runtime, district_id: str) -> list[SisOption]:
    engine, box = runtime.engine, runtime.box

    def load() -> list[SisOption]:
        async def work(client: OneRosterClient) -> list[SisOption]:
            sessions = await _all(client, "academicSessions", "academicSessions")
            out = []
            for s in sessions:
                if s.get("type") != "gradingPeriod":
                    continue
                sid = str(s.get("sourcedId", "")).strip()
                label = (
                    f"{s.get('title') or sid} ({sid}, {s.get('startDate', '')[:10]} to "
                    f"{s.get('endDate', '')[:10]})"
                )
                out.append(SisOption(sid, label))
            return sorted(out, key=lambda o: o.label)

        return run(engine, box, district_id, work)

    return runtime.sis_reads.cached(district_id, "periods", load)


def teacher_classes(runtime: Runtime, district_id: str, teacher: str) -> dict[str, str]:
    """The classes a teacher teaches: class sourcedId -> title."""
    engine, box = runtime.engine, runtime.box

    def load() -> dict[str, str]:
        async def work(client: OneRosterClient) -> dict[str, str]:
            path = f"teachers/{quote(teacher, safe='')}/classes"
            classes = await _all(client, path, "classes")
            return {
                str(c["sourcedId"]).strip(): str(c.get("title") or c["sourcedId"])
                for c in classes
                if c.get("sourcedId")
            }

        return run(engine, box, district_id, work)

    return runtime.sis_reads.cached(district_id, f"classes:{teacher}", load)


def class_titles(runtime: Runtime, district_id: str) -> dict[str, str]:
    engine, box = runtime.engine, runtime.box

    def load() -> dict[str, str]:
        async def work(client: OneRosterClient) -> dict[str, str]:
            classes = await _all(client, "classes", "classes", fields=["sourcedId", "title"])
            return {
                str(c["sourcedId"]).strip(): str(c.get("title") or c["sourcedId"])
                for c in classes
                if c.get("sourcedId")
            }

        return run(engine, box, district_id, work)

    return runtime.sis_reads.cached(district_id, "class-titles", load)
