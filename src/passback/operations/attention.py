"""The operator overview's "needs attention" list: the same signals the metrics carry,
said for people. Read from the store, so it shows what every worker did.

- a district whose latest nightly run failed (how many nights in a row, the error);
- a district set up for nightly runs whose last nightly slot passed without a run;
- a district whose SIS answered slowly, failed requests or throttled passback over its
  last few runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from passback.core.clock import utc_now
from passback.operations.accounts import Principal
from passback.operations.districts import next_nightly
from passback.store import districts as district_store
from passback.store import ops_signals
from passback.store.db import session_scope

# a nightly slot this long past with no nightly run started since: it did not run
MISSED_AFTER = timedelta(hours=2)
# mean seconds until the SIS answers in the latest run, from which it counts as slow
SLOW_SIS_SECONDS = 1.0
# share of SIS requests failing (5xx or no answer) from which the SIS counts as failing
FAILING_SIS_SHARE = 0.05


@dataclass(frozen=True)
class Signal:
    district_id: str
    district_name: str
    kind: str  # nightly_failed | nightly_missing | sis_failing | sis_slow
    message: str
    severity: int  # 2: act now, 1: keep an eye on it


def needs_attention(
    engine: Engine, principal: Principal, *, now: datetime | None = None
) -> list[Signal]:
    """Signals for the districts the caller sees, the most urgent first."""
    now = now or utc_now()
    with session_scope(engine, read_only=True) as session:
        districts = [d for d in district_store.list_districts(session) if principal.sees(d.id)]
        set_up = {d.id for d in districts if district_store.has_client_secret(session, d.id)}
        nights = ops_signals.nightly_health(session, now=now)
        sis = ops_signals.sis_health(session, now=now)
    signals: list[Signal] = []
    for district in districts:
        night = nights.get(district.id)
        if night is not None and night.failed_in_a_row:
            times = night.failed_in_a_row
            streak = "" if times == 1 else f" {times} nights in a row"
            signals.append(
                Signal(
                    district.id,
                    district.name,
                    "nightly_failed",
                    f"The nightly run failed{streak}.",
                    2,
                )
            )
        elif district.id in set_up:
            slot = next_nightly(district, now) - timedelta(days=1)
            started = night.last_started if night is not None else None
            if slot + MISSED_AFTER < now and (started is None or started < slot - MISSED_AFTER):
                when = slot.astimezone(district.tz).strftime("%Y-%m-%d %H:%M")
                signals.append(
                    Signal(
                        district.id,
                        district.name,
                        "nightly_missing",
                        f"No nightly run since the one due {when} ({district.timezone}): "
                        "check that a passback worker (or passback serve) is running.",
                        2,
                    )
                )
        health = sis.get(district.id)
        if health is None or not health.requests:
            continue
        latest = health.latest_failures / health.latest_requests if health.latest_requests else 0
        share = health.failures / health.requests
        parts = []
        if latest >= FAILING_SIS_SHARE:
            parts.append(
                f"{health.latest_failures} of {health.latest_requests} requests failed "
                "in its latest run"
            )
        elif share >= FAILING_SIS_SHARE:
            parts.append(
                f"{health.failures} of {health.requests} requests failed "
                f"over its last {health.runs} runs"
            )
        if health.throttled:
            parts.append(
                f"{health.throttled} answers over its last {health.runs} runs were 429 "
                "(too many requests)"
            )
        if parts:
            failing = latest >= FAILING_SIS_SHARE or share >= FAILING_SIS_SHARE
            signals.append(
                Signal(
                    district.id,
                    district.name,
                    "sis_failing",
                    "The SIS had trouble: " + "; ".join(parts) + ".",
                    2 if failing else 1,
                )
            )
        slow = health.latest_seconds_per_request
        if slow is not None and slow >= SLOW_SIS_SECONDS:
            signals.append(
                Signal(
                    district.id,
                    district.name,
                    "sis_slow",
                    f"The SIS answers slowly: {slow:.2f} s per request on average "
                    "in its latest run.",
                    1,
                )
            )
    signals.sort(key=lambda s: (-s.severity, s.district_name.lower(), s.kind))
    return signals
