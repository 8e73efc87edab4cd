"""The SIS cache between runs: roster collections (whole, compressed) and passback's own
lineItems (rows, read per batch of classes). What to read from the SIS and when is
`passback.sync.cached_roster`'s business; this module only stores and loads."""

from __future__ import annotations

import json
import zlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Table, delete, select
from sqlalchemy.orm import Session

from passback.store.db import dialect_insert, session_scope
from passback.store.schema.roster_cache import RosterCacheRow, SisLineItemRow

_STATE: Table = RosterCacheRow.__table__  # type: ignore[assignment]
_LINE_ITEMS: Table = SisLineItemRow.__table__  # type: ignore[assignment]
_CHUNK = 500


@dataclass(frozen=True)
class CacheState:
    collection: str
    source: str
    watermark: str | None
    records: int
    full_read_at: datetime
    refreshed_at: datetime


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def load_states(session: Session, district_id: str) -> dict[str, CacheState]:
    query = select(
        _STATE.c.collection,
        _STATE.c.source,
        _STATE.c.watermark,
        _STATE.c.records,
        _STATE.c.full_read_at,
        _STATE.c.refreshed_at,
    ).where(_STATE.c.district_id == district_id)
    return {
        row.collection: CacheState(
            row.collection,
            row.source,
            row.watermark,
            row.records,
            _aware(row.full_read_at),
            _aware(row.refreshed_at),
        )
        for row in session.execute(query)
    }


def load_records(session: Session, district_id: str, collection: str) -> list[dict[str, Any]]:
    """The cached records of one roster collection ([] when none are cached)."""
    data = session.scalar(
        select(_STATE.c.data).where(
            _STATE.c.district_id == district_id, _STATE.c.collection == collection
        )
    )
    if not data:
        return []
    records: list[dict[str, Any]] = json.loads(zlib.decompress(data))
    return records


def save_state(
    session: Session,
    district_id: str,
    state: CacheState,
    records: list[dict[str, Any]] | None = None,
) -> None:
    """Store a collection's state; with `records`, its records too (else they are kept)."""
    values: dict[str, Any] = {
        "district_id": district_id,
        "collection": state.collection,
        "source": state.source,
        "watermark": state.watermark,
        "records": state.records,
        "full_read_at": state.full_read_at,
        "refreshed_at": state.refreshed_at,
    }
    if records is not None:
        text = json.dumps(records, separators=(",", ":"), ensure_ascii=False)
        values["data"] = zlib.compress(text.encode(), 1)
    insert = dialect_insert(session)(_STATE).values(**values)
    changes = {k: insert.excluded[k] for k in values if k not in ("district_id", "collection")}
    session.execute(
        insert.on_conflict_do_update(index_elements=["district_id", "collection"], set_=changes)
    )


def forget_district(session: Session, district_id: str) -> None:
    """Drop everything cached for the district (the next run reads the SIS whole)."""
    session.execute(delete(_STATE).where(_STATE.c.district_id == district_id))
    session.execute(delete(_LINE_ITEMS).where(_LINE_ITEMS.c.district_id == district_id))


# --- passback's lineItems as the SIS has them --------------------------------------------


def line_items_of(
    session: Session, district_id: str, class_ids: Collection[str]
) -> dict[str, dict[str, Any]]:
    """The cached lineItems of these classes, by sourcedId."""
    ids = sorted(set(class_ids))
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(_LINE_ITEMS.c.sourced_id, _LINE_ITEMS.c.data).where(
            _LINE_ITEMS.c.district_id == district_id,
            _LINE_ITEMS.c.class_id.in_(ids[start : start + _CHUNK]),
        )
        for row in session.execute(query):
            found[row.sourced_id] = row.data
    return found


def line_item_ids(session: Session, district_id: str) -> set[str]:
    query = select(_LINE_ITEMS.c.sourced_id).where(_LINE_ITEMS.c.district_id == district_id)
    return set(session.scalars(query))


def put_line_items(
    session: Session, district_id: str, items: Iterable[tuple[str, str, Mapping[str, Any]]]
) -> None:
    """Insert or replace (sourcedId, class id, object) rows."""
    rows = [
        {"district_id": district_id, "sourced_id": sid, "class_id": cls, "data": dict(obj)}
        for sid, cls, obj in items
    ]
    if not rows:
        return
    insert = dialect_insert(session)(_LINE_ITEMS)
    statement = insert.on_conflict_do_update(
        index_elements=["district_id", "sourced_id"],
        set_={"class_id": insert.excluded.class_id, "data": insert.excluded.data},
    )
    for start in range(0, len(rows), _CHUNK):
        session.execute(statement, rows[start : start + _CHUNK])


def delete_line_items(session: Session, district_id: str, sourced_ids: Collection[str]) -> None:
    ids = list(sourced_ids)
    for start in range(0, len(ids), _CHUNK):
        session.execute(
            delete(_LINE_ITEMS).where(
                _LINE_ITEMS.c.district_id == district_id,
                _LINE_ITEMS.c.sourced_id.in_(ids[start : start + _CHUNK]),
            )
        )


class LineItemCacheWriter:
    """Keeps the lineItem cache in step with a run's writes (what passback PUT is what the
    SIS now holds; what it deleted is gone), flushed in batches like the ledger."""

    def __init__(self, engine: Engine, district_id: str, *, batch: int = 500) -> None:
        self.engine = engine
        self.district_id = district_id
        self.batch = batch
        self.changed = 0
        self._puts: dict[str, tuple[str, Mapping[str, Any]]] = {}
        self._deletes: set[str] = set()

    def put(self, sourced_id: str, class_id: str, obj: Mapping[str, Any]) -> None:
        self._deletes.discard(sourced_id)
        self._puts[sourced_id] = (class_id, obj)
        self.changed += 1
        if len(self._puts) + len(self._deletes) >= self.batch:
            self.flush()

    def remove(self, sourced_id: str) -> None:
        self._puts.pop(sourced_id, None)
        self._deletes.add(sourced_id)
        self.changed += 1
        if len(self._puts) + len(self._deletes) >= self.batch:
            self.flush()

    def flush(self) -> None:
        puts, deletes = self._puts, self._deletes
        self._puts, self._deletes = {}, set()
        if not puts and not deletes:
            return
        with session_scope(self.engine) as session:
            put_line_items(session, self.district_id, ((s, c, o) for s, (c, o) in puts.items()))
            delete_line_items(session, self.district_id, deletes)
