"""Run reports (docs/sync.md#the-report): the JSON shape, the counts in words and the run's summary;
the readable table is the CLI's (`passback.cli.report_view`).

A report lists every assessment–class pair as a `lineItem` item and every score as a
`result` item, each with its action, reason codes and a message that says how to fix it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from passback.core.plan import COUNT_NAMES, COUNT_OF_ACTION, Action, PlanItem
from passback.core.reasons import Reason


@dataclass(frozen=True)
class RunSummary:
    """A run as stored: who, when, what, how it ended."""

    id: str
    district: str
    trigger: str
    dry_run: bool
    as_of: date
    status: str
    started_at: datetime
    finished_at: datetime | None = None
    scope: Mapping[str, Any] = field(default_factory=dict)
    counts: Mapping[str, int] = field(default_factory=dict)
    api_calls: Mapping[str, int] = field(default_factory=dict)
    error: str | None = None
    # kind (lineItem | result) -> action (create, skip, …) -> items; empty for older runs
    by_kind: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The run without its items: the head of a report, a row of the history."""
        return {
            "run": self.id,
            "district": self.district,
            "trigger": self.trigger,
            "dry_run": self.dry_run,
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "scope": dict(self.scope),
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "duration_s": self.duration_s,
            "error": self.error,
            "counts": dict(self.counts),
            "counts_by_kind": self.counts_by_kind(),
            "summary": counts_sentence(self.counts, self.counts_by_kind(), dry_run=self.dry_run),
            "api_calls": dict(self.api_calls),
        }

    def counts_by_kind(self) -> dict[str, dict[str, int]]:
        """The counts split into lineItems (assessments) and results (scores); {} for runs
        stored before the split was kept."""
        return {
            kind: {name: int(actions.get(a, 0)) for a, name in COUNT_OF_ACTION.items()}
            for kind, actions in self.by_kind.items()
        }

    @property
    def duration_s(self) -> float | None:
        if self.finished_at is None:
            return None
        return round((self.finished_at - self.started_at).total_seconds(), 3)


# every action an item of a report can have, in the order people read them


@dataclass(frozen=True)
class ReportFilter:
    """Which of a run's items a report shows, the one definition every front end fills (the
    CLI's options, the API's and the console's query) and the operations apply. Empty
    fields filter nothing. Ids, except where a front end says it takes names.

    The store applies action, reason, class, assessment and student; `teacher` (the classes
    a teacher teaches and the assessments they assigned) needs the SIS, so the operation
    reading the report applies it."""

    action: str | None = None
    reason: str | None = None
    class_id: str | None = None
    teacher: str | None = None
    assessment: str | None = None
    student: str | None = None

    def __post_init__(self) -> None:
        # blank means "not filtered", whichever front end filled it
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None and not value.strip():
                object.__setattr__(self, f.name, None)

    def query(self, *, blanks: bool = False) -> dict[str, str]:
        """The filters set by their query-string names (`class`, …), in the fields' order;
        with `blanks`, every filter, "" when not set (a form's values)."""
        out = {_query_name(f.name): getattr(self, f.name) for f in fields(self)}
        return {k: v or "" for k, v in out.items() if blanks or v is not None}

    @property
    def in_store(self) -> ReportFilter:
        """The part the store applies (everything but the teacher)."""
        return replace(self, teacher=None)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))


def _query_name(field_name: str) -> str:
    """A filter's name in a query string and on the command line (`class` is a Python
    keyword, so the field is `class_id`)."""
    return "class" if field_name == "class_id" else field_name


def item_message(reasons: Iterable[str], message: str) -> str:
    """The item's own message (a SIS error, a conflict) followed by how to fix each reason."""
    parts = [message] if message else []
    for code in reasons:
        try:
            parts.append(Reason(code).message)
        except ValueError:
            continue
    return " ".join(parts)


def item_row(item: PlanItem) -> dict[str, Any]:
    """One report item as stored and as printed in JSON."""
    row: dict[str, Any] = {
        "kind": item.kind.value,
        "assessment": item.assessment,
        "class": item.class_id,
        "student": item.student,
        "action": item.action.value,
        "reasons": [r.value for r in item.reasons],
        "message": item.message,
        "sourcedId": item.sourced_id,
    }
    if item.details:
        row["details"] = dict(item.details)
    return row


def report_dict(run: RunSummary, items: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    return {
        **run.as_dict(),
        "items": [
            {**dict(row), "message": item_message(row.get("reasons", ()), row.get("message", ""))}
            for row in items
        ],
    }


# what people call each kind of item (the JSON keeps OneRoster's lineItem / result)
KIND_WORDS = {"lineItem": ("assessment", "assessments"), "result": ("score", "scores")}
_DONE = {
    "created": "created",
    "updated": "updated",
    "deleted": "deleted from the SIS",
    "unchanged": "unchanged",
    "skipped": "skipped",
    "conflicts": "changed in the SIS by a teacher (left as they are)",
    "errors": "refused by the SIS",
}
_WOULD = {"created": "would create", "updated": "would update", "deleted": "would delete"}


def counted(n: int, kind: str) -> str:
    """A count in people's words for the kind: 1 assessment, 203 scores."""
    one, many = KIND_WORDS.get(kind, ("item", "items"))
    return f"{n} {one if n == 1 else many}"


def counts_sentence(
    counts: Mapping[str, int],
    by_kind: Mapping[str, Mapping[str, int]] | None = None,
    *,
    dry_run: bool,
) -> str:
    """The counts for people, split by kind and each item counted once: "3 assessments,
    203 scores created; 2 assessments, 52 scores skipped"; a dry run "would create …"."""
    parts = []
    for name in COUNT_ORDER:
        total = int(counts.get(name, 0))
        if not total:
            continue
        split = [
            counted(int(by_kind[kind].get(name, 0)), kind)
            for kind in KIND_WORDS
            if by_kind and kind in by_kind and by_kind[kind].get(name)
        ]
        what = ", ".join(split) if by_kind else counted(total, "item")
        if dry_run and name in _WOULD:
            parts.append(f"{_WOULD[name]} {what}")
        else:
            parts.append(f"{what} {_DONE[name]}")
    return "; ".join(parts) if parts else "nothing to do"


def skips_by_reasons(items: Iterable[Mapping[str, Any]]) -> Counter[tuple[str, ...]]:
    """Skipped items by their set of reasons: each item counted once, so the numbers add
    up to the skipped count however many reasons an item has."""
    return Counter(tuple(sorted(row["reasons"])) for row in items if row["action"] == "skip")


ACTION_WORDS = {
    "create": "would be sent (new in the SIS)",
    "update": "would be sent (changed since it was last sent)",
    "delete": "would be removed from the SIS",
    "unchanged": "in the SIS and up to date",
    "skip": "not sent",
    "conflict": "changed in the SIS by a teacher; left as it is",
    "error": "refused by the SIS",
}

# The console's words for the same vocabulary: the column heading of each count (done, and
# in a dry run) and what happened to the items of each action, in its run summaries.
COUNT_HEADINGS = {
    "created": ("Created", "Would create"),
    "updated": ("Updated", "Would update"),
    "deleted": ("Deleted", "Would delete"),
    "unchanged": ("Unchanged", "Unchanged"),
    "skipped": ("Skipped", "Skipped"),
    "conflicts": ("Conflicts", "Conflicts"),
    "errors": ("Errors", "Errors"),
}
ACTION_DONE = {
    "create": "created",
    "update": "updated",
    "delete": "deleted",
    "unchanged": "unchanged",
    "skip": "skipped",
    "conflict": "in conflict",
    "error": "failed",
}

# the actions that need someone: what a report shows unless asked for every item
ATTENTION = (Action.SKIP.value, Action.CONFLICT.value, Action.ERROR.value)
# what a later run can turn a problem into: the item reached the SIS as it should
SETTLED = (Action.CREATE.value, Action.UPDATE.value, Action.UNCHANGED.value)
COUNT_ORDER = COUNT_NAMES
