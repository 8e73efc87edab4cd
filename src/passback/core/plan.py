"""What a plan is made of: the actions, the plan's items and their counts (the one action
vocabulary every report, front end and metric uses), pure. `passback.core.planner` makes
plans.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from passback.core.domain import LedgerEntry, ObjectKind
from passback.core.reasons import Reason


class Action(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    UNCHANGED = "unchanged"
    SKIP = "skip"
    CONFLICT = "conflict"
    ERROR = "error"


WRITES = frozenset({Action.CREATE, Action.UPDATE, Action.DELETE})
LI = ObjectKind.LINE_ITEM
RES = ObjectKind.RESULT


# One per lineItem and per result (millions in a large run): a plain slotted dataclass, since
# a frozen one costs five times as much to build. Items are read-only by convention; the apply
# step replaces an item (`dataclasses.replace`) rather than changing it.
@dataclass(slots=True)
class PlanItem:
    kind: ObjectKind
    action: Action
    assessment: str
    class_id: str
    student: str | None
    sourced_id: str
    reasons: tuple[Reason, ...] = ()
    message: str = ""
    payload: Mapping[str, Any] | None = None
    # the ledger entry to record once the write succeeds (or, for an unchanged object whose
    # ledger lags behind the SIS, right away)
    record: LedgerEntry | None = None
    line_item: str | None = None
    details: Mapping[str, Any] | None = None

    @property
    def writes(self) -> bool:
        return self.action in WRITES


@dataclass
class Plan:
    district: str
    items: list[PlanItem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return count_actions(self.items)

    def writes(self, kind: ObjectKind, action: Action) -> list[PlanItem]:
        return [i for i in self.items if i.kind is kind and i.action is action]


# each action's name in a report's counts (docs/sync.md#the-report), in the report's order
COUNT_OF_ACTION: dict[str, str] = {
    Action.CREATE.value: "created",
    Action.UPDATE.value: "updated",
    Action.DELETE.value: "deleted",
    Action.UNCHANGED.value: "unchanged",
    Action.SKIP.value: "skipped",
    Action.CONFLICT.value: "conflicts",
    Action.ERROR.value: "errors",
}


# the vocabulary everywhere else (CLI options, API and console filters, report counts,
# metrics) is derived from `Action` and `COUNT_OF_ACTION`, in this order
ACTIONS: tuple[str, ...] = tuple(a.value for a in Action)
COUNT_NAMES: tuple[str, ...] = tuple(COUNT_OF_ACTION.values())
WRITE_ACTIONS: frozenset[str] = frozenset(a.value for a in WRITES)


def count_actions(items: Iterable[PlanItem]) -> dict[str, int]:
    counts = dict.fromkeys(COUNT_OF_ACTION.values(), 0)
    for item in items:
        counts[COUNT_OF_ACTION[item.action.value]] += 1
    return counts
