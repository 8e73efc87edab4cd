"""What a finished run means for people (docs/scheduling.md#notifications, step 9 of
docs/console.md#onboarding-steps):

- the first run of a district that got through (succeeded or partial, not a dry run):
  "passback is live", with the report summary — once per district, ever;
- a run that failed — once per run;
- with PASSBACK_NOTIFY_DIGEST on, after a nightly run that skipped scores: the digest of
  skipped scores per teacher — once per district and night.

E-mail goes to the district's contacts; the webhook (if configured) gets every event.
`run_listener` is what the composition roots hand to `run_sync` (as one of its
`listeners`); the run itself knows nothing about notifications.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from passback.core.clock import Clock, utc_now
from passback.core.domain import District
from passback.notify import messages, outbox
from passback.notify.settings import NotifySettings
from passback.store import districts as district_store
from passback.store.db import session_scope
from passback.store.schema.source import AssessmentRow
from passback.sync.context import RunListener

log = structlog.get_logger(__name__)

FIRST_SYNC = "first_sync"
RUN_FAILED = "run_failed"
DIGEST = "digest"


def recipients(district: District, settings: NotifySettings) -> list[tuple[str, str]]:
    found = [("email", address) for address in district.contacts]
    if settings.problem is not None:
        log.warning("notify.misconfigured", problem=settings.problem)
    if settings.webhook is not None:
        found.append(("webhook", settings.webhook.url))
    return found


def record_run_events(
    engine: Engine,
    report: dict[str, Any],
    *,
    settings: NotifySettings,
    clock: Clock = utc_now,
) -> list[str]:
    """Record the events of a finished run; the names of those recorded now."""
    if report.get("dry_run"):
        return []
    with session_scope(engine) as session:
        district = district_store.get_district(session, report["district"])
        if district is None:
            return []
        return _record(session, district, report, settings, clock())


def run_listener(settings: NotifySettings, *, clock: Clock = utc_now) -> RunListener:
    """The listener a composition root passes to `run_sync`: records the run's events."""

    def on_run_finished(engine: Engine, report: dict[str, Any]) -> None:
        record_run_events(engine, report, settings=settings, clock=clock)

    return on_run_finished


def _record(
    session: Session,
    district: District,
    report: dict[str, Any],
    settings: NotifySettings,
    now: datetime,
) -> list[str]:
    wanted: list[tuple[str, str, messages.Message]] = []
    status = report.get("status")
    if status in ("succeeded", "partial"):
        if not outbox.event_recorded(session, district.id, FIRST_SYNC):
            wanted.append((FIRST_SYNC, FIRST_SYNC, messages.first_sync(district, report)))
        if (
            report.get("trigger") == "nightly"
            and settings.digest
            and messages.has_skipped_results(report)
        ):
            teachers = _teachers(session, district.id, report)
            event = f"{DIGEST}:{report['as_of']}"
            wanted.append((event, DIGEST, messages.digest(district, report, teachers)))
    elif status == "failed":
        event = f"{RUN_FAILED}:{report['run']}"
        wanted.append((event, RUN_FAILED, messages.run_failed(district, report)))
    recorded = []
    to = recipients(district, settings)
    for event, kind, message in wanted:
        if outbox.record_event(
            session,
            district=district.id,
            event=event,
            kind=kind,
            run_id=report["run"],
            message=message,
            recipients=to,
            now=now,
        ):
            recorded.append(event)
            log.info("notify.recorded", district=district.id, name=event, recipients=len(to))
    return recorded


def _teachers(session: Session, district: str, report: dict[str, Any]) -> dict[str, str]:
    ids = {i["assessment"] for i in report.get("items", ()) if i.get("action") == "skip"}
    if not ids:
        return {}
    rows = session.execute(
        select(AssessmentRow.id, AssessmentRow.assigned_by).where(
            AssessmentRow.district_id == district, AssessmentRow.id.in_(sorted(ids))
        )
    )
    return {aid: teacher for aid, teacher in rows}
