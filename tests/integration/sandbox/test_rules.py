"""PowerSchool's write rules: each answered with its status and a description that names
the record, the field and the value."""

from __future__ import annotations

from typing import Any

import pytest

from passback.sandbox import SandboxServer

from .helpers import TLS, Api, enrolled, imsx_minor, line_item, not_enrolled, result

STUDENT = enrolled("CLS-HS-1")[0]


def refused(response: Any, status: int, *fragments: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["imsx_codeMajor"] == "failure" and body["imsx_severity"] == "error"
    description: str = body["imsx_description"]
    for fragment in fragments:
        assert fragment in description, description
    return description


@pytest.fixture(scope="module")
def open_item(writer: Api) -> str:
    """A lineItem in an open period of CLS-HS-1, for result tests."""
    assert writer.put("/lineItems/LI-RULES", "lineItem", line_item()).status_code in (200, 201)
    return "LI-RULES"


# --- lineItem ------------------------------------------------------------------------------


def test_title_of_50_characters_is_refused_49_accepted(writer: Api) -> None:
    response = writer.put("/lineItems/LI-T50", "lineItem", line_item(title="x" * 50))
    description = refused(response, 400, "lineItem 'LI-T50'", "title has 50 characters")
    assert "fewer than 50" in description
    assert imsx_minor(response.json()) == "invalid data"
    assert writer.put("/lineItems/LI-T49", "lineItem", line_item(title="x" * 49)).status_code == 201


@pytest.mark.parametrize(
    "field",
    [
        "title",
        "assignDate",
        "dueDate",
        "class",
        "category",
        "gradingPeriod",
        "resultValueMin",
        "resultValueMax",
    ],
)
def test_missing_required_line_item_field(writer: Api, field: str) -> None:
    body = line_item()
    del body[field]
    refused(
        writer.put("/lineItems/LI-X", "lineItem", body),
        400,
        "lineItem 'LI-X'",
        f"{field} is required",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", 5),
        ("title", "   "),
        ("assignDate", "soon"),
        ("dueDate", 20261028),
        ("class", "CLS-HS-1"),
        ("category", {"id": "CAT-T-1-TESTS"}),
        ("gradingPeriod", None),
        ("resultValueMin", True),
        ("resultValueMax", "20"),
        ("description", 7),
    ],
)
def test_ill_typed_line_item_field(writer: Api, field: str, value: Any) -> None:
    response = writer.put("/lineItems/LI-X", "lineItem", line_item(**{field: value}))
    refused(response, 400, "lineItem 'LI-X'", f"{field} must be")


@pytest.mark.parametrize(
    ("overrides", "fragments"),
    [
        ({"class": {"sourcedId": "CLS-NOPE"}}, ("class 'CLS-NOPE' not found",)),
        ({"category": {"sourcedId": "CAT-NOPE"}}, ("category 'CAT-NOPE' not found",)),
        ({"gradingPeriod": {"sourcedId": "GP-NOPE"}}, ("gradingPeriod 'GP-NOPE' not found",)),
        ({"gradingPeriod": {"sourcedId": "SEM-HS-S1"}}, ("'SEM-HS-S1'", "not a gradingPeriod")),
        (
            {"gradingPeriod": {"sourcedId": "GP-MS-Q2"}},
            ("gradingPeriod 'GP-MS-Q2' is not a grading period of class 'CLS-HS-1'",),
        ),
        (
            {"dueDate": "2027-02-01T12:00:00Z"},
            ("dueDate 2027-02-01 is outside gradingPeriod 'GP-HS-Q2'", "2026-10-17 to 2027-01-15"),
        ),
        (
            {"assignDate": "2026-11-01", "dueDate": "2026-10-28"},
            ("assignDate 2026-11-01 is after dueDate",),
        ),
        (
            {"resultValueMin": 10, "resultValueMax": 5},
            ("resultValueMax 5 is below resultValueMin 10",),
        ),
    ],
)
def test_line_item_references_and_dates(
    writer: Api, overrides: dict[str, Any], fragments: tuple[str, ...]
) -> None:
    refused(writer.put("/lineItems/LI-X", "lineItem", line_item(**overrides)), 400, *fragments)


def test_semester_class_takes_only_its_semesters_periods(writer: Api) -> None:
    # CLS-HS-4 runs in semester 1 only; Q3 belongs to semester 2.
    body = line_item(
        **{"class": {"sourcedId": "CLS-HS-4"}, "category": {"sourcedId": "CAT-T-7-TESTS"}},
        gradingPeriod={"sourcedId": "GP-HS-Q3"},
        assignDate="2027-02-01",
        dueDate="2027-02-08",
    )
    refused(
        writer.put("/lineItems/LI-X", "lineItem", body),
        400,
        "not a grading period of class 'CLS-HS-4'",
    )


def test_inactive_class_is_refused(writer: Api) -> None:
    body = line_item(
        **{"class": {"sourcedId": "CLS-MS-10"}, "category": {"sourcedId": "CAT-T-6-TESTS"}},
        gradingPeriod={"sourcedId": "GP-MS-Q3"},
        assignDate="2027-02-01",
        dueDate="2027-02-08",
    )
    refused(writer.put("/lineItems/LI-X", "lineItem", body), 400, "class 'CLS-MS-10' is not active")


@pytest.mark.parametrize(
    ("class_id", "category", "fragments"),
    [
        ("CLS-HS-1", "CAT-T-1-PARTICIPATION", ("is not a copy of a district category", "'user'")),
        ("CLS-HS-2", "CAT-T-3-PROJECTS", ("'Projects'", "not a copy of a district category")),
        ("CLS-HS-2", "CAT-T-3-OTUS-ASSESSMENT", ("inactive in teacher T-3's gradebook", "'false'")),
        (
            "CLS-HS-1",
            "CAT-T-5-TESTS",
            ("belongs to teacher 'T-5'", "does not teach class 'CLS-HS-1'"),
        ),
    ],
)
def test_category_must_be_an_active_district_copy_of_a_class_teacher(
    writer: Api, class_id: str, category: str, fragments: tuple[str, ...]
) -> None:
    body = line_item(**{"class": {"sourcedId": class_id}, "category": {"sourcedId": category}})
    description = refused(writer.put("/lineItems/LI-X", "lineItem", body), 400, *fragments)
    assert f"category '{category}'" in description


def test_co_teachers_category_copy_is_accepted(writer: Api) -> None:
    # CLS-HS-3: primary T-5, co-teacher T-7.
    body = line_item(
        **{"class": {"sourcedId": "CLS-HS-3"}, "category": {"sourcedId": "CAT-T-7-TESTS"}}
    )
    assert writer.put("/lineItems/LI-COTEACH", "lineItem", body).status_code == 201


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"result": {}}', '{"lineItem": {...}}'),
        (b"[]", '{"lineItem": {...}}'),
    ],
)
def test_malformed_bodies(writer: Api, body: bytes, fragment: str) -> None:
    response = writer.http.put(
        "/lineItems/LI-X", content=body, headers={"Content-Type": "application/json"}
    )
    refused(response, 400, fragment)


# --- result --------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["lineItem", "student", "scoreStatus", "score", "scoreDate"])
def test_missing_required_result_field(writer: Api, open_item: str, field: str) -> None:
    body = result(open_item, STUDENT)
    del body[field]
    description = refused(writer.put("/results/R-X", "result", body), 400, "result 'R-X'", field)
    assert "required" in description or "missing" in description


@pytest.mark.parametrize("status", ["graded", "not_submitted", "Fully Graded", "late", None])
def test_score_status_must_be_an_exact_1_1_string(writer: Api, open_item: str, status: Any) -> None:
    body = result(open_item, STUDENT, scoreStatus=status)
    refused(
        writer.put("/results/R-X", "result", body),
        400,
        "scoreStatus must be one of",
        "'not submitted'",
    )


@pytest.mark.parametrize(
    "status", ["exempt", "fully graded", "not submitted", "partially graded", "submitted"]
)
def test_every_1_1_score_status_is_accepted(writer: Api, open_item: str, status: str) -> None:
    body = result(open_item, STUDENT, scoreStatus=status, score=0)
    assert writer.put("/results/R-STATUS", "result", body).status_code in (200, 201)
    assert writer.get("/results/R-STATUS").json()["result"]["scoreStatus"] == status


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("score", "18", "score must be a number, got string '18'"),
        ("score", None, "score must be a number, got null"),
        ("score", True, "score must be a number, got boolean"),
        ("scoreDate", "2026-10-29T10:00:00Z", "scoreDate must be a date YYYY-MM-DD"),
        ("scoreDate", "2026-13-01", "scoreDate must be a date YYYY-MM-DD, got '2026-13-01'"),
        ("comment", 5, "comment must be a string"),
        ("lineItem", "LI-RULES", "lineItem must be a GUIDRef"),
    ],
)
def test_ill_typed_result_field(
    writer: Api, open_item: str, field: str, value: Any, fragment: str
) -> None:
    body = result(open_item, STUDENT, **{field: value})
    refused(writer.put("/results/R-X", "result", body), 400, "result 'R-X'", fragment)


def test_result_references(writer: Api, open_item: str) -> None:
    cases = [
        (result("LI-NOPE", STUDENT), "lineItem 'LI-NOPE' not found"),
        (result(open_item, "S-NOPE"), "student 'S-NOPE' not found"),
        (result(open_item, "T-1"), "student 'T-1' is a user with role 'teacher', not a student"),
        (
            result(open_item, not_enrolled("CLS-HS-1")),
            "has no active enrollment in class 'CLS-HS-1'",
        ),
    ]
    for body, fragment in cases:
        refused(writer.put("/results/R-X", "result", body), 400, "result 'R-X'", fragment)


def test_student_whose_enrollment_is_tobedeleted_is_not_enrolled(
    writer: Api, open_item: str
) -> None:
    dropped = enrolled("CLS-HS-1", "tobedeleted")
    assert dropped  # the sample has S-333's enrollment in CLS-HS-1 marked tobedeleted
    body = result(open_item, dropped[0])
    refused(
        writer.put("/results/R-X", "result", body),
        400,
        f"student '{dropped[0]}' has no active enrollment",
    )


# --- closed grading periods ----------------------------------------------------------------

CLOSED_PREFIX = "Grading period GP-HS-Q1 is closed"


def test_line_item_in_closed_period_is_409(writer: Api) -> None:
    body = line_item(
        gradingPeriod={"sourcedId": "GP-HS-Q1"}, assignDate="2026-09-01", dueDate="2026-09-08"
    )
    description = refused(writer.put("/lineItems/LI-X", "lineItem", body), 409, "LI-X")
    assert description.startswith(CLOSED_PREFIX)


def test_line_item_straddling_a_closed_period_is_409(writer: Api) -> None:
    # Due in open Q2, but assigned in closed Q1.
    body = line_item(assignDate="2026-10-10", dueDate="2026-10-28")
    description = refused(writer.put("/lineItems/LI-X", "lineItem", body), 409, "overlaps")
    assert description.startswith(CLOSED_PREFIX)


def test_closed_period_of_another_school_does_not_matter(writer: Api) -> None:
    body = line_item(
        **{"class": {"sourcedId": "CLS-MS-1"}, "category": {"sourcedId": "CAT-T-2-TESTS"}},
        gradingPeriod={"sourcedId": "GP-MS-Q1"},
        assignDate="2026-09-01",
        dueDate="2026-09-08",
    )
    assert writer.put("/lineItems/LI-MS-Q1", "lineItem", body).status_code == 201


def test_existing_objects_in_a_closed_period_cannot_change(writer: Api) -> None:
    teacher_item = "LI-CLS-HS-1-TEACHER-1"  # in GP-HS-Q1
    rid = f"R-{teacher_item}-{STUDENT}"
    moved = line_item()  # a valid Q2 lineItem, but replacing one that sits in Q1
    for response in (
        writer.delete(f"/lineItems/{teacher_item}"),
        writer.put(f"/lineItems/{teacher_item}", "lineItem", moved),
        writer.delete(f"/results/{rid}"),
        writer.put(f"/results/{rid}", "result", result(teacher_item, STUDENT)),
        writer.put("/results/R-NEW-IN-Q1", "result", result(teacher_item, STUDENT)),
    ):
        assert refused(response, 409).startswith(CLOSED_PREFIX)
    assert writer.get(f"/results/{rid}").status_code == 200


def test_periods_closed_and_reopened_at_runtime(api: Api) -> None:
    assert api.put("/lineItems/LI-1", "lineItem", line_item()).status_code == 201
    api.put("/results/R-1", "result", result("LI-1", STUDENT))
    closed = api.control("POST", "closed-periods", {"add": ["GP-HS-Q2"], "remove": ["GP-HS-Q1"]})
    assert closed.json() == {"closed_grading_periods": ["GP-HS-Q2"]}
    for response in (
        api.put("/results/R-1", "result", result("LI-1", STUDENT, score=3)),
        api.delete("/results/R-1"),
        api.delete("/lineItems/LI-1"),
    ):
        assert refused(response, 409).startswith("Grading period GP-HS-Q2 is closed")
    api.control("POST", "closed-periods", {"remove": ["GP-HS-Q2"]})
    assert api.put("/results/R-1", "result", result("LI-1", STUDENT, score=3)).status_code == 200
    assert api.control("GET", "closed-periods").json() == {"closed_grading_periods": []}


@pytest.mark.parametrize(
    "body",
    [{"add": ["SY-HS"]}, {"add": ["GP-NOPE"]}, {"add": "GP-HS-Q2"}, {"close": ["GP-HS-Q2"]}],
)
def test_closing_needs_known_grading_periods(server: SandboxServer, body: dict[str, Any]) -> None:
    import httpx

    response = httpx.post(f"{server.root_url}/sandbox/closed-periods", json=body, verify=TLS)
    assert response.status_code == 400
    assert server.state.closed_grading_periods == {"GP-HS-Q1"}


# --- write access --------------------------------------------------------------------------


def test_read_only_client_gets_403_on_every_write(shared_server: SandboxServer) -> None:
    readonly = Api(shared_server, "readonly")
    try:
        assert readonly.get("/lineItems").status_code == 200
        for response in (
            readonly.put("/lineItems/LI-RO", "lineItem", line_item()),
            readonly.put("/results/R-RO", "result", result("LI-RULES", STUDENT)),
            readonly.put("/categories/CAT-RO", "category", {"title": "X"}),
            readonly.delete("/lineItems/LI-CLS-MS-1-TEACHER-1"),
            readonly.delete("/results/R-NOPE"),
            readonly.delete("/categories/CAT-T-1-TESTS"),
        ):
            refused(response, 403, "'readonly' has no write access")
            assert imsx_minor(response.json()) == "forbidden"
    finally:
        readonly.close()
    assert shared_server.state.get("lineItems", "LI-CLS-MS-1-TEACHER-1") is not None


# --- categories ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({}, "title is required"),
        ({"title": "X", "metadata": {"teacher": "T-NOPE"}}, "metadata.teacher 'T-NOPE'"),
        ({"title": "X", "metadata": {"categoryType": "school"}}, "metadata.categoryType"),
        ({"title": "X", "metadata": {"isActive": True}}, "metadata.isActive"),
        ({"title": "X", "metadata": "T-1"}, "metadata must be an object"),
    ],
)
def test_category_validation(writer: Api, body: dict[str, Any], fragment: str) -> None:
    refused(writer.put("/categories/CAT-X", "category", body), 400, "category 'CAT-X'", fragment)
