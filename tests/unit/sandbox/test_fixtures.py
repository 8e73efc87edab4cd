"""The generator, the shipped sample district (the ids docs/sandbox.md promises) and the
fixture loader's errors."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from passback.sandbox import FixtureError, SandboxState, generate_district, sample_fixture
from passback.sandbox.fixtures import SAMPLE_ARGS


def by_id(fixture: dict[str, Any], collection: str) -> dict[str, dict[str, Any]]:
    return {obj["sourcedId"]: obj for obj in fixture[collection]}


def test_generation_is_deterministic_for_a_seed() -> None:
    assert generate_district(300, seed=9) == generate_district(300, seed=9)
    assert generate_district(300, seed=9) != generate_district(300, seed=10)


def test_shipped_sample_is_the_generator_output() -> None:
    """The committed JSON must be regenerated when the generator changes."""
    assert sample_fixture() == generate_district(**SAMPLE_ARGS)


def test_sample_structure(sample: dict[str, Any]) -> None:
    orgs = by_id(sample, "orgs")
    assert {o["type"] for o in orgs.values()} == {"district", "school"}
    assert sorted(s for s, o in orgs.items() if o["type"] == "school") == ["SCH-HS", "SCH-MS"]
    sessions = by_id(sample, "academicSessions")
    for school in ("HS", "MS"):
        year = sessions[f"SY-{school}"]
        assert (year["type"], year["startDate"], year["endDate"]) == (
            "schoolYear",
            "2026-08-17",
            "2027-06-04",
        )
        for q, sem in (("Q1", "S1"), ("Q2", "S1"), ("Q3", "S2"), ("Q4", "S2")):
            period = sessions[f"GP-{school}-{q}"]
            assert period["type"] == "gradingPeriod"
            assert period["parent"]["sourcedId"] == f"SEM-{school}-{sem}"
            assert sessions[f"SEM-{school}-{sem}"]["parent"]["sourcedId"] == f"SY-{school}"
    users = Counter(u["role"] for u in sample["users"])
    assert users == {"student": 400, "teacher": 15, "administrator": 2}
    assert len(sample["classes"]) == 20
    inactive_classes = [c["sourcedId"] for c in sample["classes"] if c["status"] != "active"]
    assert inactive_classes == ["CLS-MS-10"]
    assert sample["sandbox"]["closed_grading_periods"] == ["GP-HS-Q1"]
    assert {c["client_id"]: c["write_access"] for c in sample["sandbox"]["clients"]} == {
        "demo": True,
        "readonly": False,
    }


def test_sample_enrollments(sample: dict[str, Any]) -> None:
    students = [e for e in sample["enrollments"] if e["role"] == "student"]
    per_student = Counter(e["user"]["sourcedId"] for e in students)
    assert set(per_student.values()) == {5}
    assert 5 <= sum(e["status"] == "tobedeleted" for e in students) <= 20
    teachers = [e for e in sample["enrollments"] if e["role"] == "teacher"]
    primaries = Counter(e["class"]["sourcedId"] for e in teachers if e["primary"] == "true")
    assert set(primaries.values()) == {1} and len(primaries) == 20
    co_taught = sorted(e["class"]["sourcedId"] for e in teachers if e["primary"] == "false")
    assert co_taught == ["CLS-HS-3", "CLS-HS-9", "CLS-MS-3", "CLS-MS-9"]


def test_sample_categories(sample: dict[str, Any]) -> None:
    """PowerSchool's shape (sis-vendors.md §1.3): per-teacher rows tied by userDcid and
    TermID; flags only on the rows they mark."""
    categories = sample["categories"]
    assert all({"userDcid", "TermID"} <= set(c["metadata"]) for c in categories)
    district_titles = {
        c["title"]
        for c in categories
        if c["metadata"].get("categoryType", "district") == "district"
    }
    assert district_titles == {"Tests", "Quizzes", "Homework", "Otus Assessment"}
    projects = [c for c in categories if c["title"] == "Projects"]
    assert projects and {c["metadata"]["categoryType"] for c in projects} == {"user"}
    inactive = sorted(
        c["sourcedId"] for c in categories if c["metadata"].get("isActive") == "false"
    )
    assert inactive == ["CAT-T-13-TESTS", "CAT-T-3-OTUS-ASSESSMENT", "CAT-T-8-QUIZZES"]
    teachers = {u["sourcedId"]: u for u in sample["users"] if u["role"] == "teacher"}
    for n in range(1, 16):
        ids = teachers[f"T-{n}"].get("userIds", [])
        dcid = ids[0]["identifier"] if ids else f"T-{n}"
        assert ids if n % 7 else not ids  # T-7 and T-14 have no dcid: their sourcedId stands
        copies = [c for c in categories if c["metadata"]["userDcid"] == dcid]
        assert {c["title"] for c in copies} >= district_titles
        school = teachers[f"T-{n}"]["orgs"][0]["sourcedId"].removeprefix("SCH-")
        assert {c["metadata"]["TermID"] for c in copies} == {f"SY-{school}"}
        titles = [c["title"] for c in copies]
        assert len(titles) == len(set(titles)) and max(map(len, titles)) <= 30


def test_oneroster_profile_generates_spec_literal_categories() -> None:
    district = generate_district(60, seed=3, classes=6, teachers=4, profile="oneroster")
    assert district["sandbox"]["profile"] == "oneroster"
    assert sorted((c["sourcedId"], c["title"]) for c in district["categories"]) == [
        ("CAT-HOMEWORK", "Homework"),
        ("CAT-OTUS-ASSESSMENT", "Otus Assessment"),
        ("CAT-QUIZZES", "Quizzes"),
        ("CAT-TESTS", "Tests"),
    ]
    assert all("metadata" not in c for c in district["categories"])
    SandboxState.from_fixture(district)  # loads: every reference resolves


def test_generator_scales_with_students() -> None:
    big = generate_district(2000, seed=2)
    assert len(big["classes"]) == 400 and sum(u["role"] == "teacher" for u in big["users"]) == 100
    assert len(big["enrollments"]) > 10_000
    state = SandboxState.from_fixture(big)  # every reference resolves
    assert state.count("users") == 2000 + 100 + 2


def test_more_schools_get_their_own_calendar() -> None:
    fixture = generate_district(90, seed=1, schools=4)
    schools = sorted(o["sourcedId"] for o in fixture["orgs"] if o["type"] == "school")
    assert schools == ["SCH-ES", "SCH-HS", "SCH-MS", "SCH-S4"]
    assert "GP-S4-Q4" in by_id(fixture, "academicSessions")


# --- loader errors -------------------------------------------------------------------------


def broken(change: Any) -> dict[str, Any]:
    fixture = generate_district(30, seed=1, classes=4, teachers=2)
    change(fixture)
    return fixture


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda f: f.update(students=[]), "unknown collection(s) students"),
        (lambda f: f.update(users={}), "users must be a list"),
        (lambda f: f["users"].append("S-9"), "users[34] must be an object"),
        (lambda f: f["users"].append({"givenName": "X"}), "users[34] field 'sourcedId'"),
        (lambda f: f["users"].append(dict(f["users"][0])), "users[34] duplicate sourcedId 'A-1'"),
        (
            lambda f: f["classes"][0].update(school={"sourcedId": "SCH-NOPE"}),
            "classes 'CLS-HS-1' field 'school' refers to unknown orgs 'SCH-NOPE'",
        ),
        (
            lambda f: f["classes"][0].update(terms={"sourcedId": "SY-HS"}),
            "classes 'CLS-HS-1' field 'terms' must be a list",
        ),
        (
            lambda f: f["enrollments"][0].update(user="T-1"),
            "field 'user' must be a GUIDRef",
        ),
        (lambda f: f["sandbox"].update(clients=[{"client_id": "x"}]), "client_secret"),
        (
            lambda f: f["sandbox"]["clients"][0].update(write_access="yes"),
            "sandbox.clients[0] field 'write_access'",
        ),
        (
            lambda f: f["sandbox"].update(closed_grading_periods=["SY-HS"]),
            "'SY-HS' is not a gradingPeriod",
        ),
    ],
)
def test_bad_fixtures_name_the_record_and_field(change: Any, fragment: str) -> None:
    with pytest.raises(FixtureError) as error:
        SandboxState.from_fixture(broken(change))
    assert fragment in str(error.value)


def test_refs_with_only_a_sourced_id_are_completed_on_load() -> None:
    fixture = broken(lambda f: f["classes"][0].update(school={"sourcedId": "SCH-HS"}))
    state = SandboxState.from_fixture(fixture)
    school = (state.get("classes", "CLS-HS-1") or {})["school"]
    assert school == {
        "href": "/ims/oneroster/v1p1/orgs/SCH-HS",
        "sourcedId": "SCH-HS",
        "type": "org",
    }


def test_loading_does_not_share_objects_with_the_callers_fixture() -> None:
    fixture = generate_district(30, seed=1, classes=4, teachers=2)
    state = SandboxState.from_fixture(fixture)
    fixture["classes"][0]["status"] = "tobedeleted"
    assert (state.get("classes", "CLS-HS-1") or {})["status"] == "active"


def test_from_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{oops")
    with pytest.raises(FixtureError, match=r"bad\.json: not valid JSON"):
        SandboxState.from_file(path)
    path.write_text(json.dumps({"lineItems": [{"sourcedId": "LI-1", "class": {"sourcedId": "C"}}]}))
    with pytest.raises(FixtureError, match=r"bad\.json: .*refers to unknown classes 'C'"):
        SandboxState.from_file(path)
