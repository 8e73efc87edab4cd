"""Removing scores the platform withdrew (the API's delete). The run that follows deletes
any result passback wrote for them, as for any score no longer wanted."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, delete, or_
from sqlalchemy.orm import Session

from passback.store.schema.source import ScoreRow

_CHUNK = 200


def delete_scores(session: Session, district: str, keys: Sequence[tuple[str, str]]) -> int:
    """Delete the (assessment, student) scores of the district; returns how many existed."""
    removed = 0
    unique = sorted(set(keys))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        result = session.execute(
            delete(ScoreRow).where(
                ScoreRow.district_id == district,
                or_(
                    *(and_(ScoreRow.assessment_id == a, ScoreRow.student_id == s) for a, s in chunk)
                ),
            )
        )
        removed += int(getattr(result, "rowcount", 0) or 0)
    return removed
