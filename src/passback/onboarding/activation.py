"""Activating and pausing a district (docs/scheduling.md#activation, step 8 of
docs/console.md#onboarding-steps).

A district starts inactive. Until someone activates it, no nightly or on-change run starts
for it and real syncs are refused (`DistrictInactive`); dry runs always work. The CLI, the
console and the API all call `activate` / `deactivate` here: both are audited, and
activating warns (without refusing) when onboarding steps 6 and 7 are not done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import structlog
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from passback.core.clock import utc_now
from passback.onboarding.service import progress
from passback.onboarding.steps import TITLES, Progress, Status
from passback.store import audit
from passback.store import districts as district_store
from passback.store.db import session_scope
from passback.store.districts import Activation

log = structlog.get_logger(__name__)

# Steps that should be done before a district's first real run (step 8 of
# docs/console.md#onboarding-steps).
BEFORE_ACTIVATION = ("write_access", "integration_configured")


def activate_command(district_id: str) -> str:
    return f"passback district activate {district_id}"


class DistrictInactive(RuntimeError):
    """A real sync of a district that is not active: refused, nothing written."""

    def __init__(self, district_id: str) -> None:
        self.district = district_id
        super().__init__(
            f"district {district_id} is not active, so real syncs do not run for it; "
            f"activate it with `{activate_command(district_id)}` (or Activate on its "
            "console page). Dry runs work meanwhile (--dry-run)."
        )


@dataclass(frozen=True)
class ActivationChange:
    """The outcome of activating or pausing: the state now, whether it changed, and the
    onboarding steps still open that activation warns about."""

    district: str
    state: Activation
    changed: bool
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "district": self.district,
            "changed": self.changed,
            **state_dict(self.state),
            "warnings": list(self.warnings),
        }


def state_dict(state: Activation) -> dict[str, object]:
    """The activation state as the API returns it."""

    def iso(at: datetime | None) -> str | None:
        return at.isoformat() if at else None

    return {
        "active": state.active,
        "activated_at": iso(state.activated_at),
        "activated_by": state.activated_by,
        "paused_at": iso(state.paused_at),
        "paused_by": state.paused_by,
    }


def warnings_for(steps: Progress) -> tuple[str, ...]:
    """What activating now would skip over: onboarding steps 6 and 7 that are not done."""
    out = []
    for key in BEFORE_ACTIVATION:
        step = steps.step(key)
        if step.status is Status.DONE:
            continue
        if key == "write_access":
            why = "the SIS may refuse every write of the first run; run its check first"
        else:
            missing = [TITLES[k] for k in step.definition.requires if k in step.blocked_by]
            why = "waiting for " + ", ".join(missing) if missing else "not complete"
        title = TITLES[key]
        out.append(f"{title[0].upper()}{title[1:]} is not done: {why}.")
    return tuple(out)


def state(engine: Engine, district_id: str) -> Activation | None:
    with session_scope(engine, read_only=True) as session:
        return district_store.activation(session, district_id)


def ensure_active(session: Session, district_id: str) -> None:
    """Raise `DistrictInactive` unless the district is active (an unknown district is left
    to the caller's own not-found handling)."""
    found = district_store.activation(session, district_id)
    if found is not None and not found.active:
        raise DistrictInactive(district_id)


def activate(engine: Engine, district_id: str, *, by: str) -> ActivationChange:
    """Activate the district (nightly, on-change and real runs start). Raises
    `LookupError` for an unknown district."""
    steps = progress(engine, district_id)
    if steps is None:
        raise LookupError(f"no district {district_id!r}")
    warnings = warnings_for(steps)
    return _change(engine, district_id, True, by=by, warnings=warnings)


def deactivate(engine: Engine, district_id: str, *, by: str) -> ActivationChange:
    """Pause the district: no new nightly, on-change or real run until it is activated
    again. A run in progress finishes. Raises `LookupError` for an unknown district."""
    return _change(engine, district_id, False, by=by, warnings=())


def _change(
    engine: Engine, district_id: str, active: bool, *, by: str, warnings: tuple[str, ...]
) -> ActivationChange:
    now = utc_now()
    with session_scope(engine) as session:
        before = district_store.set_active(session, district_id, active, by=by, now=now)
        changed = before.active != active
        if changed:
            audit.record(
                session,
                actor=by,
                district=district_id,
                action="district.activated" if active else "district.deactivated",
                target=district_id,
                now=now,
                details={"warnings": list(warnings)} if active else {},
            )
        after = district_store.activation(session, district_id)
    assert after is not None
    if changed:
        log.info(
            "district.activated" if active else "district.deactivated",
            district=district_id,
            by=by,
            warnings=len(warnings),
        )
    return ActivationChange(district_id, after, changed, warnings if active else ())
