"""Fuzzing the import format: documents mixing valid records with broken ones (wrong types,
huge strings, unicode, NaN/Infinity, negative and enormous points, dates out of range,
unknown fields, duplicates, truncation). The import never crashes, keeps every good record,
and rejects every bad one with a message naming the record and the field."""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from passback.demo import data as demo_data
from passback.intake.district_file import DistrictConfig
from passback.operations.ingest import ingest_file
from passback.store import districts, source
from passback.store.db import make_engine, session_scope, upgrade

DISTRICT = demo_data.DISTRICT_ID
_FRESH = itertools.count(1, 100)  # ids never seen by an earlier example


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    eng = make_engine(f"sqlite:///{path}")
    upgrade(eng)
    config = demo_data.district_config(
        "http://127.0.0.1:1/x", "http://127.0.0.1:1/t", {"users": []}
    )
    config["passback_group"] = ["T-1"]
    district, _ = DistrictConfig.parse(config).to_domain()
    with session_scope(eng) as session:
        districts.save_district(session, district, None, None)
    yield eng
    eng.dispose()


def good_assessment(n: int) -> dict[str, Any]:
    return {
        "id": f"F-{n}",
        "classes": ["CLS-HS-1"],
        "title": f"Fuzz {n} ✓ ünïcode",
        "type": "Test",
        "scoring": "points",
        "points_possible": 20,
        "include_in_final_grade": True,
        "assigned_by": "T-1",
        "assigned_on": "2026-11-01",
        "due_on": "2026-11-08",
        "updated_at": "2026-11-01T10:00:00Z",
    }


def good_score(assessment: str, student: str) -> dict[str, Any]:
    return {
        "assessment": assessment,
        "student": student,
        "state": "graded",
        "points": 17.5,
        "updated_at": "2026-11-09T10:00:00Z",
    }


BREAKAGES: dict[str, tuple[str, Any]] = {
    "wrong type": ("points_possible", "twenty"),
    "bool for number": ("points_possible", True),
    "negative": ("points_possible", -5),
    "enormous": ("points_possible", 1e309),  # becomes Infinity in JSON
    "nan": ("points_possible", float("nan")),
    "huge string": ("title", "x" * 100_000),
    "bad date": ("due_on", "2026-02-30"),
    "date out of range": ("assigned_on", "99999-01-01"),
    "naive timestamp": ("updated_at", "2026-11-01T10:00:00"),
    "unknown field": ("colour", "blue"),
    "empty id": ("id", ""),
    "classes not a list": ("classes", "CLS-HS-1"),
    "null scoring": ("scoring", None),
}
SCORE_BREAKAGES: dict[str, tuple[str, Any]] = {
    "negative points": ("points", -1),
    "infinite points": ("points", float("inf")),
    "string points": ("points", "17"),
    "unknown state": ("state", "lost"),
    "graded without points": ("points", None),
    "unknown field": ("grade", "A"),
    "unknown assessment": ("assessment", "NO-SUCH-ASSESSMENT"),
}


@st.composite
def documents(draw: st.DrawFn) -> tuple[dict[str, Any], set[str], set[tuple[str, str]], int]:
    base = next(_FRESH)
    n = draw(st.integers(1, 6))
    assessments, good_ids, bad = [], set(), 0
    for i in range(n):
        record = good_assessment(base + i)
        broken = draw(st.sampled_from([None, *BREAKAGES]))
        if broken is None:
            good_ids.add(record["id"])
        else:
            field, value = BREAKAGES[broken]
            record = {**record, field: value}
            bad += 1
        assessments.append(record)
    scores, good_scores = [], set()
    for aid in sorted(good_ids):
        for student in draw(st.lists(st.sampled_from(["S-1", "S-2", "S-3"]), unique=True)):
            record = good_score(aid, student)
            broken = draw(st.sampled_from([None, None, *SCORE_BREAKAGES]))
            if broken is None:
                good_scores.add((aid, student))
            else:
                field, value = SCORE_BREAKAGES[broken]
                record = {**record, field: value}
                bad += 1
            scores.append(record)
    return (
        {"district": DISTRICT, "assessments": assessments, "scores": scores},
        good_ids,
        good_scores,
        bad,
    )


def encode(document: dict[str, Any]) -> bytes:
    # allow_nan: a platform may well send NaN/Infinity, which strict JSON does not have
    return json.dumps(document, allow_nan=True).encode()


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_every_good_record_is_kept_and_every_bad_one_named(
    engine: Engine, doc: tuple[dict[str, Any], set[str], set[tuple[str, str]], int]
) -> None:
    document, good_ids, good_scores, bad = doc
    summary = ingest_file(engine, None, io.BytesIO(encode(document)))
    if summary.problem is not None:
        # NaN/Infinity literals are not JSON: the document is refused as a whole, clearly
        assert re.search(r"(?i)json|nan|infinity|number", summary.problem), summary.problem
        return
    assert summary.rejected == bad, [str(e) for e in summary.errors]
    for error in summary.errors:
        assert re.match(r"^(assessments|scores)\[\d+\]", error.where), error
        assert error.message
    with session_scope(engine) as session:
        stored = {a.id for a in source.load_assessments(session, DISTRICT)}
        scored = {
            (s.assessment, s.student)
            for s in source.load_scores(session, DISTRICT, sorted(good_ids))
        }
    assert good_ids <= stored
    assert good_scores <= scored


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(1, 5), st.data())
def test_truncated_documents_keep_what_came_before_the_break(
    engine: Engine, n: int, data: st.DataObject
) -> None:
    base = next(_FRESH)
    records = [good_assessment(base + i) for i in range(n)]
    raw = encode({"district": DISTRICT, "assessments": records})
    # cut inside the last record
    last = raw.rindex(b'{"id"')
    cut = data.draw(st.integers(last + 1, len(raw) - 3))
    summary = ingest_file(engine, None, io.BytesIO(raw[:cut]))
    assert summary.problem is not None
    with session_scope(engine) as session:
        stored = {a.id for a in source.load_assessments(session, DISTRICT)}
    assert {r["id"] for r in records[:-1]} <= stored
    assert records[-1]["id"] not in stored
