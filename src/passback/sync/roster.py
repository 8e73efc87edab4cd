"""Reading what the rules need from the SIS: sessions, classes, users, enrollments,
categories. Once per run, paged, turned into a `SisContext`.

Raw dicts are read (not typed models) and only the fields the rules use are kept: a large
district has hundreds of thousands of enrollments, and this is the hot path of a run's reads.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Mapping
from datetime import date
from typing import Any, Protocol

from passback.core.domain import Enrollment, GradingPeriod, SisClass, SisUser
from passback.core.refs import ref_id
from passback.core.sis_view import SisContext
from passback.oneroster.errors import RecordRejected
from passback.oneroster.records import (
    active,
    category_from_record,
    flag,
    iso_day,
    user_dcid,
)


class CollectionReader(Protocol):
    def iter_collection(
        self, path: str, key: str, *, filter: str | None = None
    ) -> AsyncIterator[dict[str, Any]]: ...


def trimmed_ids(obj: dict[str, Any]) -> dict[str, Any]:
    """The object with blanks around its sourcedId and its references' sourcedIds removed
    (some SISs pad them; passback's ids and the ledger have none). The object itself when
    nothing needs trimming, which is the usual case."""
    out = obj
    for name, value in obj.items():
        if name == "sourcedId":
            if isinstance(value, str) and value != value.strip():
                out = out if out is not obj else dict(obj)
                out[name] = value.strip()
        elif isinstance(value, Mapping):
            sid = value.get("sourcedId")
            if isinstance(sid, str) and sid != sid.strip():
                out = out if out is not obj else dict(obj)
                out[name] = {**value, "sourcedId": sid.strip()}
    return out


async def _all(reader: CollectionReader, path: str, key: str, **kw: Any) -> list[dict[str, Any]]:
    return [obj async for obj in reader.iter_collection(path, key, **kw)]


# The roster collections a run reads: name -> (path, JSON key, filter).
ROSTER: dict[str, tuple[str, str, str | None]] = {
    "academicSessions": ("academicSessions", "academicSessions", None),
    "classes": ("classes", "classes", None),
    "users": ("users", "users", "role!='student'"),
    "enrollments": ("enrollments", "enrollments", None),
    "categories": ("categories", "categories", None),
    # only for names (`passback.store.names`): the rules never look at students' records
    "students": ("users", "users", "role='student'"),
}


async def read_roster(reader: CollectionReader) -> dict[str, list[dict[str, Any]]]:
    """Every roster collection, whole."""
    names = list(ROSTER)
    found = await asyncio.gather(
        *(_all(reader, path, key, filter=flt) for path, key, flt in ROSTER.values())
    )
    return dict(zip(names, found, strict=True))


async def load_context(reader: CollectionReader) -> SisContext:
    """Read the roster of a district and index it for the rules."""
    return context_from_records(await read_roster(reader))


def context_from_records(records: Mapping[str, list[dict[str, Any]]]) -> SisContext:
    """The rules' index of roster records (as the SIS returns them, or as cached)."""
    sessions = records["academicSessions"]
    classes = records["classes"]
    users = records["users"]
    enrollments = records["enrollments"]
    categories = records["categories"]
    periods: list[GradingPeriod] = []
    parents: dict[str, str | None] = {}
    for s in sessions:
        sid = str(s.get("sourcedId", "")).strip()
        if not sid or not active(s):
            continue
        start, end = iso_day(s.get("startDate")), iso_day(s.get("endDate"))
        if s.get("type") == "gradingPeriod":
            if start is not None and end is not None:
                periods.append(
                    GradingPeriod(sid, str(s.get("title", "")), start, end, ref_id(s.get("parent")))
                )
        else:
            parents[sid] = ref_id(s.get("parent"))
    return SisContext.build(
        users=[
            SisUser(
                str(u["sourcedId"]).strip(),
                str(u.get("role", "")),
                enabled=flag(u.get("enabledUser"), True),
                dcid=user_dcid(u),
            )
            for u in users
            if active(u) and u.get("sourcedId")
        ],
        classes=[
            SisClass(
                str(c["sourcedId"]).strip(),
                str(c.get("title", "")),
                tuple(t for t in (ref_id(x) for x in c.get("terms") or ()) if t),
                active=active(c),
            )
            for c in classes
            if c.get("sourcedId")
        ],
        grading_periods=periods,
        categories=[category_from_record(c) for c in categories if c.get("sourcedId")],
        enrollments=_enrollments(enrollments),
        term_parents=parents,
    )


def _enrollments(records: list[dict[str, Any]]) -> list[Enrollment]:
    """A large district has a quarter of a million enrollments that share a few thousand
    ids and dates: each distinct value is kept once (interned ids, one date object per
    distinct date), which halves the roster's memory."""
    days: dict[str | None, date | None] = {}

    def day(value: Any) -> date | None:
        if value is None or value.__class__ is str:
            if value not in days:
                days[value] = iso_day(value)
            return days[value]
        return iso_day(value)

    out: list[Enrollment] = []
    for e in records:
        user, class_id = ref_id(e.get("user")), ref_id(e.get("class"))
        if not user or not class_id:
            continue
        out.append(
            Enrollment(
                sys.intern(user),
                sys.intern(class_id),
                sys.intern(str(e.get("role", ""))),
                primary=flag(e.get("primary")),
                active=active(e),
                begin=day(e.get("beginDate")),
                end=day(e.get("endDate")),
            )
        )
    return out


async def load_gradebook(
    reader: CollectionReader, class_ids: list[str]
) -> dict[str, dict[str, Any]]:
    """The SIS's current lineItems and results of the given classes, by sourcedId."""

    async def one(class_id: str) -> list[dict[str, Any]]:
        try:
            items = await _all(reader, f"classes/{class_id}/lineItems", "lineItems")
            results = await _all(reader, f"classes/{class_id}/results", "results")
        except RecordRejected as exc:
            if exc.status == 404:  # the class is gone from the SIS: so is its gradebook
                return []
            raise
        return items + results

    found: dict[str, dict[str, Any]] = {}
    for objs in await asyncio.gather(*(one(c) for c in class_ids)):
        for obj in objs:
            sid = str(obj.get("sourcedId", "")).strip()
            if sid and active(obj):
                found[sid] = trimmed_ids(obj)
    return found


class PerClassGradebook:
    """The gradebook read class by class: `/classes/{id}/lineItems` and
    `/classes/{id}/results` (two paged reads per class)."""

    def __init__(self, reader: CollectionReader) -> None:
        self.reader = reader

    async def read(self, class_ids: list[str]) -> dict[str, dict[str, Any]]:
        return await load_gradebook(self.reader, class_ids)
