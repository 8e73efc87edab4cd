"""Districts, for every front end: applying a configuration (the command line's district
file, the console's forms, the API's PUT, the demo and the benchmarks all go through
`apply_config`), reading one back, and the operator's overview.

Applying validates the document (`DistrictConfig`, every bad field named), checks the SIS
URLs against the operator's outbound policy, saves the district, brings the dated passback
group up to date and writes one audit entry (`district.created` or `district.configured`,
target the district id). The client secret is write-only: it is stored encrypted and never
returned, and it is bound to the SIS it was entered for: changing the base URL, token URL or
client id without entering it again is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeAlias

import structlog
from sqlalchemy import Engine

from passback import onboarding
from passback.core.clock import Clock, utc_now
from passback.core.district_document import config_document
from passback.core.domain import District
from passback.core.report import RunSummary
from passback.intake.district_file import (
    DistrictConfig,
    DistrictConfigError,
    load_district_file,
    secret_rebinding,
)
from passback.intake.plain_errors import Problem
from passback.onboarding.activation import state_dict, warnings_for
from passback.oneroster.policy import SisPolicy
from passback.operations.accounts import Principal
from passback.operations.sis_reads import SisReads
from passback.secrets import SecretBox
from passback.store import audit, group_members, runs, sis_refusals
from passback.store import districts as district_store
from passback.store.audit import AuditEntry
from passback.store.db import session_scope
from passback.store.districts import Activation, MissingSecret

# Types the front ends name, re-exported so they need not reach into the store.
__all__ = [
    "Activation",
    "Applied",
    "AuditEntry",
    "DistrictConfigError",
    "DistrictDetails",
    "DistrictSummary",
    "MissingSecret",
]

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class DistrictSummary:
    district: District
    onboarding: onboarding.Progress
    last_run: RunSummary | None
    next_run: datetime
    activation: Activation

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
    now = utc_now()
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
    return DistrictSummary(district, progress, last, next_nightly(district, utc_now()), state)


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


@dataclass(frozen=True)
class Applied:
    """What applying a configuration did."""

    district: District
    created: bool
    secret_stored: bool  # a client secret is stored now (given now or kept)


# How the secret box is handed in: the box, or a way to open it when a secret is to be
# sealed (the command line opens the key only then, so a file without a secret needs none).
BoxSource: TypeAlias = SecretBox | Callable[[], SecretBox]


def apply_config(
    engine: Engine,
    box: BoxSource,
    document: Any,
    *,
    by: str,
    source: str = "request body",
    clock: Clock = utc_now,
    sis_reads: SisReads | None = None,
) -> Applied:
    """Create or replace a district from a whole configuration document (and drop the
    console's remembered SIS reads of it, `sis_reads`). Raises `DistrictConfigError`
    listing every bad field."""
    config = DistrictConfig.parse(document, source=source)
    return _apply(engine, box, config, by, source, clock, sis_reads)


def read_file(path: Path) -> DistrictConfig:
    """A district file, read and validated (no database needed: a bad file is refused before
    anything is created). Raises `DistrictConfigError` naming the file and every bad field."""
    return load_district_file(path)


def apply_file(
    engine: Engine,
    box: BoxSource,
    path: Path,
    *,
    by: str,
    clock: Clock = utc_now,
    config: DistrictConfig | None = None,
) -> Applied:
    """`apply_config` of a district file (`config`: the file as `read_file` read it); errors
    name the file."""
    return _apply(engine, box, config or read_file(path), by, str(path), clock, None)


def _apply(
    engine: Engine,
    box: BoxSource,
    config: DistrictConfig,
    by: str,
    source: str,
    clock: Clock,
    sis_reads: SisReads | None,
) -> Applied:
    refused = sis_url_problems(config.sis.base_url, config.sis.token_url)
    if refused:
        raise DistrictConfigError(source, refused)
    district, secret = config.to_domain()
    sealer = None  # the key is opened only when there is a secret to seal
    if secret is not None:
        sealer = box if isinstance(box, SecretBox) else box()
    now = clock()
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
        created = district_store.save_district(session, district, secret, sealer, now=now)
        added, removed = group_members.reconcile(
            session, district.id, district.passback_group, by=by, now=now
        )
        audit.record(
            session,
            actor=by,
            district=district.id,
            action="district.created" if created else "district.configured",
            target=district.id,
            now=now,
            details={
                "secret_changed": secret is not None,
                "sis_changed": sis_changed,
                "group_added": added,
                "group_removed": removed,
            },
        )
        stored = district_store.has_client_secret(session, district.id)
    if sis_reads is not None:
        sis_reads.forget(district.id)
    log.info("district.configured", district=district.id, created=created, by=by)
    return Applied(district, created, stored)


def sis_url_problems(base_url: str, token_url: str) -> list[Problem]:
    """The operator's outbound policy applied to the SIS URLs as written (docs/deployment.md):
    checked when a configuration is applied; stored URLs are checked again before every
    connection."""
    policy = SisPolicy.from_environment()
    found = []
    for name, url in (("base_url", base_url), ("token_url", token_url)):
        refused = policy.url_problem(url)
        if refused:
            found.append(Problem(f"sis.{name}", f"is refused by the operator's policy: {refused}"))
    origin = policy.token_origin_problem(base_url, token_url)
    if origin and not found:
        found.append(Problem("sis.token_url", origin))
    return found


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
    return apply_config(
        engine, box, document, by=by, source="configuration", sis_reads=sis_reads
    ).district


# --- reading districts -------------------------------------------------------------------


def get_district(
    engine: Engine, district_id: str, *, include_learned: bool = True
) -> District | None:
    """The district (its closed periods with those learned from the SIS, unless
    `include_learned=False`), or None."""
    with session_scope(engine, read_only=True) as session:
        return district_store.get_district(session, district_id, include_learned=include_learned)


def district_ids(engine: Engine) -> list[str]:
    """Every district's id, sorted."""
    with session_scope(engine, read_only=True) as session:
        return [d.id for d in district_store.list_districts(session)]


def learned_closed_periods(engine: Engine, district_id: str) -> list[dict[str, str]]:
    """Each grading period the SIS revealed closed, with when and the SIS's message."""
    with session_scope(engine, read_only=True) as session:
        return district_store.learned_closed_period_details(session, district_id)


@dataclass(frozen=True)
class DistrictDetails:
    """One district as `district show` prints it."""

    district: District
    document: dict[str, Any]  # the configuration, the secret masked
    learned: list[dict[str, str]]  # learned closed periods
    refused: dict[str, str]  # what the SIS refuses (capability -> message)
    activation: Activation


def details(engine: Engine, district_id: str, *, clock: Clock = utc_now) -> DistrictDetails | None:
    with session_scope(engine, read_only=True) as session:
        district = district_store.get_district(session, district_id, include_learned=False)
        if district is None:
            return None
        document = config_document(
            district, secret_stored=district_store.has_client_secret(session, district_id)
        )
        learned = district_store.learned_closed_period_details(session, district_id)
        refused = sis_refusals.refusals(session, district, clock())
        state = district_store.activation(session, district_id)
    assert state is not None
    return DistrictDetails(district, document, learned, refused, state)


def listing(engine: Engine) -> list[tuple[District, dict[str, Any], Activation]]:
    """Every district with its configuration document (secret masked) and activation."""
    with session_scope(engine, read_only=True) as session:
        rows = [
            (d, config_document(d, secret_stored=district_store.has_client_secret(session, d.id)))
            for d in district_store.list_districts(session)
        ]
        states = district_store.activations(session)
    return [(d, document, states[d.id]) for d, document in rows]


def audit_log(engine: Engine, district_id: str, *, limit: int = 50) -> list[AuditEntry]:
    """The district's audit entries, newest first."""
    with session_scope(engine, read_only=True) as session:
        return audit.recent(session, district_id, limit=limit)
