"""Assessments and scores in the store: upserts that respect updated_at, loads, counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from passback.core.domain import Assessment, Score, ScoreState, Scoring
from passback.intake.input_types import parse_timestamp
from passback.store import districts, source
from passback.store.db import session_scope
from passback.store.schema.source import AssessmentRow, ScoreRow

from .builders import make_district

T0 = datetime(2026, 9, 1, 15, 0, tzinfo=UTC)


def assessment(aid: str, classes: tuple[str, ...] = ("C-1",), **changes: object) -> Assessment:
    base = Assessment(
        id=aid,
        district="unified-1",
        classes=classes,
        title=f"Test {aid}",
        type="Test",
        scoring=Scoring.POINTS,
        points_possible=20.0,
        include_in_final_grade=True,
        assigned_by="T-1",
        assigned_on=date(2026, 9, 1),
        due_on=date(2026, 9, 8),
        updated_at=T0,
        description="about it",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def score(aid: str, student: str, **changes: object) -> Score:
    base = Score(
        district="unified-1",
        assessment=aid,
        student=student,
        state=ScoreState.GRADED,
        points=18.0,
        updated_at=T0,
        comment="well done",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def store(engine: Engine) -> Engine:
    with session_scope(engine) as session:
        districts.save_district(session, make_district("unified-1"), None, None)
        districts.save_district(session, make_district("other-2"), None, None)
    return engine


def test_round_trip(store: Engine) -> None:
    a1 = assessment("A-1", ("C-1", "C-2"), due_on=None, points_possible=None)
    a2 = assessment("A-2", deleted=True, updated_at=T0.astimezone(timezone(timedelta(hours=-5))))
    s1 = score("A-1", "S-1", excluded=True, comment=None)
    s2 = score("A-1", "S-2", state=ScoreState.NOT_SUBMITTED, points=None)
    with session_scope(store) as session:
        assert source.upsert_assessments(session, [a1, a2]) == 2
        assert source.upsert_scores(session, [s1, s2]) == 2
    with session_scope(store, read_only=True) as session:
        assert source.load_assessments(session, "unified-1") == [a1, a2]
        assert source.load_scores(session, "unified-1", ["A-1", "A-2"]) == [s1, s2]
        assert source.count_source(session, "unified-1") == (2, 2)
        assert source.count_source(session, "other-2") == (0, 0)
        assert source.load_assessments(session, "other-2") == []


def test_newer_replaces_and_older_is_ignored(store: Engine) -> None:
    with session_scope(store) as session:
        source.upsert_assessments(session, [assessment("A-1")])
        source.upsert_scores(session, [score("A-1", "S-1")])
    newer = assessment("A-1", title="Renamed", updated_at=T0 + timedelta(hours=1))
    older = score("A-1", "S-1", points=1.0, updated_at=T0 - timedelta(seconds=1))
    same_time = score("A-1", "S-2", points=3.0)
    with session_scope(store) as session:
        assert source.upsert_assessments(session, [newer]) == 1
        assert source.upsert_scores(session, [older, same_time]) == 1
        # the same instant written again replaces: re-sending is idempotent
        assert source.upsert_scores(session, [score("A-1", "S-1", points=5.0)]) == 1
    with session_scope(store) as session:
        assert source.load_assessments(session, "unified-1") == [newer]
        points = {s.student: s.points for s in source.load_scores(session, "unified-1", ["A-1"])}
        assert points == {"S-1": 5.0, "S-2": 3.0}


def test_newer_only_off_replaces_regardless(store: Engine) -> None:
    with session_scope(store) as session:
        source.upsert_assessments(session, [assessment("A-1", updated_at=T0 + timedelta(days=1))])
        assert source.upsert_assessments(session, [assessment("A-1")], newer_only=False) == 1
        [stored] = source.load_assessments(session, "unified-1")
        assert stored.updated_at == T0


def test_the_same_id_twice_in_one_call_keeps_the_last(store: Engine) -> None:
    with session_scope(store) as session:
        source.upsert_assessments(session, [assessment("A-1")])
        first, last = score("A-1", "S-1", points=1.0), score("A-1", "S-1", points=2.0)
        assert source.upsert_scores(session, [first, last]) == 1
        [stored] = source.load_scores(session, "unified-1", ["A-1"])
        assert stored.points == 2.0


def test_class_filter_and_chunked_loads(store: Engine) -> None:
    many = [assessment(f"A-{i:04d}", (f"C-{i % 3}",)) for i in range(1200)]
    with session_scope(store) as session:
        source.upsert_assessments(session, many)
        source.upsert_scores(session, [score(a.id, "S-1") for a in many])
    with session_scope(store) as session:
        in_c1 = source.load_assessments(session, "unified-1", class_ids=["C-1"])
        assert [a.id for a in in_c1] == [a.id for a in many if a.classes == ("C-1",)]
        assert source.load_assessments(session, "unified-1", class_ids=[]) == []
        ids = [a.id for a in many[:1100]]
        assert len(source.load_scores(session, "unified-1", ids)) == 1100
        assert source.existing_assessment_ids(session, "unified-1", [*ids, "A-x"]) == set(ids)


def test_large_batches_are_split(store: Engine) -> None:
    with session_scope(store) as session:
        source.upsert_assessments(session, [assessment("A-1")])
        rows = [score("A-1", f"S-{i}") for i in range(source.BATCH * 2 + 7)]
        assert source.upsert_scores(session, rows) == len(rows)
        assert source.count_source(session, "unified-1") == (1, len(rows))


def test_bulk_upsert_stores_exactly_what_the_orm_stores(store: Engine) -> None:
    """The upsert bypasses SQLAlchemy's statement machinery; the bytes must not differ."""
    when = T0.astimezone(timezone(timedelta(hours=2)))
    a = assessment("A-2", classes=("C-1", "C-2"), updated_at=when, due_on=None)
    s = score("A-2", "S-1", excluded=True, points=None, state=ScoreState.SUBMITTED)
    with session_scope(store) as session:
        session.add(
            AssessmentRow(
                district_id=a.district,
                id="A-1",
                classes=list(a.classes),
                title=a.title,
                type=a.type,
                scoring=a.scoring.value,
                points_possible=a.points_possible,
                include_in_final_grade=a.include_in_final_grade,
                assigned_by=a.assigned_by,
                assigned_on=a.assigned_on,
                due_on=a.due_on,
                description=a.description,
                updated_at=a.updated_at,
                deleted=a.deleted,
            )
        )
        session.flush()
        session.add(
            ScoreRow(
                district_id=s.district,
                assessment_id="A-1",
                student_id=s.student,
                state=s.state.value,
                points=s.points,
                excluded=s.excluded,
                comment=s.comment,
                updated_at=s.updated_at,
            )
        )
        source.upsert_assessments(session, [a])
        source.upsert_scores(session, [s])
    with store.connect() as connection:
        rows = connection.exec_driver_sql("SELECT * FROM assessments ORDER BY id").all()
        scores = connection.exec_driver_sql("SELECT * FROM scores ORDER BY assessment_id").all()
    assert rows[0][0] == rows[1][0] and rows[0][2:] == rows[1][2:]
    assert scores[0][0] == scores[1][0] and scores[0][2:] == scores[1][2:]


@given(
    moment=st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
    ),
    offset_minutes=st.sampled_from([0, 0, 0, 120, -330]),
    separator=st.sampled_from(["T", "t", " "]),
    spec=st.sampled_from(["seconds", "milliseconds", "microseconds", "minutes"]),
    zulu=st.booleans(),
)
def test_stored_text_from_the_written_timestamp_equals_the_formatted_one(
    moment: datetime, offset_minutes: int, separator: str, spec: str, zulu: bool
) -> None:
    """The import stores a plain UTC timestamp straight from its text; any text
    `parse_timestamp` takes must be stored as its parsed datetime would be."""
    local = moment.astimezone(timezone(timedelta(minutes=offset_minutes)))
    text = local.isoformat(separator, spec)
    if zulu and offset_minutes == 0:
        text = text.removesuffix("+00:00") + "Z"
    expected = source._utc_text(parse_timestamp(text))
    from_text = source._utc_text_as_written(text)
    assert from_text is None or from_text == expected
    if zulu and offset_minutes == 0 and spec == "seconds":
        assert from_text == expected


@pytest.mark.parametrize(
    "text", ["2026-W36-3T10:07:00Z", "2026-09-09T10:07:00+00:00", "2026-09-09T10:07Z"]
)
def test_other_timestamp_forms_are_stored_from_their_datetime(text: str) -> None:
    assert source._utc_text_as_written(text) is None
