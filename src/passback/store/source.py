"""The platform's data in the store: assessments (with tombstones) and scores.

Writes are upserts in batches, one `INSERT … ON CONFLICT DO UPDATE` per batch, that only
replace a stored row when the incoming `updated_at` is at least the stored one, so an old
re-send never undoes a newer change. Each upsert returns how many rows it wrote; the rest
were stale.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from passback.domain import Assessment, Score, ScoreState, Scoring
from passback.store.db import dialect_insert
from passback.store.models import AssessmentRow, ScoreRow

BATCH = 2000
_IN_CHUNK = 500  # ids per IN (…) list: far below every driver's parameter limit

_ASSESSMENTS: Table = AssessmentRow.__table__  # type: ignore[assignment]
_SCORES: Table = ScoreRow.__table__  # type: ignore[assignment]


def assessment_row(assessment: Assessment) -> dict[str, Any]:
    return {
        "district_id": assessment.district,
        "id": assessment.id,
        "classes": list(assessment.classes),
        "title": assessment.title,
        "type": assessment.type,
        "scoring": assessment.scoring.value,
        "points_possible": assessment.points_possible,
        "include_in_final_grade": assessment.include_in_final_grade,
        "assigned_by": assessment.assigned_by,
        "assigned_on": assessment.assigned_on,
        "due_on": assessment.due_on,
        "description": assessment.description,
        "updated_at": assessment.updated_at,
        "deleted": assessment.deleted,
    }


def score_row(score: Score) -> dict[str, Any]:
    return {
        "district_id": score.district,
        "assessment_id": score.assessment,
        "student_id": score.student,
        "state": score.state.value,
        "points": score.points,
        "excluded": score.excluded,
        "comment": score.comment,
        "updated_at": score.updated_at,
    }


def _upsert(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], *, newer_only: bool
) -> list[tuple[str, ...]]:
    """Write rows (their keys must be unique); returns the keys (without the district)
    of the rows written."""
    if not rows:
        return []
    key = [column.name for column in table.primary_key.columns]
    insert = dialect_insert(session)(table)
    changes = {c.name: insert.excluded[c.name] for c in table.columns if c.name not in key}
    where = table.c.updated_at <= insert.excluded.updated_at if newer_only else None
    statement = insert.on_conflict_do_update(index_elements=key, set_=changes, where=where)
    statement = statement.returning(*(table.c[name] for name in key[1:]))
    written: list[tuple[str, ...]] = []
    for start in range(0, len(rows), BATCH):
        result = session.execute(statement, list(rows[start : start + BATCH]))
        written.extend(tuple(row) for row in result)
    return written


def write_assessments(
    session: Session, assessments: Iterable[Assessment], *, newer_only: bool = True
) -> list[str]:
    """Insert or replace assessments; returns the ids written. With `newer_only`, a row
    whose stored `updated_at` is later is left alone. Of several versions of one id in
    `assessments`, the last one counts."""
    rows = {(a.district, a.id): assessment_row(a) for a in assessments}
    keys = _upsert(session, _ASSESSMENTS, list(rows.values()), newer_only=newer_only)
    return [key[0] for key in keys]


def write_scores(
    session: Session, scores: Iterable[Score], *, newer_only: bool = True
) -> list[tuple[str, str]]:
    """Like `write_assessments` for scores; returns the (assessment, student) pairs
    written. Their assessments must exist."""
    rows = {(s.district, s.assessment, s.student): score_row(s) for s in scores}
    keys = _upsert(session, _SCORES, list(rows.values()), newer_only=newer_only)
    return [(key[0], key[1]) for key in keys]


def upsert_assessments(
    session: Session, assessments: Iterable[Assessment], *, newer_only: bool = True
) -> int:
    """Insert or replace assessments; returns how many were written (the others were
    older than what is stored)."""
    return len(write_assessments(session, assessments, newer_only=newer_only))


def upsert_scores(session: Session, scores: Iterable[Score], *, newer_only: bool = True) -> int:
    """Insert or replace scores; returns how many were written (the others were older
    than what is stored). Their assessments must exist."""
    return len(write_scores(session, scores, newer_only=newer_only))


def _assessment(row: Any) -> Assessment:
    return Assessment(
        id=row.id,
        district=row.district_id,
        classes=tuple(row.classes),
        title=row.title,
        type=row.type,
        scoring=Scoring(row.scoring),
        points_possible=row.points_possible,
        include_in_final_grade=row.include_in_final_grade,
        assigned_by=row.assigned_by,
        assigned_on=row.assigned_on,
        due_on=row.due_on,
        updated_at=row.updated_at,
        description=row.description,
        deleted=row.deleted,
    )


def load_assessments(
    session: Session, district_id: str, *, class_ids: Collection[str] | None = None
) -> list[Assessment]:
    """The district's assessments, deleted ones included (the engine retracts what it
    sent for them), ordered by id. `class_ids` keeps those assigned to any of them;
    the filter runs here because `classes` is a JSON list."""
    query = (
        select(_ASSESSMENTS)
        .where(_ASSESSMENTS.c.district_id == district_id)
        .order_by(_ASSESSMENTS.c.id)
    )
    wanted = None if class_ids is None else set(class_ids)
    out = []
    for row in session.execute(query):
        if wanted is None or not wanted.isdisjoint(row.classes):
            out.append(_assessment(row))
    return out


def load_scores(session: Session, district_id: str, assessment_ids: Collection[str]) -> list[Score]:
    """All scores of these assessments, ordered by assessment and student."""
    ids = sorted(set(assessment_ids))
    out: list[Score] = []
    for start in range(0, len(ids), _IN_CHUNK):
        query = (
            select(_SCORES)
            .where(
                _SCORES.c.district_id == district_id,
                _SCORES.c.assessment_id.in_(ids[start : start + _IN_CHUNK]),
            )
            .order_by(_SCORES.c.assessment_id, _SCORES.c.student_id)
        )
        out.extend(
            Score(
                district=row.district_id,
                assessment=row.assessment_id,
                student=row.student_id,
                state=ScoreState(row.state),
                points=row.points,
                updated_at=row.updated_at,
                excluded=row.excluded,
                comment=row.comment,
            )
            for row in session.execute(query)
        )
    return out


def existing_assessment_ids(
    session: Session, district_id: str, assessment_ids: Collection[str]
) -> set[str]:
    """Which of these assessments are stored (deleted ones count: they exist)."""
    ids = sorted(set(assessment_ids))
    found: set[str] = set()
    for start in range(0, len(ids), _IN_CHUNK):
        found.update(
            session.scalars(
                select(_ASSESSMENTS.c.id).where(
                    _ASSESSMENTS.c.district_id == district_id,
                    _ASSESSMENTS.c.id.in_(ids[start : start + _IN_CHUNK]),
                )
            )
        )
    return found


def count_source(session: Session, district_id: str) -> tuple[int, int]:
    """(assessments, scores) stored for the district, deleted assessments included."""
    assessments = session.scalar(
        select(func.count())
        .select_from(_ASSESSMENTS)
        .where(_ASSESSMENTS.c.district_id == district_id)
    )
    scores = session.scalar(
        select(func.count()).select_from(_SCORES).where(_SCORES.c.district_id == district_id)
    )
    return int(assessments or 0), int(scores or 0)
