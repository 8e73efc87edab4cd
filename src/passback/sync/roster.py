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

from passback.core.domain import Enrollment, GradingPeriod, SisCategory, SisClass, SisUser
from passback.core.refs import ref_id
from passback.core.sis_view import SisContext
from passback.oneroster.errors import RecordRejected


class CollectionReader(Protocol):
    def iter_collection(
        self, path: str, key: str, *, filter: str | None = None
    ) -> AsyncIterator[dict[str, Any]]: ...


def _flag(value: Any, default: bool = False) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return default
    return str(value).strip().lower() == "true"


def _date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


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


def _active(obj: Mapping[str, Any]) -> bool:
    return str(obj.get("status", "active")).lower() == "active"


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
        if not sid or not _active(s):
            continue
        start, end = _date(s.get("startDate")), _date(s.get("endDate"))
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
                enabled=_flag(u.get("enabledUser"), True),
                dcid=user_dcid(u),
            )
            for u in users
            if _active(u) and u.get("sourcedId")
        ],
        classes=[
            SisClass(
                str(c["sourcedId"]).strip(),
                str(c.get("title", "")),
                tuple(t for t in (ref_id(x) for x in c.get("terms") or ()) if t),
                active=_active(c),
            )
            for c in classes
            if c.get("sourcedId")
        ],
        grading_periods=periods,
        categories=[category_from_record(c) for c in categories if c.get("sourcedId")],
        enrollments=_enrollments(enrollments),
        term_parents=parents,
    )


def category_from_record(c: Mapping[str, Any]) -> SisCategory:
    """A category as the rules see it, from the SIS's record. PowerSchool's shape
    (sis-vendors.md §1.3): `metadata.userDcid` (the owning teacher's dcid) and
    `metadata.TermID` (the school year); the first sandbox's `metadata.teacher` (a user
    sourcedId) is read too. `categoryType` and `isActive` are used when present (None /
    active when absent); `metadata.classId` scopes a category to one class (Canvas's
    extension, sis-vendors.md §9)."""
    kind = (_meta(c, "categoryType") or "").lower()
    flag = _meta(c, "isActive")
    return SisCategory(
        str(c["sourcedId"]).strip(),
        str(c.get("title", "")).strip(),
        _meta(c, "teacher") or None,
        district_level=True if kind == "district" else False if kind == "user" else None,
        active=_active(c) and (flag is None or _flag(flag, True)),
        teacher_dcid=_meta(c, "userDcid") or None,
        term=_meta(c, "TermID") or None,
        class_id=_meta(c, "classId") or None,
    )


def user_dcid(user: Mapping[str, Any]) -> str | None:
    """PowerSchool's dcid of a user: the identifier of its `userIds` entry of type "dcid"
    (docs/sandbox.md); None when the SIS gives none (the sourcedId then stands for it)."""
    for entry in user.get("userIds") or ():
        if isinstance(entry, Mapping) and str(entry.get("type", "")).strip().lower() == "dcid":
            value = str(entry.get("identifier", "")).strip()
            if value:
                return value
    return None


def _enrollments(records: list[dict[str, Any]]) -> list[Enrollment]:
    """A large district has a quarter of a million enrollments that share a few thousand
    ids and dates: each distinct value is kept once (interned ids, one date object per
    distinct date), which halves the roster's memory."""
    days: dict[str | None, date | None] = {}

    def day(value: Any) -> date | None:
        if value is None or value.__class__ is str:
            if value not in days:
                days[value] = _date(value)
            return days[value]
        return _date(value)

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
                primary=_flag(e.get("primary")),
                active=_active(e),
                begin=day(e.get("beginDate")),
                end=day(e.get("endDate")),
            )
        )
    return out


def _meta(obj: Mapping[str, Any], key: str) -> str | None:
    meta = obj.get("metadata")
    if isinstance(meta, Mapping) and meta.get(key) is not None:
        return str(meta[key]).strip()
    return None


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
            if sid and _active(obj):
                found[sid] = trimmed_ids(obj)
    return found


class PerClassGradebook:
    """The gradebook read class by class: `/classes/{id}/lineItems` and
    `/classes/{id}/results` (two paged reads per class)."""

    def __init__(self, reader: CollectionReader) -> None:
        self.reader = reader

    async def read(self, class_ids: list[str]) -> dict[str, dict[str, Any]]:
        return await load_gradebook(self.reader, class_ids)
