"""A run's report on the terminal: the summary, then what needs someone's attention, names
first with ids beside them (Rich markup). The report itself (its JSON shape, the counts in
words) is `passback.core.report`'s."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from passback.core.plan import Action
from passback.core.reasons import Reason
from passback.core.report import ATTENTION, counts_sentence, skips_by_reasons

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
