"""What a district's SIS refused to let passback do, learned once (migration 0005_wire).

Today one capability: `delete` — the token endpoint refused the gradebook.delete scope, or
the SIS answered a DELETE with 405. Later runs then neither ask for the scope nor send a
DELETE: each planned removal is reported as a `SIS_CANNOT_DELETE` skip.

A refusal is tied to the district's SIS connection settings as they were when it was
learned (`settings`, a digest of base URL, token URL, client id, profile and scopes). It no
longer applies — passback tries deleting again — when those settings change (the district
re-enables deletes by changing its scopes or credentials, e.g. after the SIS granted the
scope), or after `RECHECK_AFTER` days (the SIS may have been upgraded meanwhile).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from passback.core.domain import District
from passback.store.db import dialect_insert
from passback.store.schema.sis_learned import SisRefusalRow

DELETE = "delete"
RECHECK_AFTER = timedelta(days=30)


def settings_digest(district: District) -> str:
    """A digest of the connection settings a refusal depends on."""
    sis = district.sis
    parts = [sis.base_url, sis.token_url, sis.client_id, sis.profile, list(sis.scopes or ())]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def learn(
    session: Session, district: District, capability: str, message: str, now: datetime
) -> None:
    """Remember (or renew) that the SIS refuses `capability`."""
    session.execute(
        delete(SisRefusalRow).where(
            SisRefusalRow.district_id == district.id, SisRefusalRow.capability == capability
        )
    )
    insert = dialect_insert(session)
    session.execute(
        insert(SisRefusalRow)
        .values(
            district_id=district.id,
            capability=capability,
            settings=settings_digest(district),
            learned_at=now,
            message=message,
        )
        .on_conflict_do_nothing()
    )


def refused(session: Session, district: District, capability: str, now: datetime) -> str | None:
    """The SIS's words if it refuses `capability` under the district's current settings
    and the refusal is younger than `RECHECK_AFTER`; else None."""
    row = session.get(SisRefusalRow, (district.id, capability))
    if row is None or row.settings != settings_digest(district):
        return None
    learned_at = row.learned_at if row.learned_at.tzinfo else row.learned_at.replace(tzinfo=UTC)
    if now - learned_at >= RECHECK_AFTER:
        return None
    return row.message


def refusals(session: Session, district: District, now: datetime) -> dict[str, str]:
    """Every refusal in force (capability → message), for `district show`."""
    rows = session.scalars(
        select(SisRefusalRow.capability).where(SisRefusalRow.district_id == district.id)
    )
    found = {}
    for capability in rows:
        said = refused(session, district, capability, now)
        if said is not None:
            found[capability] = said
    return found
