"""Districts for the console and the API: the operator's overview, one district's
configuration as a document, and changes to it (whole or one section at a time).

Changes go through the same validation as `passback district apply` (`DistrictConfig`),
so a bad value is refused with the field named. The client secret is write-only: it is
stored encrypted and never returned, and it is bound to the SIS it was entered for:
changing the base URL, token URL or client id without entering it again is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import Engine

from passback import onboarding
from passback.accounts import Principal
from passback.core.domain import District
from passback.core.report import RunSummary
from passback.intake.district_file import DistrictConfig, config_document, secret_rebinding
from passback.onboarding.activation import state_dict, warnings_for
from passback.operations.sis_reads import SisReads
from passback.secrets import SecretBox
from passback.store import audit, group_members, runs
from passback.store import districts as district_store
from passback.store.db import session_scope

log = structlog.get_logger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class DistrictSummary:
    district: District
    onboarding: onboarding.Progress
    last_run: RunSummary | None
    next_run: datetime
    activation: district_store.Activation

    @property
    def activation_warnings(self) -> tuple[str, ...]:
        """Onboarding steps 6-7 still open, which activating now skips over."""
        return warnings_for(self.onboarding)

    def as_dict(self) -> dict[str, Any]:
        current = self.onboarding.current
        return {
            "id": self.district.id,
            "name": self.district.name,
            "timezone": self.district.timezone,
            "onboarding": {
                "done": self.onboarding.done,
                "total": self.onboarding.total,
                "current": current.key if current else None,
                "overdue": [s.key for s in self.onboarding.overdue],
            },
            "last_run": _run_brief(self.last_run),
            "next_run": self.next_run.isoformat(),
            "activation": state_dict(self.activation),
        }


def _run_brief(run: RunSummary | None) -> dict[str, Any] | None:
    if run is None:
        return None
    return {
        "id": run.id,
        "status": run.status,
        "dry_run": run.dry_run,
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "counts": dict(run.counts),
    }


def next_nightly(district: District, now: datetime) -> datetime:
    """The next nightly run: today's or tomorrow's `nightly_at`, district time."""
    local = now.astimezone(district.tz)
    at = local.replace(
        hour=district.options.nightly_at.hour,
        minute=district.options.nightly_at.minute,
        second=0,
        microsecond=0,
    )
    return at if at > local else at + timedelta(days=1)


def summaries(engine: Engine, principal: Principal) -> list[DistrictSummary]:
    """Every district the caller may see, with onboarding, last and next run."""
    progress = onboarding.all_progress(engine)
    now = _now()
    with session_scope(engine, read_only=True) as session:
        visible = [d for d in district_store.list_districts(session) if principal.sees(d.id)]
        last = {d.id: next(iter(runs.list_runs(session, d.id, limit=1)), None) for d in visible}
        states = district_store.activations(session)
    return [
        DistrictSummary(d, progress[d.id], last[d.id], next_nightly(d, now), states[d.id])
        for d in visible
    ]


def summary(engine: Engine, district: District) -> DistrictSummary:
    progress = onboarding.progress(engine, district.id)
    assert progress is not None
    with session_scope(engine, read_only=True) as session:
        last = next(iter(runs.list_runs(session, district.id, limit=1)), None)
        state = district_store.activation(session, district.id)
    assert state is not None
    return DistrictSummary(district, progress, last, next_nightly(district, _now()), state)


def config_of(engine: Engine, district_id: str) -> dict[str, Any] | None:
    """The district's configuration document; the secret shows as a mask when stored."""
    with session_scope(engine, read_only=True) as session:
        district = district_store.get_district(session, district_id, include_learned=False)
        if district is None:
            return None
        stored = district_store.has_client_secret(session, district_id)
    document = config_document(district, secret_stored=stored)
    document["sis"].pop("client_secret", None)
    document["sis"]["client_secret_stored"] = stored
    return document


def group_history(engine: Engine, district_id: str) -> dict[str, group_members.Member]:
    with session_scope(engine, read_only=True) as session:
        return group_members.members(session, district_id)


def apply_config(
    engine: Engine,
    box: SecretBox,
    document: Any,
    *,
    by: str,
    source: str = "request body",
    sis_reads: SisReads | None = None,
) -> tuple[District, bool]:
    """Create or replace a district from a whole configuration document (and drop the
    console's remembered SIS reads of it, `sis_reads`). Raises `DistrictConfigError`
    listing every bad field."""
    config = DistrictConfig.parse(document, source=source)
    config.check_sis_policy(source=source)
    district, secret = config.to_domain()
    with session_scope(engine) as session:
        before = district_store.get_district(session, district.id, include_learned=False)
        sis_changed = secret_rebinding(
            before.sis if before else None,
            district.sis,
            secret_given=secret is not None,
            secret_stored=before is not None
            and district_store.has_client_secret(session, district.id),
            source=source,
        )
        created = district_store.save_district(session, district, secret, box)
        added, removed = group_members.reconcile(
            session, district.id, district.passback_group, by=by, now=_now()
        )
        audit.record(
            session,
            actor=by,
            district=district.id,
            action="district.created" if created else "district.configured",
            target=district.id,
            now=_now(),
            details={
                "secret_changed": secret is not None,
                "sis_changed": sis_changed,
                "group_added": added,
                "group_removed": removed,
            },
        )
    if sis_reads is not None:
        sis_reads.forget(district.id)
    log.info("district.configured", district=district.id, created=created, by=by)
    return district, created


def update_config(
    engine: Engine,
    box: SecretBox,
    district_id: str,
    changes: dict[str, Any],
    *,
    by: str,
    sis_reads: SisReads | None = None,
) -> District:
    """Change some top-level parts of the configuration (`sis` merges: a missing or empty
    client_secret keeps the stored one, unless the URLs or client id change, which need
    the secret again). Raises `DistrictConfigError` or `LookupError`."""
    current = config_of(engine, district_id)
    if current is None:
        raise LookupError(f"unknown district {district_id}")
    current["sis"].pop("client_secret_stored", None)
    document = {**current, **{k: v for k, v in changes.items() if k != "sis"}}
    if "sis" in changes:
        merged = {**current["sis"], **changes["sis"]}
        if not merged.get("client_secret"):
            merged.pop("client_secret", None)
        document["sis"] = merged
    district, _ = apply_config(
        engine, box, document, by=by, source="configuration", sis_reads=sis_reads
    )
    return district


def find_district(engine: Engine, district_id: str) -> District | None:
    """The district, or None when there is none of that id."""
    with session_scope(engine, read_only=True) as session:
        return district_store.get_district(session, district_id)
