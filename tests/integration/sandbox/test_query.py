"""Paging, filter, sort and fields over real HTTP, and the limit cap of the query parser."""

from __future__ import annotations

import re
from typing import Any

import pytest

from passback.sandbox import schema
from passback.sandbox.query import MAX_LIMIT, parse_query

from .helpers import Api, imsx_minor


def ids(response: Any, key: str = "users") -> list[str]:
    assert response.status_code == 200, response.text
    return [obj["sourcedId"] for obj in response.json()[key]]


def links(response: Any) -> dict[str, str]:
    return {
        rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers["Link"])
    }


# --- paging --------------------------------------------------------------------------------


def test_default_page_is_100_with_total_count(reader: Api) -> None:
    response = reader.get("/users")
    assert len(ids(response)) == 100
    assert response.headers["X-Total-Count"] == "417"


def test_limit_and_offset_select_a_window_in_default_order(reader: Api) -> None:
    everyone = ids(reader.get("/students", limit=1000))
    assert everyone[:3] == ["S-1", "S-2", "S-3"]  # insertion order
    window = ids(reader.get("/students", limit=7, offset=10))
    assert window == everyone[10:17]


def test_link_header_has_first_prev_next_last(reader: Api) -> None:
    response = reader.get("/students", limit=50, offset=100)
    rel = links(response)
    assert set(rel) == {"first", "prev", "next", "last"}
    assert "offset=150" in rel["next"] and "limit=50" in rel["next"]
    assert "offset=50" in rel["prev"]
    assert "offset=0" in rel["first"]
    assert "offset=350" in rel["last"]  # 400 students


def test_following_next_links_visits_every_object_once(reader: Api) -> None:
    seen: list[str] = []
    response = reader.http.get("/students", params={"limit": 64, "filter": "status='active'"})
    while True:
        seen += ids(response)
        nxt = links(response).get("next")
        if nxt is None:
            break
        assert "filter=" in nxt  # the query survives paging
        response = reader.http.get(nxt)
    assert len(seen) == 400 == len(set(seen))


def test_first_page_has_no_prev_and_last_page_no_next(reader: Api) -> None:
    assert "prev" not in links(reader.get("/students", limit=100))
    assert "next" not in links(reader.get("/students", limit=100, offset=300))


def test_offset_past_the_end_is_an_empty_page(reader: Api) -> None:
    response = reader.get("/students", offset=5000)
    assert ids(response) == []
    assert response.headers["X-Total-Count"] == "400"


@pytest.mark.parametrize(("name", "value"), [("limit", "0"), ("limit", "ten"), ("offset", "-1")])
def test_bad_paging_values_are_400(reader: Api, name: str, value: str) -> None:
    response = reader.get("/users", **{name: value})
    assert response.status_code == 400
    assert name in response.json()["imsx_description"]


def test_large_limits_are_served_and_capped() -> None:
    assert parse_query({"limit": "10000"}, schema.USERS).limit == 10_000
    assert parse_query({"limit": "50000"}, schema.USERS).limit == MAX_LIMIT == 10_000


def test_limit_of_ten_thousand_over_http(reader: Api) -> None:
    response = reader.get("/enrollments", limit=10000)
    assert len(ids(response, "enrollments")) == int(response.headers["X-Total-Count"]) > 2000


# --- filter --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("sourcedId='T-3'", {"T-3"}),
        ("sourcedId!='T-3'", {f"T-{n}" for n in range(1, 16)} - {"T-3"}),
        ("sourcedId>'T-7'", {"T-8", "T-9"}),  # string order
        ("sourcedId>='T-7'", {"T-7", "T-8", "T-9"}),
        ("sourcedId<'T-11'", {"T-1", "T-10"}),
        ("sourcedId<='T-11'", {"T-1", "T-10", "T-11"}),
        ("sourcedId~'T-1'", {"T-1", "T-10", "T-11", "T-12", "T-13", "T-14", "T-15"}),
        ("sourcedId~'t-1'", {"T-1", "T-10", "T-11", "T-12", "T-13", "T-14", "T-15"}),
    ],
)
def test_each_filter_operator(reader: Api, expr: str, expected: set[str]) -> None:
    assert set(ids(reader.get("/teachers", filter=expr))) == expected


def test_filter_and_or(reader: Api) -> None:
    both = reader.get("/categories", filter="metadata.userDcid='4003' AND title='Projects'")
    assert ids(both, "categories") == ["CAT-T-3-PROJECTS"]
    either = reader.get("/teachers", filter="sourcedId='T-2' OR sourcedId='T-9'")
    assert ids(either) == ["T-2", "T-9"]


def test_filter_on_dotted_reference_field(reader: Api) -> None:
    response = reader.get("/enrollments", filter="class.sourcedId='CLS-HS-3' AND role='teacher'")
    assert set(ids(response, "enrollments")) == {"E-CLS-HS-3-T-5", "E-CLS-HS-3-T-7"}


def test_filter_on_list_of_references_matches_any_element(reader: Api) -> None:
    response = reader.get("/classes", filter="terms.sourcedId='SEM-MS-S1'")
    assert set(ids(response, "classes")) == {"CLS-MS-4", "CLS-MS-9"}


def test_filter_on_numbers_compares_numerically(reader: Api) -> None:
    low = reader.get("/results", filter="score<'5'", limit=1000).json()["results"]
    assert low and all(r["score"] < 5 for r in low)
    top = reader.get("/results", filter="score>='10'", limit=1000).json()["results"]
    assert top and all(r["score"] >= 10 for r in top)


def test_filter_on_dates_compares_instants(reader: Api) -> None:
    # Stored "2026-09-01T12:00:00.000Z" versus other spellings of nearby instants.
    assert ids(
        reader.get("/lineItems", filter="dateLastModified>'2026-09-01T11:59:59Z'"), "lineItems"
    )
    assert not ids(
        reader.get("/lineItems", filter="dateLastModified>'2026-09-01T12:00:00Z'"), "lineItems"
    )
    assert ids(
        reader.get("/lineItems", filter="dateLastModified>='2026-09-01T07:00:00-05:00'"),
        "lineItems",
    )
    q1 = reader.get("/gradingPeriods", filter="startDate>='2027-01-01' AND type='gradingPeriod'")
    assert set(ids(q1, "academicSessions")) == {"GP-HS-Q3", "GP-HS-Q4", "GP-MS-Q3", "GP-MS-Q4"}


@pytest.mark.parametrize(
    ("expr", "minor"),
    [
        ("nickname='x'", "invalid_filter_field"),
        ("class.sourcedId='CLS-HS-1'", "invalid_filter_field"),  # users have no class field
        ("givenName='x' AND colour='y'", "invalid_filter_field"),
        ("givenName=x", "invalid data"),  # value not quoted
        ("givenName='a' AND familyName='b' OR role='c'", "invalid data"),  # three predicates
        ("givenName='a' and familyName='b'", "invalid data"),  # lowercase joiner
        ("dateLastModified>'yesterday'", "invalid data"),
    ],
)
def test_bad_filters_are_400(reader: Api, expr: str, minor: str) -> None:
    response = reader.get("/users", filter=expr)
    assert response.status_code == 400
    assert imsx_minor(response.json()) == minor


def test_unknown_filter_field_is_named(reader: Api) -> None:
    body = reader.get("/users", filter="nickname='x'").json()
    assert "nickname" in body["imsx_description"]


def test_filter_by_date_last_modified_finds_only_later_writes(api: Api) -> None:
    from .helpers import line_item

    before = api.get("/lineItems").json()["lineItems"]
    cutoff = max(li["dateLastModified"] for li in before)
    assert api.put("/lineItems/LI-DELTA-1", "lineItem", line_item()).status_code == 201
    assert api.put("/lineItems/LI-DELTA-2", "lineItem", line_item(title="Other")).status_code == 201
    first = api.get("/lineItems/LI-DELTA-1").json()["lineItem"]["dateLastModified"]
    delta = api.get("/lineItems", filter=f"dateLastModified>'{cutoff}'")
    assert ids(delta, "lineItems") == ["LI-DELTA-1", "LI-DELTA-2"]
    later = api.get("/lineItems", filter=f"dateLastModified>'{first}'")
    assert ids(later, "lineItems") == ["LI-DELTA-2"]


# --- sort ----------------------------------------------------------------------------------


def test_sort_ascending_and_descending(reader: Api) -> None:
    asc = reader.get("/teachers", sort="familyName").json()["users"]
    names = [u["familyName"] for u in asc]
    assert names == sorted(names)
    desc = reader.get("/teachers", sort="familyName", orderBy="desc").json()["users"]
    assert [u["familyName"] for u in desc] == sorted(names, reverse=True)


def test_sort_on_numbers_and_dates(reader: Api) -> None:
    scores = [
        r["score"] for r in reader.get("/results", sort="score", limit=1000).json()["results"]
    ]
    assert scores == sorted(scores)
    starts = [
        s["startDate"]
        for s in reader.get("/gradingPeriods", sort="startDate", orderBy="desc").json()[
            "academicSessions"
        ]
    ]
    assert starts == sorted(starts, reverse=True)


def test_unknown_sort_field_is_a_warning_not_a_failure(reader: Api) -> None:
    response = reader.get("/teachers", sort="shoeSize")
    assert response.status_code == 200
    body = response.json()
    assert [u["sourcedId"] for u in body["users"]][:2] == ["T-1", "T-2"]
    warning = body["statusInfoSet"][0]
    assert warning["imsx_codeMajor"] == "success" and warning["imsx_severity"] == "warning"
    assert imsx_minor(warning) == "invalid_sort_field"


def test_bad_order_by_is_400(reader: Api) -> None:
    assert reader.get("/teachers", sort="familyName", orderBy="sideways").status_code == 400


# --- fields --------------------------------------------------------------------------------


def test_fields_select_properties(reader: Api) -> None:
    users = reader.get("/teachers", fields="sourcedId,familyName", limit=3).json()["users"]
    assert [set(u) for u in users] == [{"sourcedId", "familyName"}] * 3


def test_fields_on_a_singleton(reader: Api) -> None:
    body = reader.get("/classes/CLS-HS-1", fields="title,terms").json()
    assert set(body["class"]) == {"title", "terms"}


def test_unknown_selection_field_is_ignored(reader: Api) -> None:
    response = reader.get("/teachers", fields="sourcedId,shoeSize", limit=2)
    assert response.status_code == 200
    body = response.json()
    assert [set(u) for u in body["users"]] == [{"sourcedId"}] * 2
    assert imsx_minor(body["statusInfoSet"][0]) == "invalid_selection_field"
    only_unknown = reader.get("/teachers", fields="shoeSize", limit=1).json()["users"][0]
    assert "familyName" in only_unknown  # nothing valid selected: whole objects


@pytest.mark.parametrize("value", ["", " , "])
def test_blank_selection_is_400(reader: Api, value: str) -> None:
    response = reader.get("/teachers", fields=value)
    assert response.status_code == 400
    assert imsx_minor(response.json()) == "invalid_blank_selection_field"
