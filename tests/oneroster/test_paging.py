"""The offset pager's stop rules (pure)."""

from __future__ import annotations

from passback.oneroster.paging import OffsetPager, parse_total


def records(start: int, stop: int) -> list[dict[str, str]]:
    return [{"sourcedId": f"r{i}"} for i in range(start, stop)]


def test_stops_when_total_is_reached_even_if_the_server_caps_the_page() -> None:
    pager = OffsetPager(page_size=1000)
    # The server caps pages at 100 although 1000 were asked; the total says there are 250.
    assert len(pager.accept(records(0, 100), total=250)) == 100
    assert not pager.done
    assert pager.next_params() == {"limit": "1000", "offset": "100"}
    pager.accept(records(100, 200), total=250)
    assert not pager.done
    pager.accept(records(200, 250), total=250)
    assert pager.done
    assert pager.pages == 3


def test_without_total_a_short_page_is_the_last() -> None:
    pager = OffsetPager(page_size=3)
    pager.accept(records(0, 3), total=None)
    assert not pager.done
    pager.accept(records(3, 5), total=None)
    assert pager.done


def test_without_total_an_empty_page_is_the_last() -> None:
    pager = OffsetPager(page_size=3)
    pager.accept(records(0, 3), total=None)
    assert pager.accept([], total=None) == []
    assert pager.done


def test_a_repeated_page_ends_the_read_and_yields_nothing_twice() -> None:
    pager = OffsetPager(page_size=2)
    assert len(pager.accept(records(0, 2), total=None)) == 2
    assert pager.accept(records(0, 2), total=None) == []
    assert pager.done and pager.repeated_page


def test_a_repeated_page_ends_the_read_even_when_total_says_more() -> None:
    pager = OffsetPager(page_size=2)
    pager.accept(records(0, 2), total=10)
    pager.accept(records(0, 2), total=10)
    assert pager.done and pager.repeated_page


def test_overlapping_pages_yield_each_record_once() -> None:
    pager = OffsetPager(page_size=3)
    first = pager.accept(records(0, 3), total=None)
    second = pager.accept(records(2, 5), total=None)
    assert [r["sourcedId"] for r in first + second] == ["r0", "r1", "r2", "r3", "r4"]


def test_parse_total() -> None:
    assert parse_total("42") == 42
    assert parse_total(" 7 ") == 7
    assert parse_total(None) is None
    assert parse_total("many") is None
    assert parse_total("-1") is None
