"""Names from the SIS roster and the platform's titles: kept with the roster cache, refreshed
when the SIS changes them, and shown in every report item beside the ids."""

from __future__ import annotations

import copy

import pytest

from passback.core.report import ReportFilter
from passback.store import names, runs
from passback.store.db import session_scope
from passback.sync.service import SyncSettings

from .harness import World, items


def _user(w: World, sid: str) -> dict[str, object]:
    found = w.sandbox.state.get("users", sid)
    assert found is not None
    return found


def test_report_items_carry_the_names_of_students_classes_and_assessments(w: World) -> None:
    w.load_demo()
    report = w.sync(dry_run=True)

    score = next(i for i in items(report, kind="result") if i["student"])
    student = _user(w, score["student"])
    klass = w.sandbox.state.get("classes", score["class"])
    assert klass is not None
    assert score["names"] == {
        "assessment": w.assessment(score["assessment"])["title"],
        "class": klass["title"],
        "student": f"{student['givenName']} {student['familyName']}",
    }
    # the keys (docs/sync.md#the-report) keep their ids
    assert score["student"].startswith("S-") and score["assessment"].startswith("A-")
    line_item = items(report, kind="lineItem")[0]
    assert line_item["names"]["student"] is None
    assert line_item["names"]["assessment"] == w.assessment(line_item["assessment"])["title"]

    # the stored report, read back as the CLI, API and console read it, has them too
    with session_scope(w.engine) as session:
        stored = runs.get_report(session, report["run"], ReportFilter(student=score["student"]))
    assert stored is not None
    assert {i["names"]["student"] for i in stored["items"]} == {score["names"]["student"]}


def test_names_follow_the_sis_and_fall_back_to_the_id(w: World) -> None:
    w.load_demo()
    w.sync(dry_run=True)
    with session_scope(w.engine) as session:
        teachers = names.search(session, w.district, names.TEACHER, "")
    assert teachers, "the roster's teachers are named"
    teacher_id, teacher_name = teachers[0]

    renamed = copy.deepcopy(_user(w, teacher_id))
    renamed["givenName"], renamed["familyName"] = "Renata", "Okonkwo-Lindqvist"
    w.sandbox.state.upsert("users", renamed)
    w.sync(dry_run=True)  # a delta read of the roster cache

    with session_scope(w.engine) as session:
        book = names.NameBook(w.district)
        book.fill(session, teacher=[teacher_id, "T-NOBODY"], student=["S-NOBODY"])
        assert book.name(names.TEACHER, teacher_id) == "Renata Okonkwo-Lindqvist"
        assert book.name(names.TEACHER, "T-NOBODY") == "T-NOBODY"
        assert book.get(names.STUDENT, "S-NOBODY") is None
        # a search by part of a name, any case, or by the start of an id
        assert names.search(session, w.district, names.TEACHER, "okonkwo") == [
            (teacher_id, "Renata Okonkwo-Lindqvist")
        ]
        assert (teacher_id, "Renata Okonkwo-Lindqvist") in names.search(
            session, w.district, names.TEACHER, teacher_id[:2]
        )
        assert names.resolve(session, w.district, names.TEACHER, "renata okonkwo-lindqvist") == (
            teacher_id
        )
        assert names.resolve(session, w.district, names.TEACHER, teacher_name) == teacher_name


def test_names_are_kept_when_the_roster_cache_is_off(w: World) -> None:
    w.load_demo()
    w.sync(dry_run=True, settings=SyncSettings(roster_cache=False))
    with session_scope(w.engine) as session:
        students = names.search(session, w.district, names.STUDENT, "", limit=1000)
        classes = names.search(session, w.district, names.CLASS, "", limit=1000)
    fixture_students = [u for u in w.fixture["users"] if u.get("role") == "student"]
    assert len(students) == len(fixture_students)
    assert {c["title"] for c in w.fixture["classes"]} == {n for _, n in classes}


def test_a_name_several_records_share_must_be_given_as_an_id(w: World) -> None:
    w.load_demo()
    w.sync(dry_run=True)
    tests = [a["id"] for a in w.data["assessments"] if a["title"].lower() == "unit 3 test"]
    assert len(tests) > 1  # the demo's duplicate-title case
    with session_scope(w.engine) as session:
        with pytest.raises(names.AmbiguousName) as raised:
            names.resolve(session, w.district, names.ASSESSMENT, "unit 3 test")
        assert sorted(raised.value.ids) == sorted(tests)
        assert all(i in str(raised.value) for i in tests)
        # an id is always itself, and text nobody has comes back unchanged
        assert names.resolve(session, w.district, names.ASSESSMENT, tests[0]) == tests[0]
        assert names.resolve(session, w.district, names.ASSESSMENT, "No Such Quiz") == (
            "No Such Quiz"
        )
