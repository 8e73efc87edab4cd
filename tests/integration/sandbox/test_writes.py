"""Gradebook writes: PUT creates (201) or replaces (200), the server owns sourcedId, status,
dateLastModified and GUIDRef shapes, DELETE removes from every listing."""

from __future__ import annotations

from passback.sandbox import SandboxServer

from .helpers import Api, enrolled, imsx_minor, line_item, result

STUDENT = enrolled("CLS-HS-1")[0]


def test_put_creates_then_replaces(api: Api) -> None:
    created = api.put("/lineItems/LI-1", "lineItem", line_item())
    assert created.status_code == 201
    replaced = api.put("/lineItems/LI-1", "lineItem", line_item(title="Unit 3 Test (v2)"))
    assert replaced.status_code == 200
    assert api.get("/lineItems/LI-1").json()["lineItem"]["title"] == "Unit 3 Test (v2)"
    assert [li["sourcedId"] for li in api.get("/lineItems").json()["lineItems"]].count("LI-1") == 1


def test_put_is_a_replace_not_a_merge(api: Api) -> None:
    api.put("/lineItems/LI-1", "lineItem", line_item(description="first"))
    body = line_item()
    del body["description"]
    api.put("/lineItems/LI-1", "lineItem", body)
    assert "description" not in api.get("/lineItems/LI-1").json()["lineItem"]


def test_server_sets_identity_status_timestamp_and_full_refs(api: Api) -> None:
    sent = line_item(status="tobedeleted", dateLastModified="1999-01-01T00:00:00Z")
    stored = api.put("/lineItems/LI-1", "lineItem", sent).json()["lineItem"]
    assert stored["sourcedId"] == "LI-1"
    assert stored["status"] == "active"
    assert stored["dateLastModified"] > "2026-"
    assert stored["class"] == {
        "href": "/ims/oneroster/v1p1/classes/CLS-HS-1",
        "sourcedId": "CLS-HS-1",
        "type": "class",
    }
    assert stored["gradingPeriod"]["type"] == "academicSession"
    assert stored["metadata"] == {"scoreType": "POINTS"}
    assert api.get("/lineItems/LI-1").json() == {"lineItem": stored}


def test_client_supplied_ref_type_is_replaced_by_the_servers(api: Api) -> None:
    api.put("/lineItems/LI-1", "lineItem", line_item())
    body = result("LI-1", STUDENT)
    body["student"] = {"sourcedId": STUDENT, "type": "student", "href": "elsewhere"}
    stored = api.put("/results/R-1", "result", body).json()["result"]
    assert stored["student"] == {
        "href": f"/ims/oneroster/v1p1/users/{STUDENT}",
        "sourcedId": STUDENT,
        "type": "user",
    }


def test_body_sourced_id_must_match_the_path(api: Api) -> None:
    response = api.put("/lineItems/LI-1", "lineItem", line_item(sourcedId="LI-2"))
    assert response.status_code == 400
    assert "LI-2" in response.json()["imsx_description"]


def test_each_write_gets_a_later_timestamp(api: Api) -> None:
    stamps = [
        api.put("/lineItems/LI-1", "lineItem", line_item()).json()["lineItem"]["dateLastModified"]
        for _ in range(5)
    ]
    assert stamps == sorted(stamps) and len(set(stamps)) == 5


def test_score_above_max_is_stored_as_sent(api: Api) -> None:
    api.put("/lineItems/LI-1", "lineItem", line_item(resultValueMax=20))
    response = api.put("/results/R-1", "result", result("LI-1", STUDENT, score=23.5))
    assert response.status_code == 201
    assert api.get("/results/R-1").json()["result"]["score"] == 23.5


def test_written_results_appear_in_class_scoped_reads(api: Api) -> None:
    api.put("/lineItems/LI-1", "lineItem", line_item())
    api.put("/results/R-1", "result", result("LI-1", STUDENT))
    by_class = api.get("/classes/CLS-HS-1/results", limit=1000).json()["results"]
    assert "R-1" in {r["sourcedId"] for r in by_class}
    by_item = api.get("/classes/CLS-HS-1/lineItems/LI-1/results").json()["results"]
    assert [r["sourcedId"] for r in by_item] == ["R-1"]
    by_student = api.get(f"/classes/CLS-HS-1/students/{STUDENT}/results").json()["results"]
    assert {r["sourcedId"] for r in by_student} == {"R-1", f"R-LI-CLS-HS-1-TEACHER-1-{STUDENT}"}
    items = api.get("/classes/CLS-HS-1/lineItems").json()["lineItems"]
    assert {li["sourcedId"] for li in items} == {"LI-1", "LI-CLS-HS-1-TEACHER-1"}


def test_moving_a_result_to_another_line_item_moves_it_in_the_indexes(api: Api) -> None:
    api.put("/lineItems/LI-1", "lineItem", line_item())
    api.put("/lineItems/LI-2", "lineItem", line_item(title="Quiz"))
    api.put("/results/R-1", "result", result("LI-1", STUDENT))
    assert api.put("/results/R-1", "result", result("LI-2", STUDENT)).status_code == 200
    assert api.get("/classes/CLS-HS-1/lineItems/LI-1/results").json()["results"] == []
    moved = api.get("/classes/CLS-HS-1/lineItems/LI-2/results").json()["results"]
    assert [r["sourcedId"] for r in moved] == ["R-1"]


def test_delete_then_404_and_gone_from_listings(api: Api) -> None:
    api.put("/lineItems/LI-1", "lineItem", line_item())
    api.put("/results/R-1", "result", result("LI-1", STUDENT))
    deleted = api.delete("/results/R-1")
    assert deleted.status_code == 204 and deleted.content == b""
    assert api.get("/results/R-1").status_code == 404
    assert "R-1" not in {r["sourcedId"] for r in api.get("/results", limit=10000).json()["results"]}
    assert api.get("/classes/CLS-HS-1/lineItems/LI-1/results").json()["results"] == []
    again = api.delete("/results/R-1")
    assert again.status_code == 404
    assert imsx_minor(again.json()) == "unknown object"


def test_deleting_a_line_item_deletes_its_results(api: Api) -> None:
    api.put("/lineItems/LI-1", "lineItem", line_item())
    api.put("/results/R-1", "result", result("LI-1", STUDENT))
    assert api.delete("/lineItems/LI-1").status_code == 204
    assert api.get("/lineItems/LI-1").status_code == 404
    assert api.get("/results/R-1").status_code == 404
    assert "LI-1" not in {
        li["sourcedId"] for li in api.get("/classes/CLS-HS-1/lineItems").json()["lineItems"]
    }


def test_categories_put_and_delete(api: Api) -> None:
    category = {
        "title": "Labs",
        "metadata": {"teacher": "T-1", "categoryType": "user", "isActive": "true"},
    }
    assert api.put("/categories/CAT-T-1-LABS", "category", category).status_code == 201
    assert api.put("/categories/CAT-T-1-LABS", "category", category).status_code == 200
    assert api.get("/categories/CAT-T-1-LABS").json()["category"]["title"] == "Labs"
    assert api.delete("/categories/CAT-T-1-LABS").status_code == 204
    assert api.get("/categories/CAT-T-1-LABS").status_code == 404


def test_a_category_holding_line_items_cannot_be_deleted(api: Api) -> None:
    api.put("/lineItems/LI-1", "lineItem", line_item())
    response = api.delete("/categories/CAT-T-1-TESTS")
    assert response.status_code == 400
    assert "LI-1" in response.json()["imsx_description"]


def test_test_thread_sees_server_writes_and_may_seed_objects(
    server: SandboxServer, api: Api
) -> None:
    api.put("/lineItems/LI-1", "lineItem", line_item())
    assert server.state.get("lineItems", "LI-1") is not None
    # A teacher's edit in the SIS, made straight in the state (no PowerSchool rule applies).
    edited = dict(server.state.get("results", f"R-LI-CLS-HS-1-TEACHER-1-{STUDENT}") or {})
    edited["score"] = 1.0
    assert server.state.upsert("results", edited) is False
    assert api.get(f"/results/R-LI-CLS-HS-1-TEACHER-1-{STUDENT}").json()["result"]["score"] == 1.0


def test_a_sandbox_failure_is_still_an_imsx_500(server: SandboxServer, api: Api) -> None:
    # A test staging an object the server cannot encode: a bug, answered the OneRoster way.
    server.state.upsert("categories", {"sourcedId": "CAT-ODD", "title": "x", "odd": {1, 2}})
    response = api.get("/categories/CAT-ODD")
    assert response.status_code == 500
    assert imsx_minor(response.json()) == "internal_server_error"
    assert api.control("GET", "stats").json()["by_method"]["GET"]["500"] == 1
