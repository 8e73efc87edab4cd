"""Categories in every shape the SISs answer with, end to end (the real client against the
real sandbox in-process, a real database): PowerSchool's documented per-teacher rows
(`metadata.userDcid`, `metadata.TermID`), GG4L-style TermIDs that name no session, the first
sandbox's `metadata.teacher`, and spec-literal categories (title only) under the `oneroster`
profile. Each skip says which category case it is."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from sqlalchemy import Engine

from passback.demo import data as demo_data
from passback.sandbox import sample_fixture
from passback.secrets import SecretBox

from .harness import World, items, world

MakeWorld = Callable[[dict[str, Any]], World]


@pytest.fixture
def make_world(engine: Engine, database_url: str, secret_key: str) -> Iterator[MakeWorld]:
    with ExitStack() as stack:

        def make(fixture: dict[str, Any]) -> World:
            box = SecretBox.for_database(database_url)
            return stack.enter_context(world(engine, box, fixture))

        yield make


def dcid_of(fixture: dict[str, Any], teacher: str) -> str:
    user = next(u for u in fixture["users"] if u["sourcedId"] == teacher)
    ids = [i["identifier"] for i in user.get("userIds", []) if i["type"] == "dcid"]
    return ids[0] if ids else teacher


def load_sample_data(w: World) -> None:
    """The demo's platform data, worked out from the sample district (whatever shape the
    world's own categories have)."""
    w.data = demo_data.platform_data(sample_fixture())
    w.load(w.data["assessments"], w.data["scores"])


def one_item(report: dict[str, Any], assessment: str) -> dict[str, Any]:
    found = items(report, kind="lineItem", assessment=assessment)
    assert len(found) == 1, found
    return found[0]


def sent_category(w: World, assessment: str) -> dict[str, Any]:
    line_item = w.line_item_for(assessment)
    assert line_item is not None, f"{assessment} was not passed back"
    category = w.sandbox.state.get("categories", line_item["category"]["sourcedId"])
    assert category is not None
    return category


def test_powerschool_documented_shape_passes_back(make_world: MakeWorld) -> None:
    fixture = sample_fixture()
    assert all("teacher" not in c["metadata"] for c in fixture["categories"])
    w = make_world(fixture)
    load_sample_data(w)
    report = w.sync()

    assert report["counts"]["created"] > 100
    assert {i["assessment"] for i in items(report, action="error")} == {"A-213"}  # closed period
    # A-100 uses its teacher's own row: the one whose userDcid is the teacher's dcid
    teacher = w.assessment("A-100")["assigned_by"]
    category = sent_category(w, "A-100")
    assert category["title"] == "Tests"
    assert category["metadata"]["userDcid"] == dcid_of(fixture, teacher)
    assert w.line_item_for("A-100")["metadata"] == {"scoreType": "POINTS"}  # type: ignore[index]
    # "Projects" exists only as teachers' own categories: not district-level, and it says so
    projects = one_item(report, "A-209")
    assert projects["reasons"] == ["CATEGORY_NOT_DISTRICT"]
    assert "only as teachers' own categories" in projects["message"]
    # the teacher's copy of "Quizzes" is inactive
    inactive = one_item(report, "A-210")
    assert inactive["reasons"] == ["CATEGORY_INACTIVE"]
    assert "copy of the district category 'Quizzes' is inactive" in inactive["message"]

    again = w.sync()
    assert again["api_calls"]["writes"] == 0


def test_a_teacher_without_the_copy_is_told_so(make_world: MakeWorld) -> None:
    fixture = sample_fixture()
    teacher = demo_data.platform_data(fixture)["assessments"][0]["assigned_by"]
    dcid = dcid_of(fixture, teacher)
    fixture["categories"] = [
        c
        for c in fixture["categories"]
        if not (c["title"] == "Tests" and c["metadata"]["userDcid"] == dcid)
    ]
    w = make_world(fixture)
    load_sample_data(w)
    report = w.sync()

    item = one_item(report, "A-100")
    assert item["action"] == "skip" and item["reasons"] == ["CATEGORY_INACTIVE"]
    assert "'Tests' exists, but the class teacher has no copy of it" in item["message"]
    assert w.line_item_for("A-100") is None
    assert w.line_item_for("A-102") is not None  # the teacher's other categories still work


def test_a_title_no_category_has_is_told_apart(make_world: MakeWorld) -> None:
    w = make_world(sample_fixture())
    w.configure(category_map={**demo_data.CATEGORY_MAP, "Test": "Unit Tests"})
    load_sample_data(w)
    report = w.sync()

    item = one_item(report, "A-100")
    assert item["reasons"] == ["CATEGORY_NOT_DISTRICT"]
    assert "The SIS has no category titled 'Unit Tests'" in item["message"]
    assert "map the type" not in item["message"].lower()


def test_gg4l_style_term_ids_and_last_years_rows(make_world: MakeWorld) -> None:
    """TermIDs as GG4L shows them (3200, PowerSchool's own term ids, naming no session the
    SIS lists) count for the class's year; a row of another known school year does not."""
    fixture = sample_fixture()
    for cat in fixture["categories"]:
        cat["metadata"]["TermID"] = "3200"
    fixture["academicSessions"].append(
        {
            "sourcedId": "SY-HS-2025",
            "status": "active",
            "dateLastModified": "2026-08-01T12:00:00.000Z",
            "title": "2025-26 HS",
            "type": "schoolYear",
            "startDate": "2025-08-18",
            "endDate": "2026-06-05",
            "schoolYear": "2026",
        }
    )
    teacher = demo_data.platform_data(fixture)["assessments"][0]["assigned_by"]
    last_year = {
        "sourcedId": "CAT-0-LAST-YEAR-TESTS",  # sorts first: a careless pick would take it
        "status": "active",
        "dateLastModified": "2026-08-01T12:00:00.000Z",
        "title": "Tests",
        "metadata": {"userDcid": dcid_of(fixture, teacher), "TermID": "SY-HS-2025"},
    }
    fixture["categories"].insert(0, last_year)
    w = make_world(fixture)
    load_sample_data(w)
    report = w.sync()

    category = sent_category(w, "A-100")
    assert category["sourcedId"] != "CAT-0-LAST-YEAR-TESTS"
    assert category["metadata"] == {"userDcid": dcid_of(fixture, teacher), "TermID": "3200"}
    assert not items(report, action="error", assessment="A-100")
    assert w.sync()["api_calls"]["writes"] == 0


def test_first_version_fixtures_with_metadata_teacher_keep_working(
    make_world: MakeWorld,
) -> None:
    fixture = sample_fixture()
    owner = {dcid_of(fixture, u["sourcedId"]): u["sourcedId"] for u in fixture["users"]}
    for user in fixture["users"]:
        user.pop("userIds", None)
    for cat in fixture["categories"]:
        meta = cat["metadata"]
        cat["metadata"] = {
            "teacher": owner[meta["userDcid"]],
            "categoryType": meta.get("categoryType", "district"),
            "isActive": meta.get("isActive", "true"),
        }
    w = make_world(fixture)
    load_sample_data(w)
    report = w.sync()

    teacher = w.assessment("A-100")["assigned_by"]
    assert sent_category(w, "A-100")["metadata"]["teacher"] == teacher
    assert one_item(report, "A-209")["reasons"] == ["CATEGORY_NOT_DISTRICT"]
    assert one_item(report, "A-210")["reasons"] == ["CATEGORY_INACTIVE"]
    assert w.sync()["api_calls"]["writes"] == 0


def test_spec_literal_categories_with_the_oneroster_profile(make_world: MakeWorld) -> None:
    fixture = copy.deepcopy(sample_fixture())
    fixture["sandbox"]["profile"] = "oneroster"
    for user in fixture["users"]:
        user.pop("userIds", None)
    title_of = {c["sourcedId"]: c["title"] for c in fixture["categories"]}
    for line_item in fixture["lineItems"]:  # the teachers' own assignments move along
        title = title_of[line_item["category"]["sourcedId"]]
        line_item["category"] = {"sourcedId": f"CAT-{title.upper().replace(' ', '-')}"}
    fixture["categories"] = [
        {
            "sourcedId": f"CAT-{title.upper().replace(' ', '-')}",
            "status": "active",
            "dateLastModified": "2026-08-01T12:00:00.000Z",
            "title": title,
        }
        for title in ("Tests", "Quizzes", "Homework", "Otus Assessment")
    ]
    w = make_world(fixture)
    w.configure(sis={**w.config["sis"], "profile": "oneroster"})
    load_sample_data(w)
    report = w.sync()

    # as with PowerSchool's shape, only the demo's write into a closed period is refused
    assert {i["assessment"] for i in items(report, action="error")} == {"A-213"}
    assert sent_category(w, "A-100")["sourcedId"] == "CAT-TESTS"
    assert "metadata" not in w.line_item_for("A-100")  # type: ignore[operator]
    assert sent_category(w, "A-102")["sourcedId"] == "CAT-HOMEWORK"
    results = [r for r in w.ours("results").values() if r["scoreStatus"] == "fully graded"]
    assert results
    projects = one_item(report, "A-209")
    assert projects["reasons"] == ["CATEGORY_NOT_DISTRICT"]
    assert "The SIS has no category titled 'Projects'" in projects["message"]
    # one category for everybody: no teacher lacks it, so nobody is skipped for that
    assert not items(report, kind="lineItem", assessment="A-210", action="skip") or (
        "CATEGORY_INACTIVE" not in one_item(report, "A-210")["reasons"]
    )
    assert w.sync()["api_calls"]["writes"] == 0
