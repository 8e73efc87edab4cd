"""Run reports (SPEC §5): the JSON shape and the readable table.

A report lists every assessment–class pair as a `lineItem` item and every score as a
`result` item, each with its action, reason codes and a message that says how to fix it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

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

COUNT_ORDER = COUNT_NAMES
STATUS_STYLE = {"succeeded": "green", "partial": "yellow", "failed": "red", "running": "cyan"}
ACTION_STYLE = {
    Action.CREATE.value: "green",
    Action.UPDATE.value: "green",
    Action.DELETE.value: "magenta",
    Action.SKIP.value: "yellow",
    Action.CONFLICT.value: "bold yellow",
    Action.ERROR.value: "bold red",
}


def render(report: Mapping[str, Any], console: Console, *, all_items: bool = False) -> None:
    """A readable report: the summary, then what needs someone's attention (skips,
    conflicts, errors; with `all_items`, every item). Names first, ids beside them."""
    status = str(report["status"])
    kind = "Dry run" if report["dry_run"] else "Run"
    console.print(
        f"[bold]{kind} {report['run']}[/] · district [bold]{escape(str(report['district']))}[/]"
        f" · as of {report['as_of']} · [{STATUS_STYLE.get(status, 'white')}]{status}[/]",
        highlight=False,
    )
    if report.get("error"):
        console.print(f"[red]{escape(str(report['error']))}[/]", highlight=False)
    sentence = report.get("summary") or counts_sentence(
        report["counts"], report.get("counts_by_kind"), dry_run=bool(report["dry_run"])
    )
    console.print(sentence[:1].upper() + sentence[1:] + ".", highlight=False)
    calls = report.get("api_calls", {})
    console.print(
        f"API calls: {calls.get('reads', 0)} reads, {calls.get('writes', 0)} writes"
        + (f" · {report['duration_s']} s" if report.get("duration_s") is not None else ""),
        highlight=False,
    )

    items = list(report["items"])
    by_reasons = skips_by_reasons(items)
    if by_reasons:
        console.print(
            f"Skipped, by reason ({sum(by_reasons.values())} items, each counted once): "
            + " · ".join(
                f"{' + '.join(codes) or 'no reason'} {n}" for codes, n in by_reasons.most_common()
            ),
            highlight=False,
        )
    if all_items:
        _table(console, "Every assessment and score", items, with_student=True)
        _legend(console, items)
        return
    line_items = {
        (row["assessment"], row["class"]): row for row in items if row["kind"] == "lineItem"
    }
    problems = [r for r in items if r["kind"] == "lineItem" and r["action"] in ATTENTION]
    inherited = 0
    own: list[Mapping[str, Any]] = []
    for row in items:
        if row["kind"] != "result" or row["action"] not in ATTENTION:
            continue
        parent = line_items.get((row["assessment"], row["class"]))
        if (
            parent is not None
            and parent["action"] in ATTENTION
            and row["reasons"] == parent["reasons"]
        ):
            inherited += 1  # said once, on the assessment
        else:
            own.append(row)
    if problems:
        _table(console, "Assessments not sent (or needing attention)", problems)
    if own:
        _table(console, "Scores not sent (or needing attention)", own, with_student=True)
    if inherited:
        console.print(
            f"{inherited} more {'score was' if inherited == 1 else 'scores were'} not sent "
            "because their assessment was not.",
            highlight=False,
        )
    _legend(console, problems + own)


def named(row: Mapping[str, Any], key: str) -> str:
    """A cell with the name of the row's assessment, class or student and its id dimmed
    (rich markup); the id alone when no name is known."""
    sid = row.get(key)
    if not sid:
        return ""
    name = (row.get("names") or {}).get(key)
    if not name or name == sid:
        return escape(str(sid))
    return f"{escape(str(name))} [dim]({escape(str(sid))})[/]"


ATTENTION = ("skip", "conflict", "error")


def _table(
    console: Console,
    title: str,
    rows: list[Mapping[str, Any]],
    *,
    with_student: bool = False,
) -> None:
    table = Table(title=title, header_style="bold", title_justify="left")
    columns = ["assessment", "class", *(["student"] if with_student else []), "action", "why"]
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        style = ACTION_STYLE.get(row["action"], "")
        why = ", ".join(row["reasons"])
        if row["action"] in ("error", "conflict") and row.get("message"):
            extra = _own_message(row)
            if extra:
                why = f"{why}: {extra}" if why else extra
        cells = [named(row, "assessment"), named(row, "class")]
        if with_student:
            cells.append(named(row, "student"))
        cells += [f"[{style}]{row['action']}[/]" if style else row["action"], why]
        table.add_row(*cells)
    console.print(table)


def _own_message(row: Mapping[str, Any]) -> str:
    """The item's own words (a SIS message, a conflict), without the reasons' fix texts."""
    message = str(row.get("message") or "")
    for code in row["reasons"]:
        try:
            message = message.replace(Reason(code).message, "")
        except ValueError:
            continue
    return message.strip()


def _legend(console: Console, rows: list[Mapping[str, Any]]) -> None:
    codes = sorted({code for row in rows for code in row["reasons"]})
    if not codes:
        return
    console.print("\n[bold]How to fix[/]")
    for code in codes:
        try:
            console.print(f"  [bold]{code}[/]: {Reason(code).message}", highlight=False)
        except ValueError:
            continue
