"""The numbers behind the console's plots and overview: each night's sent, skipped and failed
items, what changed since last night, a run's counts by kind and its most frequent skip
reasons."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from passback.core.plan import ACTIONS as ACTIONS  # the API and console check filters with it
from passback.core.report import (
    ATTENTION,
    SETTLED,
    RunSummary,
)
from passback.operations import reports
from passback.store import run_stats, runs
from passback.store.db import session_scope


@dataclass(frozen=True)
class Night:
    day: date
    sent: int
    skipped: int
    failed: int


def nightly(engine: Engine, district: str, tz: str, *, nights: int = 14) -> list[Night]:
    """Scores sent / skipped / failed per night (the local day in the district's time zone
    on which the real runs started), each score counted once per night by its last state
    that night: a score skipped by three runs is one skip; one that failed and then went
    through is sent. "Sent" means written that night (created or updated) and not failed
    or skipped since; scores already in the gradebook and unchanged are not counted."""
    zone = ZoneInfo(tz)
    recent = [
        r for r in reports.history(engine, district, limit=200) if not r.dry_run and r.finished_at
    ]
    by_day: dict[date, list[RunSummary]] = {}
    for run in recent:
        by_day.setdefault(run.started_at.astimezone(zone).date(), []).append(run)
    out = []
    with session_scope(engine, read_only=True) as session:
        for day in sorted(by_day)[-nights:]:
            ordered = sorted(by_day[day], key=lambda r: r.started_at)
            if len(ordered) == 1:
                # one run that night (the usual nightly): its grouped counts are the states
                c = run_stats.result_actions(session, [ordered[0].id])[ordered[0].id]
                out.append(
                    Night(
                        day,
                        sent=c["create"] + c["update"],
                        skipped=c["skip"],
                        failed=c["error"] + c["conflict"],
                    )
                )
                continue
            states = run_stats.last_result_states(session, [r.id for r in ordered])
            sent = skipped = failed = 0
            for action, written in states.values():
                if action in ("error", "conflict"):
                    failed += 1
                elif action == "skip":
                    skipped += 1
                elif action in ("create", "update") or (action == "unchanged" and written):
                    sent += 1
            out.append(Night(day, sent=sent, skipped=skipped, failed=failed))
    return out


@dataclass
class Changes:
    """What changed between two real runs of the whole district: the latest and the last
    one of an earlier night (or the one before it, when all ran the same night)."""

    latest: RunSummary
    baseline: RunSummary
    new_skips: list[dict[str, Any]] = field(default_factory=list)
    new_errors: list[dict[str, Any]] = field(default_factory=list)
    new_conflicts: list[dict[str, Any]] = field(default_factory=list)
    resolved: list[dict[str, Any]] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.new_skips or self.new_errors or self.new_conflicts or self.resolved)


def _states(engine: Engine, run_id: str) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    with session_scope(engine, read_only=True) as session:
        return {
            (i["kind"], i["assessment"], i["class"], i["student"] or ""): i
            for i in runs.iter_items(session, run_id)
        }


def changes_since_last_night(engine: Engine, district: str, tz: str) -> Changes | None:
    zone = ZoneInfo(tz)
    real = [
        r
        for r in reports.history(engine, district, limit=100)
        if not r.dry_run and r.finished_at and not r.scope
    ]
    if len(real) < 2:
        return None
    latest = real[0]
    night = latest.started_at.astimezone(zone).date()
    earlier = [r for r in real[1:] if r.started_at.astimezone(zone).date() < night]
    baseline = earlier[0] if earlier else real[1]
    now, before = _states(engine, latest.id), _states(engine, baseline.id)
    out = Changes(latest, baseline)
    for key, item in now.items():
        was = before.get(key, {}).get("action")
        action = item["action"]
        if action == "skip" and was != "skip":
            out.new_skips.append(item)
        elif action == "error" and was != "error":
            out.new_errors.append(item)
        elif action == "conflict" and was != "conflict":
            out.new_conflicts.append(item)
        elif action in SETTLED and was in ATTENTION:
            out.resolved.append(item)
    return out


@dataclass(frozen=True)
class KindCounts:
    """A run's items by kind and action, each item once."""

    counts: Counter[tuple[str, str]]

    def kinds(self, action: str) -> tuple[int, int]:
        return self.counts[("lineItem", action)], self.counts[("result", action)]


def kind_counts(engine: Engine, run_id: str) -> KindCounts:
    with session_scope(engine, read_only=True) as session:
        return KindCounts(run_stats.kind_counts(session, run_id))


def top_skip_reasons(engine: Engine, run_id: str, *, top: int = 8) -> list[tuple[str, int]]:
    with session_scope(engine, read_only=True) as session:
        return run_stats.skip_reasons(session, run_id).most_common(top)
