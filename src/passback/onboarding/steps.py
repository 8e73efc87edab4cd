"""The onboarding steps of docs/console.md#onboarding-steps and how their state follows from what
was recorded.

Pure: `compute` takes the recorded steps, the date of the district's first real sync and
today's date, and returns every step's status, what blocks it, and whether it is overdue.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from passback.store.onboarding import StepRecord


class Kind(enum.StrEnum):
    MANUAL = "manual"  # people mark it
    CHECKED = "checked"  # done when its automatic check passes
    DERIVED = "derived"  # follows from other steps or from the runs


class Status(enum.StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"todo": "Not started", "in_progress": "In progress", "done": "Done"}[self.value]


@dataclass(frozen=True, slots=True)
class StepDef:
    key: str
    number: str
    title: str
    owner: str
    kind: Kind
    requires: tuple[str, ...] = ()
    check: str | None = None
    # Overdue when not done this many days after the steps it needs were done.
    expected_days: int | None = None
    help: str = ""


STEPS: tuple[StepDef, ...] = (
    StepDef(
        "register",
        "1",
        "Register the district with the SIS vendor",
        "Operator",
        Kind.MANUAL,
        help="Tell PowerSchool the district wants Universal Rostering for grade passback.",
    ),
    StepDef(
        "quote_received",
        "2",
        "SIS vendor quote for Universal Rostering received",
        "SIS vendor",
        Kind.MANUAL,
        requires=("register",),
        expected_days=21,
        help="PowerSchool usually sends the quote within 2-3 weeks of registration.",
    ),
    StepDef(
        "quote_signed",
        "3",
        "Quote signed by the district",
        "District",
        Kind.MANUAL,
        requires=("quote_received",),
    ),
    StepDef(
        "provisioned",
        "4",
        "SIS vendor confirms engagement; Universal Rostering provisioned",
        "SIS vendor",
        Kind.MANUAL,
        requires=("quote_signed",),
        help="Nothing of the technical setup can start before this.",
    ),
    StepDef(
        "plugin",
        "5a",
        "Plugin prepared with the Opportunity ID, installed, registered, enabled",
        "District",
        Kind.MANUAL,
        requires=("provisioned",),
        help="Record the district's Opportunity ID here, then download the plugin zip.",
    ),
    StepDef(
        "credentials",
        "5b",
        "Plugin client ID and secret entered",
        "Operator",
        Kind.CHECKED,
        requires=("provisioned",),
        check="connection",
        help="Checked: a token is obtained with them and the SIS answers a read.",
    ),
    StepDef(
        "category_mapping",
        "5c",
        "Category mapping complete",
        "District",
        Kind.CHECKED,
        requires=("provisioned",),
        check="categories",
        help="Checked against the SIS's district categories.",
    ),
    StepDef(
        "effective_date",
        "5d",
        "Effective date set",
        "District",
        Kind.CHECKED,
        requires=("provisioned",),
        check="effective_date",
    ),
    StepDef(
        "teacher_group",
        "5e",
        "Passback teacher group has members",
        "District",
        Kind.CHECKED,
        requires=("provisioned",),
        check="group",
        help="Checked: the group is not empty and its members are users in the SIS.",
    ),
    StepDef(
        "write_access",
        "6",
        "SIS write access enabled",
        "SIS vendor",
        Kind.CHECKED,
        requires=("credentials",),
        check="write_probe",
        help="Checked with a harmless probe: deleting a lineItem that cannot exist.",
    ),
    StepDef(
        "integration_configured",
        "7",
        "Integration configured",
        "passback",
        Kind.DERIVED,
        requires=("plugin", "credentials", "category_mapping", "effective_date", "teacher_group"),
        help="Done by itself once every part of step 5 is done.",
    ),
    StepDef(
        "first_sync",
        "8",
        "passback activated and first sync run",
        "Operator",
        Kind.DERIVED,
        requires=("write_access", "integration_configured"),
        help="Activate the district (Activate on its page, or `passback district activate`); "
        "done by itself once it is active and its first real (not dry) sync has run.",
    ),
    StepDef(
        "district_notified",
        "9",
        "District notified that the first sync completed",
        "passback",
        Kind.MANUAL,
        requires=("first_sync",),
        help="Marked when the contacts have been sent the first sync's report.",
    ),
)
BY_KEY: Mapping[str, StepDef] = {s.key: s for s in STEPS}
TITLES = {s.key: f"step {s.number} ({s.title})" for s in STEPS}


class StepError(ValueError):
    """A change the order or the step's kind does not allow; `field` names the input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class StepState:
    """A step as shown: its definition, what was recorded, and what follows from it."""

    definition: StepDef
    status: Status
    owner: str
    started_on: date | None = None
    done_on: date | None = None
    notes: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    last_check: Mapping[str, Any] | None = None
    blocked_by: tuple[str, ...] = ()
    due_on: date | None = None
    overdue: bool = False
    updated_by: str | None = None

    @property
    def key(self) -> str:
        return self.definition.key

    def as_dict(self) -> dict[str, Any]:
        d = self.definition
        return {
            "step": d.key,
            "number": d.number,
            "title": d.title,
            "kind": d.kind.value,
            "owner": self.owner,
            "status": self.status.value,
            "started_on": _iso(self.started_on),
            "done_on": _iso(self.done_on),
            "due_on": _iso(self.due_on),
            "overdue": self.overdue,
            "notes": self.notes,
            "data": dict(self.data),
            "last_check": dict(self.last_check) if self.last_check else None,
            "blocked_by": list(self.blocked_by),
            "requires": list(d.requires),
        }


@dataclass(frozen=True)
class Progress:
    steps: tuple[StepState, ...]

    @property
    def done(self) -> int:
        return sum(1 for s in self.steps if s.status is Status.DONE)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def current(self) -> StepState | None:
        """The first step that is not done."""
        return next((s for s in self.steps if s.status is not Status.DONE), None)

    @property
    def overdue(self) -> tuple[StepState, ...]:
        return tuple(s for s in self.steps if s.overdue)

    def step(self, key: str) -> StepState:
        return next(s for s in self.steps if s.key == key)

    def as_dict(self) -> dict[str, Any]:
        current = self.current
        return {
            "done": self.done,
            "total": self.total,
            "current": current.key if current else None,
            "overdue": [s.key for s in self.overdue],
            "steps": [s.as_dict() for s in self.steps],
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- computing the state ------------------------------------------------------------------


def compute(
    records: Mapping[str, StepRecord],
    *,
    first_sync: date | None,
    today: date,
    activated: date | None = None,
) -> Progress:
    """The state of every step from what was recorded, the date of the first real sync
    (if any), the date the district was last activated (None: never) and today's date in
    the district's time zone. Pure."""
    states: dict[str, StepState] = {}
    for d in STEPS:
        record = records.get(d.key, StepRecord(d.key))
        blocked = tuple(r for r in d.requires if states[r].status is not Status.DONE)
        status = Status(record.status)
        done_on = record.done_on
        if d.kind is Kind.DERIVED:
            status, done_on = _derived(d, states, first_sync, activated, blocked)
        elif blocked and status is Status.DONE:
            # Recorded before an earlier step was reopened: it cannot count as done.
            status = Status.IN_PROGRESS
        due_on = None
        if d.expected_days is not None and d.requires and not blocked:
            since = max(states[r].done_on or today for r in d.requires)
            due_on = since + timedelta(days=d.expected_days)
        states[d.key] = StepState(
            definition=d,
            status=status,
            owner=record.owner or d.owner,
            started_on=record.started_on,
            done_on=done_on if status is Status.DONE else None,
            notes=record.notes,
            data=record.data,
            last_check=record.last_check,
            blocked_by=blocked,
            due_on=due_on,
            overdue=due_on is not None and status is not Status.DONE and today > due_on,
            updated_by=record.updated_by,
        )
    return Progress(tuple(states[d.key] for d in STEPS))


def _derived(
    d: StepDef,
    states: Mapping[str, StepState],
    first_sync: date | None,
    activated: date | None,
    blocked: Sequence[str],
) -> tuple[Status, date | None]:
    if blocked:
        return Status.TODO, None
    dates = [day for r in d.requires if (day := states[r].done_on) is not None]
    required_done = max(dates, default=None)
    if d.key == "first_sync":
        # Pausing a district later does not undo this step: it records that it went live.
        if activated is None:
            return Status.TODO, None
        if first_sync is None:
            return Status.IN_PROGRESS, None
        return Status.DONE, max(first_sync, activated)
    return Status.DONE, required_done
