"""The assessment platform's data through the API: one record at a time or a whole document
(docs/import-format.md), upserts by id that ignore stale re-sends, and deletions.

Records are validated by `passback.intake.records`; documents stream through
`passback.intake.importer`, which writes through `StoreTarget` (the store's side of an
import) without knowing the database.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from typing import IO, Any

import structlog
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from passback.core.clock import utc_now
from passback.core.domain import Assessment, Score
from passback.intake.importer import ImportSummary, ScoreRow, import_stream
from passback.intake.records import RecordError, validate_assessment, validate_score
from passback.operations.runtime import Runtime
from passback.scheduling import on_source_changed
from passback.store import source
from passback.store.db import session_scope
from passback.store.schema.districts import DistrictRow
from passback.store.score_removal import delete_scores

log = structlog.get_logger(__name__)


class StoreTarget:
    """An import's writes into the store, in one session (`ImportTarget`)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.score_row = source.score_row_maker(session)

    def district_exists(self, district_id: str) -> bool:
        return self.session.get(DistrictRow, district_id) is not None

    def existing_assessment_ids(self, district_id: str, ids: Collection[str]) -> set[str]:
        return source.existing_assessment_ids(self.session, district_id, ids)

    def write_assessments(
        self, assessments: Sequence[Assessment], *, newer_only: bool = True
    ) -> list[str]:
        return source.write_assessments(self.session, assessments, newer_only=newer_only)

    def write_score_rows(
        self, rows: Sequence[ScoreRow], *, newer_only: bool = True
    ) -> list[tuple[str, str]]:
        return source.write_score_rows(self.session, rows, newer_only=newer_only)

    def commit(self) -> None:
        self.session.commit()


@contextmanager
def store_target(engine: Engine) -> Iterator[StoreTarget]:
    with session_scope(engine) as session:
        yield StoreTarget(session)


def ingest_file(engine: Engine, district: str | None, file: IO[bytes]) -> ImportSummary:
    """Import one document into the store (`passback import`, the demo, the API's batch).
    `district` is the district the caller means; None takes it from the document."""
    return import_stream(partial(store_target, engine), district, file)


def upsert_assessment(runtime: Runtime, district: str, obj: Any) -> dict[str, Any] | RecordError:
    record = validate_assessment(obj, "assessment", district)
    if isinstance(record, RecordError):
        return record
    with session_scope(runtime.engine) as session:
        written = source.write_assessments(session, [record])
        queued = written and on_source_changed(session, district, record.classes)
    if queued:
        runtime.jobs.wake()
    log.info("ingest.assessment", district=district, stored=bool(written))
    return {"assessment": record.id, "stored": bool(written), "stale": not written}


def upsert_score(runtime: Runtime, district: str, obj: Any) -> dict[str, Any] | RecordError:
    record = validate_score(obj, "score", district)
    if isinstance(record, RecordError):
        return record
    with session_scope(runtime.engine) as session:
        if not source.existing_assessment_ids(session, district, [record.assessment]):
            return RecordError(
                f"score (assessment {record.assessment}, student {record.student})",
                "assessment",
                f"assessment {record.assessment} is not known; send the assessment first",
            )
        written = source.write_scores(session, [record])
        queued = written and on_source_changed(
            session, district, _classes_of(session, district, record.assessment)
        )
    if queued:
        runtime.jobs.wake()
    log.info("ingest.score", district=district, stored=bool(written))
    return {
        "assessment": record.assessment,
        "student": record.student,
        "stored": bool(written),
        "stale": not written,
    }


def import_document(runtime: Runtime, district: str, file: IO[bytes]) -> ImportSummary:
    """A whole document (docs/import-format.md) for this district (its `district`, if given, must
    match). With the district's `on_change` option, what was stored queues a debounced sync."""
    summary = ingest_file(runtime.engine, district, file)
    if summary.stored and runtime.jobs.on_source_changed(district, None) is not None:
        log.info("ingest.sync_queued", district=district)
    return summary


def _classes_of(session: Session, district: str, assessment: str) -> list[str] | None:
    found = [a for a in source.load_assessments(session, district) if a.id == assessment]
    return list(found[0].classes) if found else None


def import_bytes(runtime: Runtime, district: str, body: bytes) -> ImportSummary:
    return import_document(runtime, district, io.BytesIO(body))


def delete_assessment(runtime: Runtime, district: str, assessment_id: str) -> bool:
    """Mark an assessment deleted (the next run retracts what it sent). False when the
    assessment is unknown."""
    with session_scope(runtime.engine) as session:
        found: list[Assessment] = [
            a for a in source.load_assessments(session, district) if a.id == assessment_id
        ]
        if not found:
            return False
        tombstone = replace(found[0], deleted=True, updated_at=max(utc_now(), found[0].updated_at))
        source.write_assessments(session, [tombstone])
        queued = on_source_changed(session, district, tombstone.classes)
    if queued:
        runtime.jobs.wake()
    log.info("ingest.assessment_deleted", district=district)
    return True


def remove_scores(runtime: Runtime, district: str, keys: Iterable[tuple[str, str]]) -> int:
    """Forget scores (assessment, student); the next run deletes what was sent for them."""
    with session_scope(runtime.engine) as session:
        removed = delete_scores(session, district, list(keys))
        queued = removed and on_source_changed(session, district, None)
    if queued:
        runtime.jobs.wake()
    log.info("ingest.scores_deleted", district=district, removed=removed)
    return removed


def score_key(obj: Any, index: int) -> tuple[str, str] | RecordError:
    where = f"scores[{index}]"
    if not isinstance(obj, dict):
        return RecordError(where, "", "must be an object with assessment and student")
    for key in ("assessment", "student"):
        value = obj.get(key)
        if not isinstance(value, str) or not value.strip():
            return RecordError(where, key, "is required (a non-empty string)")
    extra = set(obj) - {"assessment", "student"}
    if extra:
        return RecordError(where, sorted(extra)[0], "is not a known field")
    return obj["assessment"], obj["student"]


__all__ = [
    "Score",
    "delete_assessment",
    "import_bytes",
    "import_document",
    "ingest_file",
    "remove_scores",
    "score_key",
    "upsert_assessment",
    "upsert_score",
]
