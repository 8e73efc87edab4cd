"""Category resolution cost: the rules for one assessment per class of a generated district
(PowerSchool's category shape: one row per teacher and district category), against the
roster index a run builds (`context_from_records`). Prints seconds per pass and per pair.

    .venv/bin/python benchmarks/category_resolution.py [--students 50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, date, datetime

from passback.core.domain import Assessment, District, Scoring, SisConnection
from passback.core.eligibility import evaluate_assessments
from passback.sandbox import generate_district
from passback.sync.roster import context_from_records

COLLECTIONS = ("academicSessions", "classes", "users", "enrollments", "categories")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fixture = generate_district(args.students, seed=7)
    ctx = context_from_records({name: fixture[name] for name in COLLECTIONS})
    teachers = {c: ctx.primary_teacher(c) for c in ctx.classes}
    assessments = [
        Assessment(
            id=f"A-{i}",
            district="d",
            classes=(class_id,),
            title=f"Unit {i} Test",
            type="Test",
            scoring=Scoring.POINTS,
            points_possible=20,
            include_in_final_grade=True,
            assigned_by=teacher,
            assigned_on=date(2026, 10, 20),
            due_on=date(2026, 10, 27),
            updated_at=datetime(2026, 10, 20, 15, tzinfo=UTC),
        )
        for i, (class_id, teacher) in enumerate(sorted(teachers.items()))
        if teacher is not None
    ]
    district = District(
        id="d",
        name="D",
        timezone="America/Chicago",
        sis=SisConnection("http://127.0.0.1:9/x", "http://127.0.0.1:9/t", "c"),
        effective_date=date(2026, 8, 20),
        category_map={"Test": "Tests"},
        passback_group=frozenset(t for t in teachers.values() if t),
    )
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        decisions = evaluate_assessments(assessments, district, ctx, date(2026, 11, 10))
        best = min(best, time.perf_counter() - start)
    sent = sum(d.send for d in decisions.values())
    print(
        f"students={args.students} categories={len(ctx.categories)} pairs={len(decisions)} "
        f"sent={sent} best_of_{args.repeat}={best:.3f}s "
        f"per_pair={best / len(decisions) * 1e6:.1f}us"
    )


if __name__ == "__main__":
    main()
