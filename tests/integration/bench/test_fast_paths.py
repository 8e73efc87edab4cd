"""The engine's fast paths give exactly what the plain ways give: ids and hashes without
json per score, result fingerprints from decisions, the quick SIS comparison, and
rows read and written through the driver instead of the ORM (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, date, datetime, timedelta
from random import Random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, insert, select

from passback.core.domain import Assessment, LedgerEntry, ObjectKind, Score, ScoreState, Scoring
from passback.core.eligibility import ResultDecision
from passback.core.plan import Action, PlanItem
from passback.core.reasons import Reason
from passback.core.report import item_row
from passback.core.writes import (
    ResultPayload,
    content_hash,
    fingerprint,
    fingerprint_hash,
    line_item_id,
    result_fingerprint,
    result_hash,
    result_id,
    result_payload,
    same_result,
    steady_result,
)
from passback.store import ledger as ledger_store
from passback.store import runs as run_store
from passback.store import source
from passback.store.db import session_scope
from passback.store.schema import Base
from passback.store.schema.districts import DistrictRow
from passback.store.schema.ledger import LedgerRow
from passback.store.schema.source import ScoreRow

RES = ObjectKind.RESULT
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
ids = st.text(st.sampled_from('abcXYZ-_09 é"\\\n'), min_size=1, max_size=10)


def reference_digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def reference_hash(fp: tuple[Any, ...]) -> str:
    dumped = json.dumps(fp, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(dumped.encode()).hexdigest()[:32]


@given(ids, ids, ids, ids)
def test_ids(district: str, assessment: str, class_id: str, student: str) -> None:
    lid = line_item_id(district, assessment, class_id)
    assert lid == "pbl-" + reference_digest("li", district, assessment, class_id)[:24]
    rid = result_id(district, assessment, class_id, student)
    assert rid == (
        "pbr-"
        + reference_digest("r", district, assessment, class_id)[:16]
        + reference_digest("s", student)[:12]
    )
    assert re.fullmatch(r"pbl-[0-9a-f]{24}", lid) and re.fullmatch(r"pbr-[0-9a-f]{28}", rid)


def test_result_ids_of_a_large_district_are_distinct() -> None:
    """Every (lineItem, student) of a district with 2,000 lineItems of 40 students out of
    20,000 gets its own id (80,000 ids)."""
    rng = Random(5)
    students = [f"stu-{n:06d}" for n in range(20_000)]
    pairs = {
        (f"asmt-{n // 4}", f"class-{n % 500}", student)
        for n in range(2_000)
        for student in rng.sample(students, 40)
    }
    ids_made = {result_id("unified-1", a, c, s) for a, c, s in pairs}
    assert len(ids_made) == len(pairs) == 80_000


decisions = st.builds(
    ResultDecision,
    assessment=ids,
    class_id=ids,
    student=ids,
    score=st.one_of(st.floats(allow_nan=False), st.integers(0, 100).map(float)),
    status=st.sampled_from(["fully graded", "not submitted", "exempt", 'a"b']),
    score_date=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    comment=st.one_of(st.none(), text),
)


@settings(max_examples=300)
@given(decisions, ids)
def test_result_fingerprint_and_hash_from_a_decision(decision: ResultDecision, lid: str) -> None:
    payload = result_payload("pbr-x", lid, decision)
    fp = fingerprint(RES, payload)
    assert result_fingerprint(lid, decision) == fp
    assert fingerprint_hash(fp) == reference_hash(fp)
    digest = result_hash(fp)
    assert len(digest) <= 128  # the ledger's column
    assert content_hash(RES, payload) == digest
    # the same content (the lineItem and student are the result id's own) gives the same
    # hash, a change of status, score, day or comment another one
    if digest.startswith("="):
        assert result_hash(("other-li", "other-student", *fp[2:])) == digest
    else:
        assert digest == reference_hash(fp)
    for i, changed in (
        (2, fp[2] + "x"),
        (3, 0.5 if fp[3] != 0.5 else 0.25),
        (4, "1989-01-01"),
        (5, fp[5] + "!"),
    ):
        assert result_hash((*fp[:i], changed, *fp[i + 1 :])) != digest
    lazy = ResultPayload("pbr-x", lid, decision)
    assert dict(lazy) == payload and lazy == payload


sis_values = st.one_of(st.none(), text, st.integers(-3, 3), st.floats(), st.booleans())


@settings(max_examples=500)
@given(
    decisions,
    ids,
    st.fixed_dictionaries(
        {},
        optional={
            "lineItem": st.one_of(sis_values, st.fixed_dictionaries({"sourcedId": sis_values})),
            "student": st.one_of(sis_values, st.fixed_dictionaries({"sourcedId": sis_values})),
            "score": sis_values,
            "scoreStatus": sis_values,
            "scoreDate": st.one_of(sis_values, st.just("2026-10-28T12:00:00Z")),
            "comment": sis_values,
        },
    ),
)
def test_the_quick_comparison_never_says_equal_wrongly(
    decision: ResultDecision, lid: str, changes: dict[str, Any]
) -> None:
    fp = result_fingerprint(lid, decision)
    same = {**result_payload("pbr-x", lid, decision), "dateLastModified": "x", "href": "y"}
    if lid == lid.strip() and decision.student == decision.student.strip():
        # the usual case is caught by the quick comparison
        assert same_result(same, fp)
    edited = {**same, **changes}
    if same_result(edited, fp):
        assert fingerprint(RES, edited) == fp
    # the nightly shortcut: the ledger holds the decision's hash and the SIS its content
    digest = result_hash(fp)
    if (
        digest.startswith("=")
        and lid == lid.strip()
        and decision.student == decision.student.strip()
    ):
        assert steady_result(same, digest, lid, decision)
    assert not steady_result(same, digest + "x", lid, decision)
    if steady_result(edited, digest, lid, decision):
        assert fingerprint(RES, edited) == fp


# --- rows through the driver -------------------------------------------------------------


def add_district(engine: Engine, district_id: str) -> None:
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        session.add(
            DistrictRow(
                id=district_id,
                name=district_id,
                timezone="UTC",
                config={},
                secret_ciphertext=None,
                created_at=now,
                updated_at=now,
            )
        )


def test_scores_and_ledger_read_as_the_orm_reads_them(engine: Engine) -> None:
    add_district(engine, "d-1")
    when = datetime(2026, 10, 3, 14, 33, 12, 123456, tzinfo=UTC)
    with session_scope(engine) as session:
        source.upsert_assessments(
            session,
            [
                Assessment(
                    id=a, district="d-1", classes=("C-1",), title="T", type="Test",
                    scoring=Scoring.POINTS, points_possible=10, include_in_final_grade=True,
                    assigned_by="T-1", assigned_on=date(2026, 9, 1), due_on=None, updated_at=when,
                )
                for a in ("A-1", "A-2")
            ],
        )  # fmt: skip
        source.upsert_scores(
            session,
            [
                Score("d-1", a, f"S-{n}", state, points, when + timedelta(minutes=n), n % 2 == 0,
                      "Good" if n == 3 else None)
                for a in ("A-1", "A-2")
                for n, (state, points) in enumerate(
                    [(ScoreState.GRADED, 7.5), (ScoreState.NOT_SUBMITTED, None),
                     (ScoreState.SUBMITTED, None), (ScoreState.GRADED, 0.0)]
                )
            ],
        )  # fmt: skip
        ledger_store.save_entries(
            session,
            [
                LedgerEntry("d-1", "pbl-1", ObjectKind.LINE_ITEM, "A-1", "C-1", None, None, "h1",
                            when, category="CAT", grading_period="GP"),
                LedgerEntry("d-1", "pbr-1", RES, "A-1", "C-1", "S-1", "pbl-1", "h2", when,
                            score=3.0, score_status="fully graded"),
            ],
        )  # fmt: skip
    with session_scope(engine) as session:
        fast = source.load_scores(session, "d-1", ["A-1", "A-2"])
        orm = [
            Score(r.district_id, r.assessment_id, r.student_id, ScoreState(r.state), r.points,
                  r.updated_at, r.excluded, r.comment)
            for r in session.scalars(
                select(ScoreRow).order_by(ScoreRow.assessment_id, ScoreRow.student_id)
            )
        ]  # fmt: skip
        assert fast == orm and len(fast) == 8
        assert all(s.updated_at.tzinfo is UTC for s in fast)
        entries = sorted(ledger_store.load_ledger(session, "d-1"), key=lambda e: e.sourced_id)
        by_class = ledger_store.load_ledger(session, "d-1", class_ids=["C-1"])
        assert sorted(by_class, key=lambda e: e.sourced_id) == entries
        rows = session.scalars(select(LedgerRow).order_by(LedgerRow.sourced_id)).all()
        assert [(e.sourced_id, e.written_at, e.score, e.category) for e in entries] == [
            (r.sourced_id, r.written_at, r.score, r.category) for r in rows
        ]
        assert entries[1].kind is RES and entries[1].written_at == when


def test_report_items_stored_as_the_orm_stores_them(engine: Engine) -> None:
    add_district(engine, "d-1")
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        fast_run = run_store.start_run(
            session, district="d-1", trigger="t", dry_run=True, as_of=now.date(), scope={}, now=now
        )
        orm_run = run_store.start_run(
            session, district="d-1", trigger="t", dry_run=True, as_of=now.date(), scope={}, now=now
        )
    items = [
        PlanItem(RES, Action.SKIP, "A-1", "C-1", "S-1", "pbr-1", (Reason.NOT_GRADED,)),
        PlanItem(RES, Action.CONFLICT, "A-1", "C-1", "S-2", 'pbr-"é', (), "msg",
                 details={"sis": {"score": 3.0}, "passback": None}),
        PlanItem(ObjectKind.LINE_ITEM, Action.CREATE, "A-1", "C-1", None, "pbl-1"),
    ]  # fmt: skip
    writer = run_store.ItemWriter(engine, fast_run.id, batch=2)
    writer.add(map(run_store.plan_item, items))
    writer.flush()
    table = Base.metadata.tables["run_items"]
    with session_scope(engine) as session:
        session.execute(
            insert(table),
            [
                {
                    "run_id": orm_run.id,
                    "seq": n,
                    "kind": row["kind"],
                    "assessment_id": row["assessment"],
                    "class_id": row["class"],
                    "student_id": row["student"],
                    "action": row["action"],
                    "reasons": row["reasons"],
                    "message": row["message"],
                    "details": {**(row.get("details") or {}), "sourcedId": row["sourcedId"]},
                }
                for n, row in enumerate(item_row(i) for i in items)
            ],
        )
        stored = {
            run: [tuple(r)[1:] for r in session.execute(
                select(table).where(table.c.run_id == run).order_by(table.c.seq))]
            for run in (fast_run.id, orm_run.id)
        }  # fmt: skip
        raw = {
            run: session.connection()
            .exec_driver_sql(
                "SELECT reasons, details FROM run_items WHERE run_id = "
                + ("?" if engine.dialect.name == "sqlite" else "%s")
                + " ORDER BY seq",
                (run,),
            )
            .all()
            for run in (fast_run.id, orm_run.id)
        }
    assert stored[fast_run.id] == stored[orm_run.id]
    assert raw[fast_run.id] == raw[orm_run.id]
    assert writer.actions == {"skip": 1, "conflict": 1, "create": 1} and writer.written == 3
