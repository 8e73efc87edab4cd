"""Every OneRoster endpoint of reference §5 answers with the right key, status and objects."""

from __future__ import annotations

import pytest

from .helpers import Api, enrolled, imsx_minor

# (path, collection key, ids that must be there, ids that must not)
COLLECTIONS = [
    ("/orgs", "orgs", {"DST-1", "SCH-HS", "SCH-MS"}, set()),
    ("/schools", "orgs", {"SCH-HS", "SCH-MS"}, {"DST-1"}),
    ("/academicSessions", "academicSessions", {"SY-HS", "SEM-MS-S2", "GP-HS-Q1"}, set()),
    ("/terms", "academicSessions", {"SY-HS", "SEM-HS-S1", "SEM-MS-S2"}, {"GP-HS-Q1"}),
    ("/gradingPeriods", "academicSessions", {"GP-HS-Q1", "GP-MS-Q4"}, {"SY-HS", "SEM-HS-S1"}),
    ("/terms/SEM-HS-S1/gradingPeriods", "academicSessions", {"GP-HS-Q1", "GP-HS-Q2"}, {"GP-HS-Q3"}),
    (
        "/terms/SY-HS/gradingPeriods",
        "academicSessions",
        {"GP-HS-Q1", "GP-HS-Q2", "GP-HS-Q3", "GP-HS-Q4"},
        {"GP-MS-Q1"},
    ),
    ("/schools/SCH-MS/terms", "academicSessions", {"SY-MS", "SEM-MS-S1"}, {"SY-HS", "GP-MS-Q1"}),
    ("/courses", "courses", {"CRS-HS-ALG1", "CRS-MS-MATH6"}, set()),
    ("/classes", "classes", {"CLS-HS-1", "CLS-MS-10"}, set()),
    ("/terms/SEM-HS-S1/classes", "classes", {"CLS-HS-4", "CLS-HS-9"}, {"CLS-HS-1"}),
    ("/schools/SCH-HS/classes", "classes", {"CLS-HS-1", "CLS-HS-10"}, {"CLS-MS-1"}),
    ("/teachers/T-3/classes", "classes", {"CLS-HS-2", "CLS-HS-9", "CLS-HS-10"}, {"CLS-HS-1"}),
    ("/users/T-7/classes", "classes", {"CLS-HS-3", "CLS-HS-4"}, {"CLS-HS-1"}),
    ("/courses/CRS-HS-ALG1/classes", "classes", {"CLS-HS-1"}, {"CLS-HS-2"}),
    ("/users", "users", {"A-1", "T-1", "S-1"}, set()),
    ("/students", "users", {"S-1", "S-400"}, {"T-1", "A-1"}),
    ("/teachers", "users", {"T-1", "T-15"}, {"S-1", "A-1"}),
    ("/classes/CLS-HS-3/teachers", "users", {"T-5", "T-7"}, {"T-1"}),
    ("/schools/SCH-HS/students", "users", {"S-1", "S-399"}, {"S-2", "T-1"}),
    ("/schools/SCH-MS/teachers", "users", {"T-2", "T-14"}, {"T-1", "S-2"}),
    ("/schools/SCH-HS/classes/CLS-HS-3/teachers", "users", {"T-5", "T-7"}, set()),
    ("/enrollments", "enrollments", {"E-CLS-HS-1-T-1", "E-CLS-HS-4-S-31"}, set()),
    ("/schools/SCH-MS/enrollments", "enrollments", {"E-CLS-MS-1-T-2"}, {"E-CLS-HS-1-T-1"}),
    (
        "/schools/SCH-HS/classes/CLS-HS-1/enrollments",
        "enrollments",
        {"E-CLS-HS-1-T-1"},
        {"E-CLS-HS-2-T-3"},
    ),
    ("/categories", "categories", {"CAT-T-1-TESTS", "CAT-T-3-PROJECTS"}, set()),
    ("/lineItems", "lineItems", {"LI-CLS-HS-1-TEACHER-1"}, set()),
    (
        "/classes/CLS-HS-1/lineItems",
        "lineItems",
        {"LI-CLS-HS-1-TEACHER-1"},
        {"LI-CLS-MS-1-TEACHER-1"},
    ),
    ("/results", "results", set(), set()),
    ("/classes/CLS-MS-1/results", "results", set(), set()),
    ("/classes/CLS-HS-1/lineItems/LI-CLS-HS-1-TEACHER-1/results", "results", set(), set()),
]


@pytest.mark.parametrize(("path", "key", "present", "absent"), COLLECTIONS)
def test_collection_endpoint_answers_with_its_key(
    reader: Api, path: str, key: str, present: set[str], absent: set[str]
) -> None:
    response = reader.get(path, limit=10000)
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body) == [key]
    ids = {obj["sourcedId"] for obj in body[key]}
    assert present <= ids
    assert not ids & absent
    assert int(response.headers["X-Total-Count"]) == len(ids)


def test_class_students_follow_active_enrollments_only(reader: Api) -> None:
    # S-31's enrollment in CLS-HS-4 is tobedeleted in the sample.
    ids = {
        u["sourcedId"] for u in reader.get("/classes/CLS-HS-4/students", limit=1000).json()["users"]
    }
    assert ids == set(enrolled("CLS-HS-4"))
    assert "S-31" not in ids
    nested = reader.get("/schools/SCH-HS/classes/CLS-HS-4/students", limit=1000).json()["users"]
    assert {u["sourcedId"] for u in nested} == ids


def test_student_classes_and_results_for_student_in_class(reader: Api) -> None:
    student = enrolled("CLS-HS-1")[0]
    classes = reader.get(f"/students/{student}/classes").json()["classes"]
    assert "CLS-HS-1" in {c["sourcedId"] for c in classes}
    results = reader.get(f"/classes/CLS-HS-1/students/{student}/results").json()["results"]
    assert [r["sourcedId"] for r in results] == [f"R-LI-CLS-HS-1-TEACHER-1-{student}"]


def test_class_results_are_the_results_of_its_line_items(reader: Api) -> None:
    results = reader.get("/classes/CLS-HS-1/results", limit=1000).json()["results"]
    assert {r["student"]["sourcedId"] for r in results} == set(enrolled("CLS-HS-1"))
    assert {r["lineItem"]["sourcedId"] for r in results} == {"LI-CLS-HS-1-TEACHER-1"}


SINGLETONS = [
    ("/orgs/DST-1", "org"),
    ("/schools/SCH-HS", "org"),
    ("/academicSessions/GP-HS-Q1", "academicSession"),
    ("/terms/SEM-HS-S1", "academicSession"),
    ("/gradingPeriods/GP-MS-Q3", "academicSession"),
    ("/courses/CRS-HS-BIO", "course"),
    ("/classes/CLS-HS-1", "class"),
    ("/users/A-1", "user"),
    ("/students/S-1", "user"),
    ("/teachers/T-1", "user"),
    ("/enrollments/E-CLS-HS-1-T-1", "enrollment"),
    ("/categories/CAT-T-1-TESTS", "category"),
    ("/lineItems/LI-CLS-HS-1-TEACHER-1", "lineItem"),
]


@pytest.mark.parametrize(("path", "key"), SINGLETONS)
def test_singleton_endpoint_answers_with_its_key(reader: Api, path: str, key: str) -> None:
    response = reader.get(path)
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body) == [key]
    assert body[key]["sourcedId"] == path.rsplit("/", 1)[1]


def test_result_singleton(reader: Api) -> None:
    student = enrolled("CLS-HS-1")[0]
    rid = f"R-LI-CLS-HS-1-TEACHER-1-{student}"
    body = reader.get(f"/results/{rid}").json()
    assert body["result"]["student"] == {
        "href": f"/ims/oneroster/v1p1/users/{student}",
        "sourcedId": student,
        "type": "user",
    }


@pytest.mark.parametrize(
    "path",
    [
        "/users/NOPE",
        "/students/T-1",  # a teacher is not a student
        "/teachers/S-1",
        "/schools/DST-1",  # the district is an org, not a school
        "/terms/GP-HS-Q1",  # a grading period is not a term
        "/gradingPeriods/SY-HS",
        "/classes/NOPE/students",
        "/terms/NOPE/gradingPeriods",
        "/schools/SCH-MS/classes/CLS-HS-1/students",  # class of another school
        "/classes/CLS-MS-1/lineItems/LI-CLS-HS-1-TEACHER-1/results",
        "/lineItems/NOPE",
        "/results/NOPE",
        "/categories/NOPE",
    ],
)
def test_unknown_objects_are_404_unknown_object(reader: Api, path: str) -> None:
    response = reader.get(path)
    assert response.status_code == 404
    body = response.json()
    assert body["imsx_codeMajor"] == "failure"
    assert body["imsx_severity"] == "error"
    assert imsx_minor(body) == "unknown object"


def test_unknown_route_is_an_imsx_404(reader: Api) -> None:
    response = reader.get("/demographics")
    assert response.status_code == 404
    assert imsx_minor(response.json()) == "unknown object"


def test_post_is_not_a_oneroster_1_1_operation(reader: Api) -> None:
    response = reader.http.post("/lineItems", json={})
    assert response.status_code == 405
