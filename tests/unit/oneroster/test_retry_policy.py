"""The retry policy's delay function and Retry-After parsing (pure, no I/O)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from passback.oneroster import RetryPolicy, parse_retry_after

NOW = datetime(2026, 11, 10, 8, 0, 0, tzinfo=UTC)


def test_backoff_doubles_up_to_the_cap_without_jitter() -> None:
    policy = RetryPolicy(max_attempts=10, base_delay=0.5, max_delay=3.0, jitter=False)
    rng = random.Random(0)
    delays = [policy.delay(attempt, None, rng) for attempt in range(1, 10)]
    assert delays == [0.5, 1.0, 2.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0]


def test_gives_up_after_max_attempts() -> None:
    policy = RetryPolicy(max_attempts=3, jitter=False)
    rng = random.Random(0)
    assert policy.delay(2, None, rng) is not None
    assert policy.delay(3, None, rng) is None


def test_single_attempt_policy_never_retries() -> None:
    assert RetryPolicy(max_attempts=1).delay(1, None, random.Random(0)) is None


def test_retry_after_wins_over_a_shorter_backoff() -> None:
    policy = RetryPolicy(base_delay=0.5, jitter=False)
    assert policy.delay(1, 7.0, random.Random(0)) == 7.0


def test_backoff_wins_over_a_shorter_retry_after() -> None:
    policy = RetryPolicy(base_delay=4.0, jitter=False)
    assert policy.delay(1, 1.0, random.Random(0)) == 4.0


def test_retry_after_beyond_the_limit_gives_up_instead_of_waiting_less() -> None:
    policy = RetryPolicy(max_retry_after=60.0)
    assert policy.delay(1, 61.0, random.Random(0)) is None
    assert policy.delay(1, 60.0, random.Random(0)) == pytest.approx(60.0, abs=0.5)


def test_full_jitter_spreads_delays_and_is_reproducible_with_a_seed() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=30.0)
    first = [policy.delay(4, None, random.Random(seed)) for seed in range(50)]
    again = [policy.delay(4, None, random.Random(seed)) for seed in range(50)]
    assert first == again
    assert all(d is not None and 0.0 <= d <= 8.0 for d in first)
    assert len(set(first)) > 40  # not one value for everyone: the point of jitter


@given(
    attempt=st.integers(min_value=1, max_value=200),
    retry_after=st.none() | st.floats(min_value=0, max_value=500, allow_nan=False),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_delay_bounds(attempt: int, retry_after: float | None, seed: int) -> None:
    policy = RetryPolicy(max_attempts=1000, base_delay=0.5, max_delay=30.0, max_retry_after=120.0)
    delay = policy.delay(attempt, retry_after, random.Random(seed))
    if retry_after is not None and retry_after > policy.max_retry_after:
        assert delay is None
        return
    assert delay is not None
    assert 0.0 <= delay <= max(policy.max_delay, retry_after or 0.0)
    if retry_after is not None:
        assert delay >= retry_after  # never sooner than the server said


def test_policy_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError, match="negative"):
        RetryPolicy(base_delay=-1)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("5", 5.0),
        (" 2.5 ", 2.5),
        ("0", 0.0),
        ("-3", 0.0),
        ("", None),
        ("soon", None),
        ("nan", None),
        (None, None),
    ],
)
def test_retry_after_seconds(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, NOW) == expected


def test_retry_after_http_date() -> None:
    header = format_datetime(NOW + timedelta(seconds=42), usegmt=True)
    assert header.endswith("GMT")
    assert parse_retry_after(header, NOW) == 42.0


def test_retry_after_http_date_in_the_past_means_now() -> None:
    header = format_datetime(NOW - timedelta(minutes=5), usegmt=True)
    assert parse_retry_after(header, NOW) == 0.0
