"""Building OneRoster 1.1 filter, sort and fields parameters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from passback.oneroster import and_, filter_expr, modified_since, or_, query_params


def test_single_predicates_quote_their_values() -> None:
    assert str(filter_expr("status", "=", "active")) == "status='active'"
    assert str(filter_expr("role", "!=", "student")) == "role!='student'"
    assert str(filter_expr("resultValueMax", ">=", 100)) == "resultValueMax>='100'"
    assert str(filter_expr("enabledUser", "=", True)) == "enabledUser='true'"
    assert str(filter_expr("startDate", "<=", date(2026, 1, 31))) == "startDate<='2026-01-31'"
    assert str(filter_expr("title", "~", "Math")) == "title~'Math'"


def test_datetimes_are_sent_as_utc_with_z() -> None:
    eastern = timezone(timedelta(hours=-5))
    moment = datetime(2026, 11, 10, 7, 30, tzinfo=eastern)
    assert str(filter_expr("dateLastModified", ">", moment)) == (
        "dateLastModified>'2026-11-10T12:30:00Z'"
    )
    with_ms = datetime(2026, 11, 10, 12, 30, 0, 123456, tzinfo=UTC)
    assert str(modified_since(with_ms)) == "dateLastModified>'2026-11-10T12:30:00.123Z'"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        filter_expr("dateLastModified", ">", datetime(2026, 1, 1))


def test_and_or_join_two_predicates() -> None:
    both = and_(filter_expr("status", "=", "active"), filter_expr("role", "=", "teacher"))
    assert str(both) == "status='active' AND role='teacher'"
    either = or_(filter_expr("type", "=", "term"), filter_expr("type", "=", "semester"))
    assert str(either) == "type='term' OR type='semester'"


def test_more_than_two_predicates_are_refused() -> None:
    two = and_(filter_expr("a", "=", 1), filter_expr("b", "=", 2))
    with pytest.raises(ValueError, match="at most 2"):
        or_(two, filter_expr("c", "=", 3))


@pytest.mark.parametrize(
    ("field", "op", "value", "message"),
    [
        ("familyName", "=", "O'Brien", "single quote"),
        ("bad field", "=", "x", "not a OneRoster field"),
        ("status", "==", "x", "predicate"),
        ("status", "=", object(), "cannot use"),
    ],
)
def test_bad_filters_are_refused_with_a_clear_message(
    field: str, op: str, value: object, message: str
) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        filter_expr(field, op, value)


def test_query_params() -> None:
    params = query_params(
        filter=filter_expr("status", "=", "active"),
        sort="familyName",
        order="desc",
        fields=["sourcedId", " title"],
    )
    assert params == {
        "filter": "status='active'",
        "sort": "familyName",
        "orderBy": "desc",
        "fields": "sourcedId,title",
    }
    assert query_params() == {}
    with pytest.raises(ValueError, match="non-empty"):
        query_params(fields=[])
    with pytest.raises(ValueError, match="order needs a sort"):
        query_params(order="asc")
