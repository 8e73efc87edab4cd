"""Importing the platform's JSON document: per-record errors, stale re-sends, duplicates,
broken files and unusual key orders, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine

from integration.store.builders import make_district
from passback.core.domain import ScoreState
from passback.intake import importer
from passback.intake.importer import ImportSummary, RecordError, validate_score
from passback.operations.ingest import ingest_file
from passback.store import districts, source
from passback.store.db import session_scope

DISTRICT = "unified-1"


def assessment(aid: str, **changes: Any) -> dict[str, Any]:
    record = {
        "id": aid,
        "classes": ["CLS-7A"],
        "title": f"Unit test {aid}",
        "type": "Test",
        "scoring": "points",
        "points_possible": 20,
        "include_in_final_grade": True,
        "assigned_by": "T-1",
        "assigned_on": "2026-09-01",
        "due_on": "2026-09-08",
        "description": "optional",
        "updated_at": "2026-09-01T15:00:00Z",
        "deleted": False,
    }
    record.update(changes)
    return record


def score(aid: str, student: str, **changes: Any) -> dict[str, Any]:
    record = {
        "assessment": aid,
        "student": student,
        "state": "graded",
        "points": 18,
        "excluded": False,
        "comment": "optional",
        "updated_at": "2026-09-09T10:00:00Z",
    }
    record.update(changes)
    return record


def document(assessments: list[Any], scores: list[Any], district: str = DISTRICT) -> bytes:
    return json.dumps({"district": district, "assessments": assessments, "scores": scores}).encode()


Importer = Callable[..., ImportSummary]


@pytest.fixture
def store(engine: Engine) -> Engine:
    with session_scope(engine) as session:
        districts.save_district(session, make_district(DISTRICT), None, None)
    return engine


@pytest.fixture
def run(store: Engine) -> Importer:
    def run(data: bytes, district: str | None = None) -> ImportSummary:
        return ingest_file(store, district, io.BytesIO(data))

    return run


def stored_points(engine: Engine, aid: str) -> dict[str, float | None]:
    with session_scope(engine) as session:
        return {s.student: s.points for s in source.load_scores(session, DISTRICT, [aid])}


def stored_titles(engine: Engine) -> dict[str, str]:
    with session_scope(engine) as session:
        return {a.id: a.title for a in source.load_assessments(session, DISTRICT)}


def by_record(summary: ImportSummary) -> dict[str, RecordError]:
    return {error.where: error for error in summary.errors}


def test_good_records_are_stored_and_each_bad_one_is_named(store: Engine, run: Importer) -> None:
    bad_assessments = [
        assessment("A-2", colour="blue"),  # unknown field
        assessment("A-3", assigned_on="2026/09/01"),  # bad date
        assessment("A-4", updated_at="2026-09-01T15:00:00"),  # naive timestamp
        assessment("A-5", points_possible="20"),  # string number
        assessment("A-6", classes=[]),
    ]
    bad_scores = [
        score("A-1", "S-2", points=-1),  # negative points
        score("A-1", "S-3", points=True),  # bool for a number
        score("A-9", "S-4"),  # unknown assessment
        score("A-1", "S-5", state="finished"),
        score("A-1", "S-6", points=None),  # graded without points
        score("A-3", "S-7"),  # its assessment was rejected
        "not an object",
    ]
    data = document(
        [assessment("A-1"), *bad_assessments],
        [score("A-1", "S-1"), *bad_scores, score("A-1", "S-8", state="in_progress", points=None)],
    )
    summary = run(data)

    assert (summary.assessments.stored, summary.assessments.rejected) == (1, 5)
    assert (summary.scores.stored, summary.scores.rejected) == (2, 7)
    assert not summary.ok
    assert summary.problem is None
    assert stored_titles(store) == {"A-1": "Unit test A-1"}
    assert stored_points(store, "A-1") == {"S-1": 18.0, "S-8": None}
    errors = by_record(summary)
    assert len(errors) == 12
    expected = {
        "assessments[1] (id A-2)": ("colour", "is not a known field"),
        "assessments[2] (id A-3)": ("assigned_on", "must be a date written YYYY-MM-DD"),
        "assessments[3] (id A-4)": ("updated_at", "needs a time zone"),
        "assessments[4] (id A-5)": ("points_possible", "must be a number (got '20')"),
        "assessments[5] (id A-6)": ("classes", "must not be empty"),
        "scores[1] (assessment A-1, student S-2)": ("points", "must be 0 or more (got -1)"),
        "scores[2] (assessment A-1, student S-3)": ("points", "must be a number (got true)"),
        "scores[3] (assessment A-9, student S-4)": ("assessment", "assessment A-9 not found"),
        "scores[4] (assessment A-1, student S-5)": ("state", "must be one of 'graded'"),
        "scores[5] (assessment A-1, student S-6)": ("points", "is required when state is graded"),
        "scores[6] (assessment A-3, student S-7)": (
            "assessment",
            "assessment A-3 was rejected (assessments[2] (id A-3))",
        ),
        "scores[7]": ("", "must be a JSON object"),
    }
    for where, (field, message) in expected.items():
        assert errors[where].field == field, where
        assert message in errors[where].message, where


def test_every_bad_field_of_a_record_is_in_its_one_error(run: Importer) -> None:
    summary = run(document([assessment("A-1")], [score("A-1", "S-1", points=-2, excluded=1)]))
    [error] = summary.errors
    assert str(error) == (
        "scores[0] (assessment A-1, student S-1): points: must be 0 or more (got -2); "
        "excluded: must be true or false (got 1)"
    )


def test_free_text_is_never_repeated_in_errors(run: Importer) -> None:
    name = "Jane Student-Name"
    summary = run(document([assessment("A-1", title=name * 100)], [score("A-1", "S-1", comment=7)]))
    assert summary.rejected == 2
    assert all(name not in str(error) for error in summary.errors)


def test_non_finite_points_are_rejected_by_the_shared_validator() -> None:
    for value in (float("nan"), float("inf")):
        result = validate_score(score("A-1", "S-1", points=value), "scores[0]", DISTRICT)
        assert isinstance(result, RecordError)
        assert (result.field, result.message.split(" (")[0]) == (
            "points",
            "must be a finite number",
        )


def test_unknown_district_rejects_every_record(store: Engine, run: Importer) -> None:
    summary = run(document([assessment("A-1")], [score("A-1", "S-1"), score("A-1", "S-2")], "nope"))
    assert summary.problem is not None
    assert "district nope is not configured" in summary.problem
    assert (summary.stored, summary.rejected) == (0, 3)
    assert [e.where for e in summary.errors] == [
        "assessments[0] (id A-1)",
        "scores[0] (assessment A-1, student S-1)",
        "scores[1] (assessment A-1, student S-2)",
    ]
    assert all("district nope is not configured" in e.message for e in summary.errors)
    assert stored_titles(store) == {}


def test_truncated_json_keeps_the_records_before_the_break(store: Engine, run: Importer) -> None:
    data = document([assessment("A-1")], [score("A-1", f"S-{i}") for i in range(5)])
    cut = data[: data.index(b'"S-3"') + 2]
    summary = run(cut)
    assert summary.problem is not None
    assert "cut off in scores[3] (after 3 complete records)" in summary.problem
    assert "premature EOF" in summary.problem
    assert stored_points(store, "A-1") == {"S-0": 18.0, "S-1": 18.0, "S-2": 18.0}
    assert not summary.ok


def test_nan_in_the_file_is_a_clear_error_at_its_record(store: Engine, run: Importer) -> None:
    data = document([assessment("A-1")], [score("A-1", "S-1"), score("A-1", "S-2", points=0)])
    data = data.replace(b'"points": 0,', b'"points": NaN,')
    summary = run(data)
    assert summary.problem is not None
    assert "in scores[1]" in summary.problem
    assert "JSON has no NaN or Infinity" in summary.problem
    assert stored_points(store, "A-1") == {"S-1": 18.0}


@pytest.mark.parametrize("data", [b"[]", b'"text"', b"{", b"", b'{"district": "x"} trailing'])
def test_documents_that_are_not_one_object(run: Importer, data: bytes) -> None:
    summary = run(data)
    assert summary.problem is not None
    assert not summary.ok


def test_stale_resend_is_ignored_and_newer_replaces(store: Engine, run: Importer) -> None:
    run(document([assessment("A-1")], [score("A-1", "S-1"), score("A-1", "S-2")]))
    older = "2026-09-09T09:59:59Z"
    newer = "2026-09-09T12:00:00+02:00"  # 10:00Z: the same instant is a replace, not stale
    summary = run(
        document(
            [assessment("A-1", title="Older title", updated_at="2026-08-31T00:00:00Z")],
            [
                score("A-1", "S-1", points=1, updated_at=older),
                score("A-1", "S-2", points=2, updated_at=newer),
            ],
        )
    )
    assert summary.ok
    assert (summary.stored, summary.stale) == (1, 2)
    assert (summary.assessments.stale, summary.scores.stale, summary.scores.stored) == (1, 1, 1)
    assert stored_titles(store) == {"A-1": "Unit test A-1"}
    assert stored_points(store, "A-1") == {"S-1": 18.0, "S-2": 2.0}


def test_deleted_assessment_is_kept_as_a_tombstone(store: Engine, run: Importer) -> None:
    run(document([assessment("A-1")], []))
    run(document([assessment("A-1", deleted=True, updated_at="2026-09-02T00:00:00Z")], []))
    with session_scope(store) as session:
        [stored] = source.load_assessments(session, DISTRICT)
    assert stored.deleted is True
    assert stored.updated_at == datetime(2026, 9, 2, tzinfo=UTC)


@pytest.mark.parametrize("batch", [2000, 2])
def test_duplicates_in_one_file_later_wins(
    store: Engine, run: Importer, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(importer, "BATCH", batch)
    later_but_older = "2026-09-09T08:00:00Z"
    summary = run(
        document(
            [assessment("A-1"), assessment("A-2"), assessment("A-1", title="Second")],
            [
                score("A-1", "S-1", points=1),
                score("A-2", "S-1"),
                score("A-2", "S-2"),
                score("A-1", "S-1", points=2, updated_at=later_but_older),
            ],
        )
    )
    assert summary.ok
    assert (summary.assessments.duplicates, summary.scores.duplicates) == (1, 1)
    assert (summary.assessments.stored, summary.scores.stored, summary.stale) == (3, 4, 0)
    assert stored_titles(store)["A-1"] == "Second"
    assert stored_points(store, "A-1") == {"S-1": 2.0}


def test_district_after_the_records_and_scores_before_assessments(
    store: Engine, run: Importer
) -> None:
    data = json.dumps(
        {
            "scores": [score("A-1", "S-1"), score("A-9", "S-2")],
            "assessments": [assessment("A-1")],
            "district": DISTRICT,
        }
    ).encode()
    summary = run(data)
    assert (summary.stored, summary.rejected) == (2, 1)
    assert [str(e) for e in summary.errors] == [
        "scores[1] (assessment A-9, student S-2): assessment: "
        "assessment A-9 not found (not in this file nor stored)"
    ]
    assert stored_points(store, "A-1") == {"S-1": 18.0}


def test_many_scores_waiting_for_their_assessments_are_re_read(
    store: Engine, run: Importer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "_DEFER_IN_MEMORY", 3)
    scores = [score("A-1", f"S-{i}") for i in range(10)] + [score("A-1", "S-0", points=3)]
    data = json.dumps(
        {"district": DISTRICT, "scores": scores, "assessments": [assessment("A-1")]}
    ).encode()
    summary = run(data)
    assert summary.ok
    # every record is accounted for once; the duplicate was written after the first
    assert (summary.scores.stored, summary.scores.duplicates) == (11, 1)
    assert stored_points(store, "A-1")["S-0"] == 3.0


def test_a_stream_that_cannot_seek_is_spooled(store: Engine) -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    data = json.dumps({"assessments": [assessment("A-1")], "district": DISTRICT}).encode()
    summary = ingest_file(store, None, io.BufferedReader(Pipe(data)))
    assert summary.ok and summary.stored == 1


def test_scores_only_file_for_stored_assessments(store: Engine, run: Importer) -> None:
    run(document([assessment("A-1")], []))
    summary = run(json.dumps({"district": DISTRICT, "scores": [score("A-1", "S-1")]}).encode())
    assert summary.ok and summary.scores.stored == 1


def test_unknown_top_level_field_is_an_error_but_records_are_kept(
    store: Engine, run: Importer
) -> None:
    data = json.dumps(
        {"district": DISTRICT, "teachers": [{"id": "T-1"}], "assessments": [assessment("A-1")]}
    ).encode()
    summary = run(data)
    assert not summary.ok
    assert (
        summary.problem
        == "document: teachers: is not a known field (expected district, assessments, scores)"
    )
    assert summary.stored == 1


def test_missing_district_rejects_everything(store: Engine, run: Importer) -> None:
    summary = run(
        json.dumps({"assessments": [assessment("A-1")], "scores": [score("A-1", "S")]}).encode()
    )
    assert summary.problem is not None and "names no district" in summary.problem
    assert (summary.assessments.rejected, summary.scores.rejected) == (1, 1)
    assert stored_titles(store) == {}


def test_district_given_by_the_caller(store: Engine, run: Importer) -> None:
    no_district = json.dumps({"assessments": [assessment("A-1")]}).encode()
    assert run(no_district, DISTRICT).stored == 1
    other = run(document([assessment("A-2")], [], "other-9"), DISTRICT)
    assert other.problem == f"the document is for district other-9, not {DISTRICT}"
    assert other.rejected == 1
    assert stored_titles(store) == {"A-1": "Unit test A-1"}


def test_error_list_is_capped_but_every_rejection_counted(
    run: Importer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "MAX_LISTED_ERRORS", 5)
    summary = run(
        document([assessment("A-1")], [score("A-1", f"S-{i}", points=-1) for i in range(12)])
    )
    assert (summary.rejected, len(summary.errors), summary.errors_not_listed) == (12, 5, 7)
    assert list(importer.iter_errors(summary))[-1] == "… and 7 more rejected records not listed"


def test_summary_as_json(run: Importer) -> None:
    summary = run(
        document([assessment("A-1")], [score("A-1", "S-1"), score("A-1", "S-2", points=-1)])
    )
    as_json = json.loads(json.dumps(summary.as_dict()))
    assert as_json["stored"] == 2 and as_json["rejected"] == 1 and as_json["ok"] is False
    assert as_json["scores"] == {"stored": 1, "stale": 0, "rejected": 1, "duplicates": 0}
    assert as_json["errors"][0]["record"] == "scores[1] (assessment A-1, student S-2)"
    assert as_json["errors"][0]["field"] == "points"


def test_imported_scores_are_domain_scores(store: Engine, run: Importer) -> None:
    run(
        document(
            [assessment("A-1")],
            [score("A-1", "S-1", state="not_submitted", points=None, excluded=True)],
        )
    )
    with session_scope(store) as session:
        [stored] = source.load_scores(session, DISTRICT, ["A-1"])
    assert (stored.state, stored.points, stored.excluded) == (ScoreState.NOT_SUBMITTED, None, True)
    assert stored.updated_at == datetime(2026, 9, 9, 10, tzinfo=UTC)


def test_assigned_to_is_stored_and_bad_values_are_named(store: Engine, run: Importer) -> None:
    data = document(
        [
            assessment("A-1"),  # omitted: the whole class
            assessment("A-2", assigned_to="class"),
            assessment("A-3", assigned_to=["S-2", "S-1"]),
            assessment("A-4", assigned_to="everyone"),
            assessment("A-5", assigned_to=["S-1", "S-1"]),
            assessment("A-6", assigned_to=["S-1", ""]),
            assessment("A-7", assigned_to=[]),
        ],
        [],
    )
    summary = run(data)
    assert summary.assessments.stored == 4
    with session_scope(store) as session:
        stored = {a.id: a.assigned_to for a in source.load_assessments(session, DISTRICT)}
    assert stored == {"A-1": "class", "A-2": "class", "A-3": ("S-1", "S-2"), "A-7": ()}
    errors = by_record(summary)
    assert errors["assessments[3] (id A-4)"].field == "assigned_to"
    assert errors["assessments[3] (id A-4)"].message == (
        "must be \"class\" or a list of student ids (got 'everyone')"
    )
    assert errors["assessments[4] (id A-5)"].field == "assigned_to"
    assert "same student more than once" in errors["assessments[4] (id A-5)"].message
    assert errors["assessments[5] (id A-6)"].field == "assigned_to[1]"


def test_blanks_around_ids_are_trimmed_and_counted(store: Engine, run: Importer) -> None:
    summary = run(
        document(
            [assessment(" A-1 ", classes=[" CLS-7A"], assigned_by="T-1 "), assessment("A-2")],
            [score("A-1 ", " S-1"), score("A-1", "S-2"), score("A-1", "   ")],
        )
    )
    assert summary.ids_trimmed == 2  # the first assessment and the first score
    assert summary.as_dict()["ids_trimmed"] == 2
    assert stored_points(store, "A-1") == {"S-1": 18, "S-2": 18}
    with session_scope(store) as session:
        (first,) = [a for a in source.load_assessments(session, DISTRICT) if a.id == "A-1"]
    assert (first.classes, first.assigned_by) == (("CLS-7A",), "T-1")
    # a blank id is still refused, naming the record and the field
    (error,) = summary.errors
    assert error.where.startswith("scores[2]") and error.field == "student"
