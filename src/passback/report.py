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
from rich.table import Table

from passback.plan import Action, PlanItem
from passback.reasons import Reason


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
        "run": run.id,
        "district": run.district,
        "trigger": run.trigger,
        "dry_run": run.dry_run,
        "as_of": run.as_of.isoformat(),
        "status": run.status,
        "scope": dict(run.scope),
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "duration_s": run.duration_s,
        "error": run.error,
        "counts": dict(run.counts),
        "api_calls": dict(run.api_calls),
        "items": [
            {**dict(row), "message": item_message(row.get("reasons", ()), row.get("message", ""))}
            for row in items
        ],
    }


COUNT_ORDER = ("created", "updated", "deleted", "unchanged", "skipped", "conflicts", "errors")
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
    conflicts, errors; with `all_items`, every item)."""
    status = str(report["status"])
    kind = "Dry run" if report["dry_run"] else "Run"
    console.print(
        f"[bold]{kind} {report['run']}[/] · district [bold]{report['district']}[/] · as of "
        f"{report['as_of']} · [{STATUS_STYLE.get(status, 'white')}]{status}[/]",
        highlight=False,
    )
    if report.get("error"):
        console.print(f"[red]{report['error']}[/]", highlight=False)
    counts = report["counts"]
    summary = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for name in COUNT_ORDER:
        summary.add_column(name, justify="right")
    summary.add_row(*(str(counts.get(name, 0)) for name in COUNT_ORDER))
    console.print(summary)
    calls = report.get("api_calls", {})
    console.print(
        f"API calls: {calls.get('reads', 0)} reads, {calls.get('writes', 0)} writes"
        + (f" · {report['duration_s']} s" if report.get("duration_s") is not None else ""),
        highlight=False,
    )

    items = list(report["items"])
    reasons = Counter(code for row in items for code in row["reasons"] if row["action"] != "error")
    if reasons:
        top = Table(title="Skip reasons", box=None, header_style="bold", title_justify="left")
        top.add_column("reason")
        top.add_column("items", justify="right")
        for code, n in reasons.most_common():
            top.add_row(code, str(n))
        console.print(top)

    shown = [row for row in items if all_items or row["action"] in ("skip", "conflict", "error")]
    if not shown:
        return
    table = Table(
        title="Items needing attention" if not all_items else "Items",
        header_style="bold",
        title_justify="left",
        expand=False,
    )
    for col in ("kind", "assessment", "class", "student", "action", "reasons", "message"):
        table.add_column(col, overflow="fold")
    for row in shown:
        style = ACTION_STYLE.get(row["action"], "")
        table.add_row(
            row["kind"],
            row["assessment"],
            row["class"],
            row["student"] or "",
            f"[{style}]{row['action']}[/]" if style else row["action"],
            ", ".join(row["reasons"]),
            row["message"],
        )
    console.print(table)
