"""When each district's nightly run is due: pure policy, "now" passed in.

A district runs once per local calendar date at `options.nightly_at` in its time zone. The
slot of a date is that wall-clock time there; a wall-clock time that does not exist (the
spring-forward gap) falls to the same distance after the gap, and one that happens twice
(fall back) is the first of the two (PEP 495 `fold=0`). Either way a date has one slot.

A schedule remembers the last date it queued. The rule for a machine that was off: when
the latest slot at or before now is for a later date than the last one queued, that one
night is queued now — however many nights were missed, only once. A schedule seen for the
first time starts with the next slot (a new district does not run at once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def slot_on(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The instant (UTC) of the nightly slot of local date `day`."""
    local = datetime.combine(day, at, tzinfo=tz)  # fold=0
    return local.astimezone(UTC)


def latest_slot(now: datetime, at: time, tz: ZoneInfo) -> tuple[date, datetime]:
    """The last slot at or before `now`: its local date and instant."""
    today = now.astimezone(tz).date()
    for day in (today + timedelta(days=1), today, today - timedelta(days=1)):
        instant = slot_on(day, at, tz)
        if instant <= now:
            return day, instant
    day = today - timedelta(days=2)
    return day, slot_on(day, at, tz)


def next_slot(now: datetime, at: time, tz: ZoneInfo) -> tuple[date, datetime]:
    """The first slot strictly after `now`."""
    day, _ = latest_slot(now, at, tz)
    following = day + timedelta(days=1)
    return following, slot_on(following, at, tz)


@dataclass(frozen=True, slots=True)
class NightlyDecision:
    run_for: date | None  # queue the nightly run of this local date now
    record: date | None  # the date to remember as handled (None: leave the state alone)


def decide(now: datetime, at: time, tz: ZoneInfo, last_night: date | None) -> NightlyDecision:
    """What to do for one district at `now`, given the last night it queued."""
    day, _ = latest_slot(now, at, tz)
    if last_night is None:
        return NightlyDecision(run_for=None, record=day)
    if last_night >= day:
        return NightlyDecision(run_for=None, record=None)
    return NightlyDecision(run_for=day, record=day)
