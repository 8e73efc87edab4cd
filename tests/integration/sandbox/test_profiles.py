"""The sandbox answers as its SIS profile: PowerSchool's category rules (sis-vendors.md §1.3)
from PowerSchool's category shape, and spec-literal OneRoster 1.1 under `oneroster`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from passback.cli import app
from passback.sandbox import SandboxServer, SandboxState, generate_district

from .helpers import Api, enrolled, line_item, result
from .test_rules import refused

STUDENT = enrolled("CLS-HS-1")[0]


# --- PowerSchool ----------------------------------------------------------------------------


def teacher_category(**meta: Any) -> dict[str, Any]:
    return {"title": "Labs", "metadata": {"userDcid": "4001", "TermID": "SY-HS", **meta}}


def test_a_teacher_category_is_created_as_the_teachers_own(api: Api) -> None:
    assert api.put("/categories/CAT-LABS", "category", teacher_category()).status_code == 201
    stored = api.get("/categories/CAT-LABS").json()["category"]
    assert stored["metadata"] == {"userDcid": "4001", "TermID": "SY-HS", "categoryType": "user"}
    # the teacher's own category is no district copy: no lineItem may use it
    body = line_item(category={"sourcedId": "CAT-LABS"})
    refused(api.put("/lineItems/LI-LABS", "lineItem", body), 400, "not a copy of a district")


@pytest.mark.parametrize(
    ("path", "body", "fragment"),
    [
        (
            "/categories/CAT-X",
            {**teacher_category(), "title": "A category title over thirty chars"},
            "at most 30 in a category title",
        ),
        ("/categories/CAT-X", {**teacher_category(), "title": "tests"}, "titles are unique"),
        ("/categories/CAT-X", {"title": "Labs"}, "metadata.userDcid is required"),
        ("/categories/CAT-X", teacher_category(userDcid="9999"), "no teacher's dcid"),
        ("/categories/CAT-X", teacher_category(categoryType="district"), "district category"),
        ("/categories/CAT-T-1-TESTS", teacher_category(), "district category cannot be"),
    ],
)
def test_powerschool_category_writes(
    writer: Api, path: str, body: dict[str, Any], fragment: str
) -> None:
    refused(writer.put(path, "category", body), 400, fragment)


def test_a_row_of_another_school_year_is_refused(server: SandboxServer, api: Api) -> None:
    server.state.upsert(
        "academicSessions",
        {"sourcedId": "SY-OLD", "title": "2025-26", "type": "schoolYear"},
    )
    server.state.upsert(
        "categories",
        {
            "sourcedId": "CAT-OLD",
            "title": "Tests",
            "metadata": {"userDcid": "4001", "TermID": "SY-OLD"},
        },
    )
    body = line_item(category={"sourcedId": "CAT-OLD"})
    refused(api.put("/lineItems/LI-OLD", "lineItem", body), 400, "term 'SY-OLD'")
    # a TermID naming no session (PowerSchool's own ids, 3200) is not held against it
    server.state.upsert(
        "categories",
        {
            "sourcedId": "CAT-3200",
            "title": "Tests",
            "metadata": {"userDcid": "4001", "TermID": "3200"},
        },
    )
    body = line_item(category={"sourcedId": "CAT-3200"})
    assert api.put("/lineItems/LI-3200", "lineItem", body).status_code == 201


def test_a_spec_literal_category_is_refused_by_powerschool(server: SandboxServer, api: Api) -> None:
    server.state.upsert("categories", {"sourcedId": "CAT-PLAIN", "title": "Tests"})
    body = line_item(category={"sourcedId": "CAT-PLAIN"})
    refused(api.put("/lineItems/LI-P", "lineItem", body), 400, "has no metadata.userDcid")


def test_a_teacher_without_a_dcid_owns_rows_by_sourced_id(writer: Api) -> None:
    # CLS-HS-3: primary T-5, co-teacher T-7, who has no dcid in userIds
    body = line_item(
        **{"class": {"sourcedId": "CLS-HS-3"}, "category": {"sourcedId": "CAT-T-7-TESTS"}}
    )
    assert writer.put("/lineItems/LI-T7", "lineItem", body).status_code == 201


# --- spec-literal OneRoster 1.1 -----------------------------------------------------------


@pytest.fixture(scope="module")
def literal() -> Iterator[Api]:
    district = generate_district(60, seed=3, classes=6, teachers=4, profile="oneroster")
    with SandboxServer(SandboxState.from_fixture(district)) as srv:
        assert srv.state.profile.name == "oneroster"
        client = Api(srv)
        yield client
        client.close()


def literal_item(**overrides: Any) -> dict[str, Any]:
    return line_item(**{"category": {"sourcedId": "CAT-TESTS"}, **overrides})


def test_lineitems_without_category_or_grading_period(literal: Api) -> None:
    bare = literal_item()
    del bare["category"], bare["gradingPeriod"], bare["metadata"]
    assert literal.put("/lineItems/LI-BARE", "lineItem", bare).status_code == 201
    stored = literal.get("/lineItems/LI-BARE").json()["lineItem"]
    assert "category" not in stored and "gradingPeriod" not in stored


def test_a_title_only_category_is_usable_and_titles_have_no_50_limit(literal: Api) -> None:
    body = literal_item(title="A rather long assessment title of well over fifty characters")
    assert literal.put("/lineItems/LI-CAT", "lineItem", body).status_code == 201
    scoped = {"title": "Labs", "metadata": {"classId": "CLS-MS-1"}}
    assert literal.put("/categories/CAT-SCOPED", "category", scoped).status_code == 201
    other = literal_item(category={"sourcedId": "CAT-SCOPED"})
    refused(literal.put("/lineItems/LI-SC", "lineItem", other), 400, "metadata.classId")


def test_score_date_as_a_datetime_is_stored_as_the_date(literal: Api) -> None:
    assert literal.put("/lineItems/LI-SD", "lineItem", literal_item()).status_code == 201
    student = next(
        e["user"]["sourcedId"]
        for e in literal.get("/enrollments", limit=1000).json()["enrollments"]
        if e["class"]["sourcedId"] == "CLS-HS-1"
        and e["role"] == "student"
        and e["status"] == "active"
    )
    body = result("LI-SD", student, scoreDate="2026-10-29T23:30:00-05:00")
    assert literal.put("/results/R-SD", "result", body).status_code == 201
    assert literal.get("/results/R-SD").json()["result"]["scoreDate"] == "2026-10-29"


def test_powerschool_keeps_score_dates_as_dates(writer: Api) -> None:
    assert writer.put("/lineItems/LI-PSD", "lineItem", line_item()).status_code == 201
    body = result("LI-PSD", STUDENT, scoreDate="2026-10-29T12:00:00Z")
    refused(writer.put("/results/R-PSD", "result", body), 400, "scoreDate must be a date")


def test_courses_of_a_school(reader: Api) -> None:
    courses = reader.get("/schools/SCH-HS/courses").json()["courses"]
    assert courses and {c["org"]["sourcedId"] for c in courses} == {"SCH-HS"}
    assert reader.get("/schools/NOPE/courses").status_code == 404


# --- choosing the profile ---------------------------------------------------------------


def test_the_factory_and_the_state_file_keep_the_profile(tmp_path: Path) -> None:
    state = SandboxState.from_fixture(generate_district(40, seed=2, classes=4, teachers=2))
    with SandboxServer(state, profile="oneroster") as srv:
        assert srv.state.profile.name == "oneroster"
        assert state.to_fixture()["sandbox"]["profile"] == "oneroster"
    with pytest.raises(KeyError, match="known: oneroster, powerschool"):
        SandboxServer(state, profile="skyward")


def test_cli_profile_option(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "literal.json"
    made = runner.invoke(
        app,
        ["sandbox", "generate", "--students", "40", "--profile", "oneroster", "-o", str(out)],
    )
    assert made.exit_code == 0, made.output
    fixture = json.loads(out.read_text())
    assert fixture["sandbox"]["profile"] == "oneroster"
    assert {c["title"] for c in fixture["categories"]} >= {"Tests", "Quizzes"}
    bad = runner.invoke(app, ["sandbox", "serve", "--data", str(out), "--profile", "skyward"])
    assert bad.exit_code == 1
    assert "unknown SIS profile 'skyward'" in bad.output and "Traceback" not in bad.output
