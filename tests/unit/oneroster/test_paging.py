"""The offset pager's stop rules (pure)."""

from __future__ import annotations

from passback.oneroster.paging import OffsetPager, next_link, parse_total


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


def test_without_total_a_short_page_is_not_the_end() -> None:
    # A server may cap the page silently: only an empty page ends a read without a total.
    pager = OffsetPager(page_size=3)
    pager.accept(records(0, 3), total=None)
    assert not pager.done
    pager.accept(records(3, 5), total=None)
    assert not pager.done
    assert pager.next_params() == {"limit": "3", "offset": "5"}
    assert pager.accept([], total=None) == []
    assert pager.done and pager.inconsistent is None


def test_without_total_an_empty_page_is_the_last() -> None:
    pager = OffsetPager(page_size=3)
    pager.accept(records(0, 3), total=None)
    assert pager.accept([], total=None) == []
    assert pager.done


def test_a_page_repeated_twice_makes_the_read_inconsistent_and_yields_nothing_twice() -> None:
    pager = OffsetPager(page_size=2)
    assert len(pager.accept(records(0, 2), total=None)) == 2
    # One page of repeats is how a 1-based server ends; a second is a server ignoring offset.
    assert pager.accept(records(0, 2), total=None) == []
    assert not pager.done
    assert pager.accept(records(0, 2), total=None) == []
    assert pager.done and pager.repeated_page
    assert pager.inconsistent is not None and "ignores offset" in pager.inconsistent


def test_a_repeated_page_is_inconsistent_even_when_total_says_more() -> None:
    pager = OffsetPager(page_size=2)
    for _ in range(3):
        pager.accept(records(0, 2), total=10)
    assert pager.done and pager.inconsistent is not None


def test_one_record_on_a_one_based_server_is_read_once() -> None:
    pager = OffsetPager(page_size=100)
    assert len(pager.accept(records(0, 1), total=None)) == 1
    assert pager.accept(records(0, 1), total=None) == []  # offset 1 is record 1 again
    assert pager.accept([], total=None) == []
    assert pager.done and pager.inconsistent is None


def test_a_page_with_links_but_no_next_is_the_last() -> None:
    pager = OffsetPager(page_size=100)
    pager.accept(records(0, 3), total=None, linked=True)
    assert pager.done and pager.inconsistent is None


def test_one_based_offsets_with_a_cap_lose_no_record() -> None:
    # 1-based server, cap 2, six records: offset o returns records o..o+1 (record 0 for 0).
    data = records(0, 6)

    def one_based(offset: int) -> list[dict[str, str]]:
        first = max(offset - 1, 0)
        return data[first : first + 2]

    for total in (6, None):
        pager = OffsetPager(page_size=100)
        got: list[dict[str, str]] = []
        while not pager.done:
            got += pager.accept(one_based(pager.offset), total=total)
        assert [r["sourcedId"] for r in got] == [f"r{i}" for i in range(6)]
        assert pager.inconsistent is None


def test_a_total_that_shrinks_is_inconsistent() -> None:
    pager = OffsetPager(page_size=2)
    pager.accept(records(0, 2), total=5)
    pager.accept(records(2, 4), total=4)
    assert pager.done and pager.inconsistent is not None and "shrank" in pager.inconsistent


def test_ending_short_of_the_total_is_inconsistent() -> None:
    pager = OffsetPager(page_size=2)
    pager.accept(records(0, 2), total=5)
    pager.accept([], total=5)
    assert pager.done
    assert pager.inconsistent == (
        "the read ended with 2 of the 5 records the server's X-Total-Count announced"
    )


def test_next_links_are_followed_until_a_page_has_none() -> None:
    pager = OffsetPager(page_size=100)
    pager.accept(records(0, 2), total=None, next_url="https://sis/x?page=2")
    assert not pager.done and pager.next_url == "https://sis/x?page=2"
    pager.accept(records(2, 3), total=None, next_url="https://sis/x?page=3")
    assert pager.next_url == "https://sis/x?page=3"
    pager.accept(records(3, 4), total=None)
    assert pager.done and pager.inconsistent is None and pager.received == 4


def test_a_next_link_that_comes_round_again_is_inconsistent() -> None:
    pager = OffsetPager(page_size=100)
    pager.accept(records(0, 2), total=None, next_url="https://sis/x?page=2")
    pager.accept(records(2, 4), total=None, next_url="https://sis/x?page=2")
    assert pager.done and pager.inconsistent is not None


def test_next_link_parsing_understands_rel_and_the_ref_typo() -> None:
    assert next_link({"next": {"url": "https://a/b?offset=2", "rel": "next"}}) == (
        "https://a/b?offset=2"
    )
    assert next_link({"https://a/b": {"url": "https://a/b", "ref": "next"}}) == "https://a/b"
    assert next_link({"last": {"url": "https://a/b", "rel": "last"}}) is None


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
