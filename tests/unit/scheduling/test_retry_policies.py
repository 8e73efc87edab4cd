"""Debounce of on-change syncs and retry backoff (pure, clock passed in)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from passback.core.backoff import DELIVERY, SCHEDULED_RUN, Backoff
from passback.scheduling.debounce import OnChangePolicy, merge_classes, start_at

NOW = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
POLICY = OnChangePolicy(settle=timedelta(seconds=5), min_gap=timedelta(seconds=30))


def test_first_change_waits_only_to_settle() -> None:
    assert start_at(NOW, None, POLICY) == NOW + timedelta(seconds=5)


def test_runs_of_a_district_are_spaced() -> None:
    started = NOW - timedelta(seconds=10)
    assert start_at(NOW, started, POLICY) == started + timedelta(seconds=30)
    long_ago = NOW - timedelta(minutes=5)
    assert start_at(NOW, long_ago, POLICY) == NOW + timedelta(seconds=5)


def test_worst_case_delay_is_under_a_minute() -> None:
    worst = max(start_at(NOW, NOW - timedelta(seconds=s), POLICY) - NOW for s in range(0, 120))
    assert worst <= timedelta(seconds=35)


def test_classes_merge_until_the_whole_district_is_cheaper() -> None:
    policy = OnChangePolicy(max_class_runs=3)
    assert merge_classes(("C2",), ["C1", "C2"], policy) == ("C1", "C2")
    assert merge_classes(("C1", "C2"), ["C3"], policy) == ("C1", "C2", "C3")
    assert merge_classes(("C1", "C2", "C3"), ["C4"], policy) is None
    assert merge_classes(None, ["C1"], policy) is None
    assert merge_classes(("C1",), None, policy) is None


def test_delivery_backoff_grows_then_caps_then_gives_up() -> None:
    delays = [DELIVERY.delay(n) for n in range(1, 12)]
    assert delays[0] == timedelta(seconds=30)
    assert delays[1] == timedelta(minutes=1)
    assert all(a <= b for a, b in itertools.pairwise(delays))
    assert delays[-1] == timedelta(hours=1)
    assert DELIVERY.next_attempt(3, NOW) == NOW + timedelta(minutes=2)
    assert DELIVERY.next_attempt(80, NOW) is None
    total = sum((DELIVERY.delay(n) for n in range(1, 80)), timedelta())
    assert timedelta(days=2) < total < timedelta(days=4)


def test_scheduled_runs_are_retried_twice() -> None:
    assert SCHEDULED_RUN.next_attempt(1, NOW) == NOW + timedelta(minutes=10)
    assert SCHEDULED_RUN.next_attempt(2, NOW) == NOW + timedelta(minutes=30)
    assert SCHEDULED_RUN.next_attempt(3, NOW) is None


def test_backoff_without_limit_never_gives_up() -> None:
    forever = Backoff(first=timedelta(seconds=1))
    assert forever.next_attempt(10_000, NOW) == NOW + timedelta(hours=1)
