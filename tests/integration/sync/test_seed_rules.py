"""The December 2026 rules (docs/rules.md, docs/sync.md) end to end, on the real sandbox over
loopback and a real database (SQLite and PostgreSQL): a teacher's category and weight survive the
platform's later changes; a teacher leaving the group deletes nothing; late work replaces an
automatic zero."""

from __future__ import annotations

from typing import Any

from passback.core.writes import line_item_id, result_id

from .harness import World, items


def _line_item(w: World, aid: str) -> dict[str, Any]:
    cls = w.assessment(aid)["classes"][0]
    found = w.sis("lineItems").get(line_item_id(w.district, aid, cls))
    assert found is not None, aid
    return found


def _teacher_categories(w: World, current: dict[str, Any]) -> dict[str, str]:
    """The other categories (id -> title) the lineItem's teacher owns in the SIS."""
    mine = w.sis("categories")[current["category"]["sourcedId"]]
    owner = (mine.get("metadata") or {}).get("userDcid") or (mine.get("metadata") or {}).get(
        "teacher"
    )
    return {
        sid: c["title"]
        for sid, c in w.sis("categories").items()
        if sid != mine["sourcedId"]
        and owner is not None
        and owner in {(c.get("metadata") or {}).get(k) for k in ("userDcid", "teacher")}
    }


def test_teacher_category_and_weight_survive_a_rename_and_new_points(w: World) -> None:
    w.load_demo()
    w.sync()
    before = _line_item(w, "A-100")
    others = _teacher_categories(w, before)
    assert others, "the demo teacher owns other categories"
    moved_to, moved_title = sorted(others.items())[0]

    # the teacher moves the assignment to another category and weights it, in the SIS
    edited = {
        **before,
        "category": {"sourcedId": moved_to, "type": "category"},
        "metadata": {**(before.get("metadata") or {}), "weight": 2},
    }
    w.sandbox.state.upsert("lineItems", edited)
    quiet = w.sync()
    li_item = items(quiet, assessment="A-100", kind="lineItem")[0]
    assert li_item["action"] == "unchanged"  # not a conflict
    assert moved_title in li_item["message"]
    assert quiet["counts"]["conflicts"] == 0

    # the platform renames it and changes its points
    w.change_assessment("A-100", title="Unit 3 Test (retake)", points_possible=25)
    report = w.sync()
    li_item = items(report, assessment="A-100", kind="lineItem")[0]
    assert li_item["action"] == "update"
    assert moved_title in li_item["message"]
    after = _line_item(w, "A-100")
    assert after["title"] == "Unit 3 Test (retake)"
    assert after["resultValueMax"] == 25.0
    assert after["category"]["sourcedId"] == moved_to
    assert after["metadata"]["weight"] == 2
    assert after["metadata"]["scoreType"] == "POINTS"
    # and the next run has nothing to write
    assert w.sync()["api_calls"]["writes"] == 0


def test_a_teacher_leaving_the_group_deletes_nothing_of_theirs(w: World) -> None:
    w.load_demo()
    w.sync()
    teacher = w.assessment("A-100")["assigned_by"]
    before = w.state()
    assert before

    w.configure(passback_group=[t for t in w.config["passback_group"] if t != teacher])
    report = w.sync()
    assert report["counts"]["deleted"] == 0
    assert report["api_calls"]["writes"] == 0
    assert w.state() == before
    li_item = items(report, assessment="A-100", kind="lineItem")[0]
    assert li_item["action"] == "skip"
    assert li_item["reasons"] == ["ASSIGNER_NOT_IN_GROUP"]
    assert "Left in the SIS as it is" in li_item["message"]


def test_late_work_replaces_an_automatic_zero(w: World) -> None:
    w.load_demo()
    w.sync()
    a = w.assessment("A-103")
    cls = a["classes"][0]
    scored = {s["student"] for s in w.data["scores"] if s["assessment"] == "A-103"}
    missing = sorted(set(a["assigned_to"]) - scored)
    assert len(missing) == 3
    late_student = missing[0]
    rid = result_id(w.district, "A-103", cls, late_student)
    zero = w.sis("results")[rid]
    assert (zero["score"], zero["scoreStatus"]) == (0.0, "not submitted")

    late = {
        "assessment": "A-103",
        "student": late_student,
        "state": "graded",
        "points": 4,
        "updated_at": "2026-11-09T20:00:00Z",
    }
    w.data["scores"].append(late)
    w.load(scores=[late])
    report = w.sync()
    result_item = items(report, assessment="A-103", student=late_student)[0]
    assert result_item["action"] == "update"
    replaced = w.sis("results")[rid]
    assert (replaced["score"], replaced["scoreStatus"]) == (4.0, "fully graded")
    # the other two keep their zeros
    for student in missing[1:]:
        kept = w.sis("results")[result_id(w.district, "A-103", cls, student)]
        assert kept["score"] == 0.0
