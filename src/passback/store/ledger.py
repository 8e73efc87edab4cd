"""The ledger: what passback last wrote for each SIS object.

Loaded at the start of a run for the classes in scope; written as each write succeeds,
through `LedgerWriter`, which batches rows into short transactions. A crash can lose at most
the last unflushed batch, and the planner recovers from that by itself: an object in the SIS
that equals what passback wants is adopted into the ledger without a write.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Table, delete, select
from sqlalchemy.orm import Session

from passback.core.domain import LedgerEntry, ObjectKind
from passback.store.db import dialect_insert, session_scope
from passback.store.schema import Base

_CHUNK = 500


def _table() -> Table:
    return Base.metadata.tables["ledger"]


def load_ledger(
    session: Session, district_id: str, *, class_ids: Collection[str] | None = None
) -> list[LedgerEntry]:
    """The district's ledger (of these classes). A nightly run loads a row per score it
    ever sent, so rows come straight from the driver (a test compares them with the
    ORM's reading)."""
    connection = session.connection()
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    sql = f"SELECT {', '.join(_COLUMNS)} FROM ledger WHERE district_id = {marker}"
    reader = _EntryReader(district_id)
    cursor = connection.connection.cursor()
    try:
        if class_ids is None:
            cursor.execute(sql, [district_id])
            return reader.entries(cursor.fetchall())
        out: list[LedgerEntry] = []
        ids = list(class_ids)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            cursor.execute(
                f"{sql} AND class_id IN ({', '.join([marker] * len(chunk))})",
                [district_id, *chunk],
            )
            out.extend(reader.entries(cursor.fetchall()))
        return out
    finally:
        cursor.close()


_COLUMNS = (
    "sourced_id",
    "kind",
    "assessment_id",
    "class_id",
    "student_id",
    "line_item_id",
    "content_hash",
    "written_at",
    "score",
    "score_status",
    "category",
    "grading_period",
)


class _EntryReader:
    """Ledger rows (in `_COLUMNS` order) as entries, read as the ORM reads them."""

    def __init__(self, district_id: str) -> None:
        self.district_id = district_id
        self.kinds = {k.value: k for k in ObjectKind}
        self.moments: dict[Any, datetime] = {}

    def entries(self, rows: Iterable[Sequence[Any]]) -> list[LedgerEntry]:
        out: list[LedgerEntry] = []
        kinds, moments = self.kinds, self.moments
        district = self.district_id
        for sid, kind, assessment, class_id, student, line_item, digest, written, *rest in rows:
            when = moments.get(written)
            if when is None:
                when = moments[written] = _utc(written)
            entry = LedgerEntry(
                district, sid, kinds[kind], assessment, class_id, student, line_item, digest, when,
                *rest,
            )  # fmt: skip
            out.append(entry)
        return out


def _utc(value: str | datetime) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def ledger_classes(session: Session, district_id: str) -> list[str]:
    """The classes the district's ledger holds anything for."""
    table = _table()
    query = select(table.c.class_id).where(table.c.district_id == district_id).distinct()
    return list(session.scalars(query))


def _row(entry: LedgerEntry) -> dict[str, Any]:
    return {
        "district_id": entry.district,
        "sourced_id": entry.sourced_id,
        "kind": entry.kind.value,
        "assessment_id": entry.assessment,
        "class_id": entry.class_id,
        "student_id": entry.student,
        "line_item_id": entry.line_item,
        "content_hash": entry.content_hash,
        "score": entry.score,
        "score_status": entry.score_status,
        "category": entry.category,
        "grading_period": entry.grading_period,
        "written_at": entry.written_at,
    }


def save_entries(session: Session, entries: Iterable[LedgerEntry]) -> None:
    rows = [_row(e) for e in entries]
    if not rows:
        return
    table = _table()
    insert = dialect_insert(session)(table)
    key = ("district_id", "sourced_id")
    statement = insert.on_conflict_do_update(
        index_elements=list(key),
        set_={c.name: insert.excluded[c.name] for c in table.columns if c.name not in key},
    )
    for i in range(0, len(rows), _CHUNK):
        session.execute(statement, rows[i : i + _CHUNK])


def forget_entries(session: Session, district_id: str, sourced_ids: Collection[str]) -> None:
    table = _table()
    ids = list(sourced_ids)
    for i in range(0, len(ids), _CHUNK):
        session.execute(
            delete(table).where(
                table.c.district_id == district_id, table.c.sourced_id.in_(ids[i : i + _CHUNK])
            )
        )


class LedgerWriter:
    """Buffers ledger changes of one run and commits them in small batches."""

    def __init__(
        self, engine: Engine, district_id: str, *, batch: int = 200, max_age_s: float = 1.0
    ) -> None:
        self.engine = engine
        self.district_id = district_id
        self.batch = batch
        self.max_age_s = max_age_s
        self._records: dict[str, LedgerEntry] = {}
        self._forgets: set[str] = set()
        self._since = time.monotonic()

    def record(self, entry: LedgerEntry) -> None:
        self._forgets.discard(entry.sourced_id)
        self._records[entry.sourced_id] = entry
        self._maybe_flush()

    def forget(self, sourced_id: str) -> None:
        self._records.pop(sourced_id, None)
        self._forgets.add(sourced_id)
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        pending = len(self._records) + len(self._forgets)
        if pending >= self.batch or time.monotonic() - self._since >= self.max_age_s:
            self.flush()

    def flush(self) -> None:
        records, forgets = list(self._records.values()), set(self._forgets)
        self._records.clear()
        self._forgets.clear()
        self._since = time.monotonic()
        if not records and not forgets:
            return
        with session_scope(self.engine) as session:
            save_entries(session, records)
            forget_entries(session, self.district_id, forgets)
