"""`explain`: every decision for one assessment (and optionally one student), evaluated
now against the SIS, with what passback would do and why."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from passback.core.clock import utc_now
from passback.core.report import item_row
from passback.oneroster import OneRosterClient
from passback.secrets import SecretBox
from passback.store import districts as district_store
from passback.store import names as name_store
from passback.store import source as source_store
from passback.store.db import session_scope
from passback.sync.service import (
    SyncRequest,
    UnknownDistrict,
    build_plan,
    client_options,
)


async def explain(
    engine: Engine,
    district_id: str,
    assessment: str,
    *,
    box: SecretBox,
    student: str | None = None,
    as_of: date | None = None,
) -> dict[str, Any]:
    with session_scope(engine) as session:
        district = district_store.get_district(session, district_id)
        if district is None:
            raise UnknownDistrict(district_id)
        secret = district_store.client_secret(session, district.id, box)
        found = [
            a for a in source_store.load_assessments(session, district.id) if a.id == assessment
        ]
    day = as_of or district.local_date(utc_now())
    out: dict[str, Any] = {
        "district": district.id,
        "assessment": assessment,
        "student": student,
        "as_of": day.isoformat(),
        "known": bool(found),  # False: the platform never sent this assessment
        "names": {"assessment": found[0].title if found else assessment},
        "items": [],
    }
    if not found:
        return out
    async with OneRosterClient(client_secret=secret, **client_options(district)) as client:
        request = SyncRequest(district.id, dry_run=True, as_of=day)
        plan, _ = await build_plan(
            engine, client, district, request, day, only_classes=set(found[0].classes)
        )
    rows = [
        item_row(i)
        for i in plan.items
        if i.assessment == assessment and (student is None or i.student in (None, student))
    ]
    with session_scope(engine, read_only=True) as session:
        out["items"] = list(name_store.with_names(session, district.id, rows))
        if student is not None:
            book = name_store.NameBook(district.id)
            book.fill(session, student=[student])
            out["names"]["student"] = book.name(name_store.STUDENT, student)
    return out
