"""The wire models read what real servers send: strings for booleans, odd dates, padded ids,
vendor fields; and say which record and field is wrong when something required is missing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from passback.oneroster import (
    AcademicSession,
    Category,
    Enrollment,
    InvalidResponse,
    LineItem,
    OneRosterClass,
    Result,
    User,
)
from passback.oneroster.responses import parse_record

REF = {"href": "https://x/classes/C1", "sourcedId": " C1 ", "type": "class"}


def test_sourced_ids_are_stripped_everywhere() -> None:
    klass = OneRosterClass.model_validate(
        {"sourcedId": "  C1\t", "title": "Algebra", "terms": [{"sourcedId": " T1 "}]}
    )
    assert klass.sourcedId == "C1"
    assert klass.terms[0].sourcedId == "T1"


def test_booleans_as_strings_and_unknown_fields_kept() -> None:
    user = User.model_validate(
        {
            "sourcedId": "U1",
            "role": "teacher",
            "enabledUser": "false",
            "givenName": "Ada",
            "ext_ps_dcid": 1234,
            "metadata": {"ps.schoolid": "7"},
        }
    )
    assert user.enabledUser is False
    assert user.model_extra == {"ext_ps_dcid": 1234}
    assert user.metadata == {"ps.schoolid": "7"}
    assert user.to_domain().enabled is False
    assert User.model_validate(
        {"sourcedId": "U2", "role": "student", "enabledUser": "TRUE"}
    ).enabledUser


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-09-01T12:00:00.000Z", datetime(2026, 9, 1, 12, tzinfo=UTC)),
        ("2026-09-01T12:00:00Z", datetime(2026, 9, 1, 12, tzinfo=UTC)),
        ("2026-09-01T12:00:00", datetime(2026, 9, 1, 12, tzinfo=UTC)),
        ("2026-09-01", datetime(2026, 9, 1, 0, tzinfo=UTC)),
        ("", None),
    ],
)
def test_datetimes_parse_leniently(raw: str, expected: datetime | None) -> None:
    item = LineItem.model_validate({"sourcedId": "L1", "class": REF, "dueDate": raw})
    assert item.dueDate == expected


def test_dates_accept_datetimes() -> None:
    result = Result.model_validate(
        {
            "sourcedId": "R1",
            "lineItem": {"sourcedId": "L1"},
            "student": {"sourcedId": "S1"},
            "scoreDate": "2026-09-01T00:00:00Z",
            "score": "87.5",
            "scoreStatus": "fully graded",
        }
    )
    assert result.scoreDate == date(2026, 9, 1)
    assert result.score == 87.5


def test_academic_session_to_grading_period() -> None:
    session = AcademicSession.model_validate(
        {
            "sourcedId": "GP-Q1",
            "title": "Q1",
            "type": "gradingPeriod",
            "startDate": "2026-08-15",
            "endDate": "2026-10-31",
            "schoolYear": 2027,
            "parent": {"sourcedId": "T-S1"},
        }
    )
    assert session.schoolYear == "2027"
    period = session.to_domain()
    assert (period.sourced_id, period.start, period.end, period.term) == (
        "GP-Q1",
        date(2026, 8, 15),
        date(2026, 10, 31),
        "T-S1",
    )


def test_enrollment_reads_class_alias_and_string_primary() -> None:
    enrollment = Enrollment.model_validate(
        {
            "sourcedId": "E1",
            "status": "tobedeleted",
            "user": {"sourcedId": "S1"},
            "class": REF,
            "role": "student",
            "primary": "false",
            "beginDate": "2026-08-15",
        }
    )
    record = enrollment.to_domain()
    assert record.class_id == "C1"
    assert record.primary is False
    assert record.active is False
    assert record.begin == date(2026, 8, 15)


def category(metadata: dict[str, Any] | None, status: str = "active") -> Category:
    return Category.model_validate(
        {"sourcedId": "CAT-1", "title": "Tests", "status": status, "metadata": metadata}
    )


def test_powerschool_category_metadata() -> None:
    cat = category({"teacher": " T-9 ", "categoryType": "District", "isActive": "true"})
    assert cat.teacher == "T-9"
    assert cat.category_type == "district"
    assert cat.is_active
    domain = cat.to_domain()
    assert domain.district_level and domain.active and domain.teacher == "T-9"


def test_category_inactive_by_metadata_or_status() -> None:
    assert not category({"isActive": "false"}).is_active
    assert not category({"isActive": "true"}, status="tobedeleted").is_active
    assert category(None).is_active
    assert category(None).teacher is None


def test_missing_required_field_names_the_record_and_field() -> None:
    with pytest.raises(InvalidResponse) as caught:
        parse_record(
            AcademicSession, {"sourcedId": " GP-9 ", "type": "gradingPeriod"}, "academicSessions"
        )
    message = str(caught.value)
    assert "'GP-9'" in message
    assert "startDate" in message and "endDate" in message


def test_bad_value_names_the_field() -> None:
    with pytest.raises(InvalidResponse, match=r"'L1'.*field resultValueMax"):
        parse_record(
            LineItem, {"sourcedId": "L1", "class": REF, "resultValueMax": "lots"}, "lineItems"
        )


def test_record_without_sourced_id() -> None:
    with pytest.raises(InvalidResponse, match=r"a users record.*sourcedId"):
        parse_record(User, {"role": "student"}, "users")
