"""Districts in the store: configuration, the encrypted client secret, the grading
periods learned to be closed, and whether the district is active (docs/scheduling.md#activation).

The `config` column holds the district's document (`passback.core.district_document`)
without id, name, time zone and secret; it was validated before it was saved, and is read
back as it was written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from passback.core.clock import utc_now
from passback.core.district_document import config_document, district_from_document
from passback.core.domain import District
from passback.secrets import SecretBox
from passback.store.db import dialect_insert
from passback.store.schema.districts import DistrictRow
from passback.store.schema.sis_learned import LearnedClosedPeriodRow

_COLUMNS = ("id", "name", "timezone")


class MissingSecret(LookupError):
    """The district has no stored client secret (or does not exist)."""


def _config_json(district: District) -> dict[str, Any]:
    document = config_document(district, secret_stored=False)
    return {key: value for key, value in document.items() if key not in _COLUMNS}


def _district(row: DistrictRow, learned: set[str]) -> District:
    document = {**row.config, "id": row.id, "name": row.name, "timezone": row.timezone}
    district = district_from_document(document)
    if not learned:
        return district
    return replace(district, closed_grading_periods=district.closed_grading_periods | learned)


def save_district(
    session: Session,
    district: District,
    client_secret: str | None,
    box: SecretBox | None,
    *,
    now: datetime | None = None,
) -> bool:
    """Create or update a district; True when it was created. `client_secret=None` keeps
    the stored secret (a new district then has none). `box` may be None only then."""
    now = now or utc_now()
    row = session.get(DistrictRow, district.id)
    created = row is None
    if row is None:
        row = DistrictRow(id=district.id, created_at=now, secret_ciphertext=None)
        session.add(row)
    row.name = district.name
    row.timezone = district.timezone
    row.config = _config_json(district)
    row.updated_at = now
    if client_secret is not None:
        if box is None:
            raise ValueError("a SecretBox is needed to store a client secret")
        row.secret_ciphertext = box.encrypt(district.id, client_secret)
    session.flush()
    return created


def get_district(
    session: Session, district_id: str, *, include_learned: bool = True
) -> District | None:
    """The district; its closed grading periods are the configured ones plus those learned
    from the SIS (`include_learned=False`: the configured ones only)."""
    row = session.get(DistrictRow, district_id)
    if row is None:
        return None
    learned = set(learned_closed_periods(session, district_id)) if include_learned else set()
    return _district(row, learned)


def list_districts(session: Session) -> list[District]:
    rows = session.scalars(select(DistrictRow).order_by(DistrictRow.id)).all()
    learned: dict[str, set[str]] = {}
    for district_id, period_id in session.execute(
        select(LearnedClosedPeriodRow.district_id, LearnedClosedPeriodRow.period_id)
    ):
        learned.setdefault(district_id, set()).add(period_id)
    return [_district(row, learned.get(row.id, set())) for row in rows]


def has_client_secret(session: Session, district_id: str) -> bool:
    stored = session.scalar(
        select(DistrictRow.secret_ciphertext).where(DistrictRow.id == district_id)
    )
    return stored is not None


def client_secret(session: Session, district_id: str, box: SecretBox) -> str:
    """The decrypted client secret. Raises `MissingSecret`, or `SecretError` when it does
    not decrypt with this key."""
    stored = session.scalar(
        select(DistrictRow.secret_ciphertext).where(DistrictRow.id == district_id)
    )
    if stored is None:
        raise MissingSecret(
            f"district {district_id} has no SIS client secret stored; add sis.client_secret "
            "to its config file and run `passback district apply` again"
        )
    return box.decrypt(district_id, stored)


@dataclass(frozen=True, slots=True)
class Activation:
    """Whether real runs may start for a district, and who last activated or paused it.
    A district never activated has `activated_at` None."""

    active: bool
    activated_at: datetime | None = None
    activated_by: str | None = None
    paused_at: datetime | None = None
    paused_by: str | None = None


def _activation(row: DistrictRow) -> Activation:
    return Activation(
        active=bool(row.active),
        activated_at=row.activated_at,
        activated_by=row.activated_by,
        paused_at=row.paused_at,
        paused_by=row.paused_by,
    )


def activation(session: Session, district_id: str) -> Activation | None:
    """The district's activation state, or None when there is no such district."""
    row = session.get(DistrictRow, district_id)
    return None if row is None else _activation(row)


def activations(session: Session) -> dict[str, Activation]:
    """Every district's activation state, in one read."""
    return {row.id: _activation(row) for row in session.scalars(select(DistrictRow))}


def is_active(session: Session, district_id: str) -> bool:
    return bool(session.scalar(select(DistrictRow.active).where(DistrictRow.id == district_id)))


def set_active(
    session: Session, district_id: str, active: bool, *, by: str, now: datetime
) -> Activation:
    """Activate or pause the district; returns the state before. A district already in
    that state is left as it is (its dates do not move). Raises `LookupError`."""
    row = session.get(DistrictRow, district_id, with_for_update=True)
    if row is None:
        raise LookupError(f"no district {district_id!r}")
    before = _activation(row)
    if before.active == active:
        return before
    row.active = active
    if active:
        row.activated_at, row.activated_by = now, by
    else:
        row.paused_at, row.paused_by = now, by
    session.flush()
    return before


def mark_period_closed(session: Session, district_id: str, period_id: str, message: str) -> None:
    """Remember that the SIS refused a write into this period. Idempotent: the first
    message and time are kept."""
    insert = dialect_insert(session)
    statement = insert(LearnedClosedPeriodRow).values(
        district_id=district_id, period_id=period_id, learned_at=utc_now(), message=message
    )
    session.execute(statement.on_conflict_do_nothing())


def learned_closed_periods(session: Session, district_id: str) -> dict[str, str]:
    """Period id → the SIS message that revealed it closed."""
    rows = session.execute(
        select(LearnedClosedPeriodRow.period_id, LearnedClosedPeriodRow.message)
        .where(LearnedClosedPeriodRow.district_id == district_id)
        .order_by(LearnedClosedPeriodRow.period_id)
    )
    return {period: message for period, message in rows}


def learned_closed_period_details(session: Session, district_id: str) -> list[dict[str, str]]:
    """Each learned period with when and why (for `district show`)."""
    rows = session.scalars(
        select(LearnedClosedPeriodRow)
        .where(LearnedClosedPeriodRow.district_id == district_id)
        .order_by(LearnedClosedPeriodRow.period_id)
    )
    return [
        {"period": r.period_id, "learned_at": r.learned_at.isoformat(), "message": r.message}
        for r in rows
    ]
