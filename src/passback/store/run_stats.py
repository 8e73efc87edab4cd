"""Counts over run items for the console's plots: scores per action for a set of runs,
and how often each skip reason occurs in a run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from passback.store.schema.runs import RunItemRow


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


def last_result_states(
    session: Session, run_ids: Sequence[str]
) -> dict[tuple[str, str, str], tuple[str, bool]]:
    """Each distinct score (assessment, class, student) seen in these runs -> the action of
    the last run (in the order given) that reported it, and whether any of them wrote it
    (created or updated): one state per score, however many runs reported it."""
    order = {run: i for i, run in enumerate(run_ids)}
    last: dict[tuple[str, str, str], tuple[int, str]] = {}
    written: set[tuple[str, str, str]] = set()
    if not run_ids:
        return {}
    query = select(
        RunItemRow.run_id,
        RunItemRow.assessment_id,
        RunItemRow.class_id,
        RunItemRow.student_id,
        RunItemRow.action,
    ).where(RunItemRow.run_id.in_(list(run_ids)), RunItemRow.kind == "result")
    for run_id, assessment, class_id, student, action in session.execute(query):
        key = (str(assessment), str(class_id), str(student or ""))
        seen = last.get(key)
        rank = order[run_id]
        if seen is None or rank >= seen[0]:
            last[key] = (rank, str(action))
        if action in ("create", "update"):
            written.add(key)
    return {key: (action, key in written) for key, (_, action) in last.items()}


def skip_reasons(session: Session, run_id: str) -> Counter[str]:
    """Reason code -> number of skipped items (assessments and scores) carrying it."""
    counts: Counter[str] = Counter()
    query = select(RunItemRow.reasons).where(
        RunItemRow.run_id == run_id, RunItemRow.action == "skip"
    )
    for (reasons,) in session.execute(query):
        counts.update(reasons or ())
    return counts


def kind_counts(session: Session, run_id: str) -> Counter[tuple[str, str]]:
    """(kind, action) -> items of the run: "3 assessments and 203 scores created"."""
    query = (
        select(RunItemRow.kind, RunItemRow.action, func.count())
        .where(RunItemRow.run_id == run_id)
        .group_by(RunItemRow.kind, RunItemRow.action)
    )
    return Counter({(str(k), str(a)): int(n) for k, a, n in session.execute(query)})
