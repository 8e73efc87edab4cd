"""The nightly schedule with an injected clock: local time, daylight saving, catch-up."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from passback.scheduling.nightly import decide, latest_slot, next_slot, slot_on

CHICAGO = ZoneInfo("America/Chicago")
AUCKLAND = ZoneInfo("Pacific/Auckland")
TWO = time(2, 0)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def simulate(tz: ZoneInfo, at: time, start: datetime, days: int) -> list[datetime]:
    """Tick every minute from `start`, as the scheduler does; the instants runs were queued."""
    last: date | None = None
    runs = []
    now = start
    while now < start + timedelta(days=days):
        decision = decide(now, at, tz, last)
        if decision.run_for is not None:
            runs.append(now)
        if decision.record is not None:
            last = decision.record
        now += timedelta(minutes=1)
    return runs


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 7), utc(2026, 3, 7, 8)),  # CST: 02:00 = 08:00Z
        (date(2026, 3, 8), utc(2026, 3, 8, 8)),  # 02:00 does not exist: 03:00 CDT
        (date(2026, 3, 9), utc(2026, 3, 9, 7)),  # CDT: 02:00 = 07:00Z
        (date(2026, 10, 31), utc(2026, 10, 31, 7)),
        (date(2026, 11, 1), utc(2026, 11, 1, 8)),  # back to CST at 02:00 CDT
        (date(2026, 11, 2), utc(2026, 11, 2, 8)),
    ],
)
def test_chicago_slots_across_both_changes(day: date, expected: datetime) -> None:
    assert slot_on(day, TWO, CHICAGO) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 4, 4), utc(2026, 4, 3, 13)),  # NZDT +13
        (date(2026, 4, 5), utc(2026, 4, 4, 13)),  # 02:00 happens twice: the first (NZDT)
        (date(2026, 4, 6), utc(2026, 4, 5, 14)),  # NZST +12
        (date(2026, 9, 26), utc(2026, 9, 25, 14)),
        (date(2026, 9, 27), utc(2026, 9, 26, 14)),  # 02:00 does not exist: 03:00 NZDT
        (date(2026, 9, 28), utc(2026, 9, 27, 13)),
    ],
)
def test_auckland_slots_across_both_changes(day: date, expected: datetime) -> None:
    assert slot_on(day, TWO, AUCKLAND) == expected


@pytest.mark.parametrize(
    ("tz", "start"),
    [
        (CHICAGO, utc(2026, 3, 5)),
        (CHICAGO, utc(2026, 10, 29)),
        (AUCKLAND, utc(2026, 4, 1)),
        (AUCKLAND, utc(2026, 9, 24)),
    ],
)
def test_one_run_per_local_night_across_a_change(tz: ZoneInfo, start: datetime) -> None:
    runs = simulate(tz, TWO, start, days=6)
    # the first night only starts the schedule; then one run per night, at its slot
    local_days = [r.astimezone(tz).date() for r in runs]
    assert len(local_days) == len(set(local_days))
    assert len(runs) in (5, 6)
    for run in runs:
        day = run.astimezone(tz).date()
        assert run == slot_on(day, TWO, tz)
        assert run.astimezone(tz).time() in (time(2, 0), time(3, 0))


def test_the_repeated_hour_runs_once() -> None:
    runs = simulate(AUCKLAND, TWO, utc(2026, 4, 4, 0), days=2)
    assert [r.astimezone(AUCKLAND).date() for r in runs] == [date(2026, 4, 5), date(2026, 4, 6)]
    assert runs[0] == utc(2026, 4, 4, 13)


def test_a_new_schedule_waits_for_the_next_night() -> None:
    now = utc(2026, 11, 10, 15)  # 09:00 in Chicago, after today's 02:00
    decision = decide(now, TWO, CHICAGO, None)
    assert decision.run_for is None
    assert decision.record == date(2026, 11, 10)
    assert decide(now, TWO, CHICAGO, decision.record).run_for is None


def test_missed_nights_catch_up_once_at_start_up() -> None:
    # the machine was off from the 3rd; it starts on the 10th at 09:00 local
    now = utc(2026, 11, 10, 15)
    decision = decide(now, TWO, CHICAGO, date(2026, 11, 3))
    assert decision.run_for == date(2026, 11, 10)
    assert decision.record == date(2026, 11, 10)
    # once recorded, nothing more until the next slot
    later = now + timedelta(hours=10)
    assert decide(later, TWO, CHICAGO, decision.record).run_for is None
    tomorrow = slot_on(date(2026, 11, 11), TWO, CHICAGO)
    assert decide(tomorrow, TWO, CHICAGO, decision.record).run_for == date(2026, 11, 11)


def test_started_before_tonight_catches_up_yesterday() -> None:
    # off since the 5th, started on the 10th at 01:00 local: the 9th's night is owed
    now = utc(2026, 11, 10, 7)
    assert decide(now, TWO, CHICAGO, date(2026, 11, 5)).run_for == date(2026, 11, 9)


def test_late_evening_schedule() -> None:
    at = time(23, 30)
    day, instant = latest_slot(utc(2026, 11, 10, 3), at, CHICAGO)  # 21:00 on the 9th local
    assert day == date(2026, 11, 8)
    assert instant == utc(2026, 11, 9, 5, 30)
    following, nxt = next_slot(utc(2026, 11, 10, 3), at, CHICAGO)
    assert following == date(2026, 11, 9)
    assert nxt == utc(2026, 11, 10, 5, 30)


ZONES = st.sampled_from(
    ["America/Chicago", "Pacific/Auckland", "Europe/London", "Asia/Kolkata", "UTC"]
)


@settings(max_examples=200, deadline=None)
@given(
    zone=ZONES,
    at=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    now=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1)),
)
def test_slots_bracket_now(zone: str, at: time, now: datetime) -> None:
    tz = ZoneInfo(zone)
    moment = now.replace(tzinfo=UTC)
    day, latest = latest_slot(moment, at, tz)
    following, nxt = next_slot(moment, at, tz)
    assert latest <= moment < nxt
    assert following == day + timedelta(days=1)
    # no slot of another date falls between the two
    assert nxt - latest <= timedelta(hours=26)
