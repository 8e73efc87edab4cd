"""Counts over run items for the console's plots: scores per action for a set of runs,
and how often each skip reason occurs in a run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from passback.store.models import RunItemRow


def result_actions(session: Session, run_ids: Collection[str]) -> dict[str, Counter[str]]:
    """Run id -> how many score (result) items ended in each action."""
    out: dict[str, Counter[str]] = {run: Counter() for run in run_ids}
    if not run_ids:
        return out
    query = (
        select(RunItemRow.run_id, RunItemRow.action, func.count())
        .where(RunItemRow.run_id.in_(list(run_ids)), RunItemRow.kind == "result")
        .group_by(RunItemRow.run_id, RunItemRow.action)
    )
    for run_id, action, count in session.execute(query):
        out[run_id][action] = int(count)
    return out


def skip_reasons(session: Session, run_id: str) -> Counter[str]:
    """Reason code -> number of skipped items (assessments and scores) carrying it."""
    counts: Counter[str] = Counter()
    query = select(RunItemRow.reasons).where(
        RunItemRow.run_id == run_id, RunItemRow.action == "skip"
    )
    for (reasons,) in session.execute(query):
        counts.update(reasons or ())
    return counts
