"""`passback sync`, `runs`, `report`, `explain`: the sync engine's commands, over
`passback.operations` (syncs, reports, names)."""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from passback.cli import common
from passback.cli.common import guarded
from passback.cli.database import open_engine, resolve
from passback.cli.report_view import named, render
from passback.core.domain import District
from passback.core.plan import ACTIONS
from passback.core.reasons import Reason
from passback.core.report import ACTION_WORDS, ReportFilter, RunSummary
from passback.notify.settings import NotifySettings
from passback.operations import names, reports, syncs
from passback.operations.districts import get_district
from passback.operations.runtime import Runtime
from passback.operations.syncs import DistrictInactive, SyncRequest, SyncSettings
from passback.secrets import SecretBox

DB_OPTION = typer.Option(
    None, "--database-url", envvar="PASSBACK_DATABASE_URL", help="SQLAlchemy database URL."
)


def open_runtime(url: str | None) -> Runtime:
    """What these commands run with: the migrated database and its secret box."""
    resolved = resolve(url)
    return Runtime(
        open_engine(resolved), SecretBox.for_database(resolved), notify=NotifySettings.from_env()
    )


class RichProgress:
    """A progress bar on stderr for long runs (only when stderr is a terminal)."""

    def __init__(self) -> None:
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=common.stderr,
            transient=True,
        )
        self.task: Any = None

    def __enter__(self) -> RichProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def phase(self, name: str, total: int | None = None) -> None:
        if self.task is not None:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(name, total=total)

    def advance(self, n: int = 1) -> None:
        if self.task is not None:
            self.bar.advance(self.task, n)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise common.CliError(f"--as-of must be a date YYYY-MM-DD, not {value!r}") from None


@guarded
def sync_command(
    district: str = typer.Argument(..., help="District id."),
    class_id: str | None = typer.Option(
        None, "--class", help="Only this class (its sourcedId or exact name)."
    ),
    teacher: str | None = typer.Option(
        None, "--teacher", help="Only this teacher's classes (sourcedId or exact name)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Plan only; write nothing."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Evaluate as of this date (YYYY-MM-DD); default today there."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON on stdout."),
    all_items: bool = typer.Option(False, "--all", help="List every item, not only problems."),
    concurrency: int = typer.Option(8, "--concurrency", min=1, max=64, help="Parallel writes."),
    refresh_roster: bool = typer.Option(
        False, "--refresh-roster", help="Read the whole roster from the SIS, not the cache."
    ),
    database_url: str | None = DB_OPTION,
) -> None:
    """Run a sync now (the whole district, one class or one teacher). A real sync of a
    district that is not active exits 2 and writes nothing; dry runs always work."""
    runtime = open_runtime(database_url)
    class_id = class_id and _resolve(runtime, district, names.CLASS, class_id)
    teacher = teacher and _resolve(runtime, district, names.TEACHER, teacher)
    request = SyncRequest(
        district=district,
        class_id=class_id,
        teacher=teacher,
        dry_run=dry_run,
        as_of=_parse_date(as_of),
        trigger="cli",
        refresh_roster=refresh_roster,
    )
    settings = SyncSettings(concurrency=concurrency)
    try:
        if sys.stderr.isatty() and not common.verbose():
            with RichProgress() as progress:
                report = asyncio.run(
                    syncs.run_now(runtime, request, settings=settings, progress=progress)
                )
        else:
            report = asyncio.run(syncs.run_now(runtime, request, settings=settings))
    except DistrictInactive as exc:
        common.fail(str(exc), code=2)
    show_report(report, as_json=as_json, all_items=all_items)


def show_report(
    report: dict[str, Any], *, as_json: bool, all_items: bool = False, exit_on_status: bool = True
) -> None:
    """Print a report; a run that did not succeed exits 1 (`exit_on_status`: after a sync;
    reading an old report succeeds whatever the run's outcome)."""
    if as_json:
        # a run's items are read from the store as they are printed
        common.print_json({**report, "items": list(report["items"])})
    else:
        render(report, common.stdout, all_items=all_items)
    if exit_on_status and report["status"] != "succeeded":
        raise typer.Exit(1)


def _district(runtime: Runtime, district_id: str) -> District:
    found = get_district(runtime.engine, district_id)
    if found is None:
        raise common.CliError(
            f"no district {district_id!r} (passback district list shows the districts)"
        )
    return found


def _resolve(runtime: Runtime, district: str, kind: str, text: str) -> str:
    """The id meant by a name or id typed on the command line."""
    try:
        return names.resolve(runtime.engine, district, kind, text)
    except names.AmbiguousName as exc:
        raise common.CliError(str(exc)) from None


# the widest `passback runs` prints by default, and the width of its short run ids
RUNS_WIDTH = 80
SHORT_ID = 8


@guarded
def runs_command(
    district: str = typer.Argument(..., help="District id."),
    limit: int = typer.Option(20, "--limit", min=1, help="How many runs, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON on stdout."),
    wide: bool = typer.Option(False, "--wide", help="Full run ids and every count."),
    database_url: str | None = DB_OPTION,
) -> None:
    """A district's run history, newest first (times in the district's time zone)."""
    runtime = open_runtime(database_url)
    found = _district(runtime, district)
    runs = reports.history(runtime.engine, district, limit=limit)
    if as_json:
        common.print_json([r.as_dict() for r in runs])
        return
    if not runs:
        common.stderr.print(f"No runs yet for {district}.", highlight=False)
        return
    table = runs_table(runs, found.tz, wide=wide)
    if wide:  # as wide as the table needs (the terminal may wrap it), never cut
        Console(file=sys.stdout, width=max(common.stdout.width, 240)).print(table)
    else:
        common.stdout.print(table, highlight=False)


def runs_table(runs: list[RunSummary], tz: Any, *, wide: bool = False) -> Table:
    """Runs as a table: 80 columns with short ids (which `report` accepts), or `wide`."""
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("run", no_wrap=True)
    table.add_column("started", no_wrap=True)
    table.add_column("by", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("scores sent", justify="right", no_wrap=True)
    table.add_column("skipped", justify="right", no_wrap=True)
    table.add_column("errors", justify="right", no_wrap=True)
    if wide:
        table.add_column("as of", no_wrap=True)
        table.add_column("assessments sent", justify="right", no_wrap=True)
        table.add_column("conflicts", justify="right", no_wrap=True)
        table.add_column("writes", justify="right", no_wrap=True)
    for r in runs:
        kinds = r.counts_by_kind()
        scores, assessments = kinds.get("result"), kinds.get("lineItem")
        c = r.counts
        if scores is not None:
            sent = scores.get("created", 0) + scores.get("updated", 0)
        else:  # a run stored before counts were split by kind: every item
            sent = c.get("created", 0) + c.get("updated", 0)
        cells = [
            r.id if wide else r.id[:SHORT_ID],
            r.started_at.astimezone(tz).strftime("%Y-%m-%d %H:%M" if wide else "%m-%d %H:%M"),
            r.trigger,
            r.status,
            f"would {sent}" if r.dry_run else str(sent),
            str(c.get("skipped", 0)),
            str(c.get("errors", 0)),
        ]
        if wide:
            a_sent = (assessments or {}).get("created", 0) + (assessments or {}).get("updated", 0)
            cells += [
                r.as_of.isoformat(),
                f"would {a_sent}" if r.dry_run else str(a_sent),
                str(c.get("conflicts", 0)),
                str(r.api_calls.get("writes", 0)),
            ]
        table.add_row(*cells)
    return table


def _check_choice(option: str, value: str | None, valid: list[str]) -> None:
    if value is not None and value not in valid:
        raise common.CliError(f"{option} {value!r} is not one of: {', '.join(valid)}")


@guarded
def report_command(
    run: str = typer.Argument(..., help="Run id (or the short id `runs` prints)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON on stdout."),
    action: str | None = typer.Option(
        None, "--action", help=f"Only items with this action ({', '.join(ACTIONS)})."
    ),
    reason: str | None = typer.Option(
        None, "--reason", help="Only items with this reason code (docs/rules.md lists them)."
    ),
    class_id: str | None = typer.Option(
        None, "--class", help="Only items of this class (its id or its exact name)."
    ),
    student: str | None = typer.Option(
        None, "--student", help="Only this student's scores (id or exact name)."
    ),
    assessment: str | None = typer.Option(
        None, "--assessment", help="Only items of this assessment (id or exact title)."
    ),
    all_items: bool = typer.Option(False, "--all", help="List every item, not only problems."),
    database_url: str | None = DB_OPTION,
) -> None:
    """One run's report (reading it succeeds whatever the run's outcome)."""
    _check_choice("--action", action, list(ACTIONS))
    _check_choice("--reason", reason, [r.value for r in Reason])
    runtime = open_runtime(database_url)
    found = reports.runs_starting(runtime.engine, run)
    if len(found) != 1:
        raise common.CliError(_no_run(run, several=len(found) > 1))
    district = found[0].district
    wanted = ReportFilter(
        action=action,
        reason=reason,
        class_id=class_id and _resolve(runtime, district, names.CLASS, class_id),
        student=student and _resolve(runtime, district, names.STUDENT, student),
        assessment=assessment and _resolve(runtime, district, names.ASSESSMENT, assessment),
    )
    report = reports.report(runtime, found[0], wanted)
    show_report(report, as_json=as_json, all_items=all_items, exit_on_status=False)


def _no_run(run: str, *, several: bool) -> str:
    if several:
        return f"{run!r} is the start of more than one run id: give more of it"
    return f"no run {run!r} (passback runs DISTRICT lists the runs and their ids)"


@guarded
def explain_command(
    district: str = typer.Argument(..., help="District id."),
    assessment: str = typer.Option(..., "--assessment", help="Assessment id (or exact title)."),
    student: str | None = typer.Option(
        None, "--student", help="Only this student's score (id or exact name)."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Evaluate as of this date; default today in the district."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON on stdout."),
    database_url: str | None = DB_OPTION,
) -> None:
    """Every decision for one assessment (and student), with reasons and how to fix each."""
    runtime = open_runtime(database_url)
    _district(runtime, district)
    assessment = _resolve(runtime, district, names.ASSESSMENT, assessment)
    if student is not None:
        student = _resolve(runtime, district, names.STUDENT, student)
    try:
        explanation = asyncio.run(
            syncs.explain(runtime, district, assessment, student=student, as_of=_parse_date(as_of))
        )
    except syncs.SisUnavailable as exc:
        raise common.CliError(f"the SIS could not be read: {exc}") from None
    if not explanation["known"]:
        raise common.CliError(
            f"no assessment {assessment!r} in district {district!r} "
            "(passback import loads the platform's assessments)"
        )
    if student is not None and not any(r["student"] == student for r in explanation["items"]):
        raise common.CliError(
            f"student {student!r} has no score for assessment {assessment!r} in {district!r}"
        )
    if as_json:
        common.print_json(explanation)
        return
    out = common.stdout
    title = explanation["names"]["assessment"]
    out.print(
        f"[bold]{escape(title)}[/] ({escape(assessment)}) in district [bold]{escape(district)}[/]"
        f" as of {explanation['as_of']}",
        highlight=False,
    )
    for row in explanation["items"]:
        who = f" · student {named(row, 'student')}" if row["student"] else ""
        what = "assessment" if row["kind"] == "lineItem" else "score"
        verdict = ACTION_WORDS.get(row["action"], row["action"])
        out.print(
            f"\n[bold]{what}[/] · class {named(row, 'class')}{who}: [bold]{verdict}[/]",
            highlight=False,
        )
        if row["message"]:
            out.print(f"  {escape(row['message'])}", highlight=False)
        for code in row["reasons"]:
            out.print(f"  • {code}: {Reason(code).message}", highlight=False)


def register(app: typer.Typer) -> None:
    """Attach the sync commands to the root app."""
    app.command("sync")(sync_command)
    app.command("runs")(runs_command)
    app.command("report")(report_command)
    app.command("explain")(explain_command)
    app.command("demo")(demo_command)


@guarded
def demo_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Where the sandbox listens."),
    port: int = typer.Option(8900, "--port", help="Sandbox port (any free one if taken)."),
    database_url: str | None = typer.Option(
        None, "--database-url", help="Database for the demo (default: a new SQLite file)."
    ),
    wait: bool = typer.Option(True, "--wait/--no-wait", help="Keep running until Ctrl-C."),
) -> None:
    """The whole product on one machine: sandbox SIS, sample district, a sync, its report."""
    from passback.demo.run import run_demo

    run_demo(
        common.stdout,
        common.stderr,
        host=host,
        port=port,
        database_url=database_url,
        wait=wait,
        show_report=render,
    )
