"""`passback sync`, `runs`, `report`, `explain`: the sync engine's commands."""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from passback.cli import common
from passback.cli.common import guarded
from passback.onboarding.activation import DistrictInactive, ensure_active
from passback.reasons import Reason
from passback.report import ACTION_WORDS, render
from passback.secrets import SecretBox
from passback.settings import database_url
from passback.store import runs as run_store
from passback.store.db import make_engine, session_scope, upgrade
from passback.sync.explain import explain
from passback.sync.service import SyncRequest, SyncSettings, run_sync

DB_OPTION = typer.Option(
    None, "--database-url", envvar="PASSBACK_DATABASE_URL", help="SQLAlchemy database URL."
)


def open_database(url: str | None) -> tuple[Any, SecretBox, str]:
    resolved = url or database_url()
    engine = make_engine(resolved)
    upgrade(engine)
    return engine, SecretBox.for_database(resolved), resolved


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
    class_id: str | None = typer.Option(None, "--class", help="Only this class (sourcedId)."),
    teacher: str | None = typer.Option(None, "--teacher", help="Only this teacher's classes."),
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
    engine, box, _ = open_database(database_url)
    request = SyncRequest(
        district=district,
        class_id=class_id,
        teacher=teacher,
        dry_run=dry_run,
        as_of=_parse_date(as_of),
        trigger="cli",
        refresh_roster=refresh_roster,
    )
    if not dry_run:
        with session_scope(engine, read_only=True) as session:
            try:
                ensure_active(session, district)
            except DistrictInactive as exc:
                common.fail(str(exc), code=2)
    settings = SyncSettings(concurrency=concurrency)
    if sys.stderr.isatty() and not common.verbose():
        with RichProgress() as progress:
            report = asyncio.run(
                run_sync(engine, request, box=box, settings=settings, progress=progress)
            )
    else:
        report = asyncio.run(run_sync(engine, request, box=box, settings=settings))
    show_report(report, as_json=as_json, all_items=all_items)


def show_report(report: dict[str, Any], *, as_json: bool, all_items: bool = False) -> None:
    if as_json:
        # a run's items are read from the store as they are printed
        common.print_json({**report, "items": list(report["items"])})
    else:
        render(report, common.stdout, all_items=all_items)
    if report["status"] != "succeeded":
        raise typer.Exit(1)


@guarded
def runs_command(
    district: str = typer.Argument(..., help="District id."),
    limit: int = typer.Option(20, "--limit", min=1, help="How many runs, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON on stdout."),
    database_url: str | None = DB_OPTION,
) -> None:
    """A district's run history."""
    engine, _, _ = open_database(database_url)
    with session_scope(engine) as session:
        runs = run_store.list_runs(session, district, limit=limit)
    if as_json:
        common.print_json([r.as_dict() for r in runs])
        return
    table = Table(title=f"Runs of {district}", title_justify="left", header_style="bold")
    for col in ("run", "started (UTC)", "by", "as of", "status"):
        table.add_column(col, no_wrap=True)
    for col in ("sent", "skipped", "conflicts", "errors", "writes"):
        table.add_column(col, justify="right", no_wrap=True)
    for r in runs:
        c = r.counts
        table.add_row(
            r.id[:8],
            r.started_at.strftime("%m-%d %H:%M"),
            r.trigger + (" (dry)" if r.dry_run else ""),
            r.as_of.isoformat(),
            r.status,
            str(c.get("created", 0) + c.get("updated", 0)),
            str(c.get("skipped", 0)),
            str(c.get("conflicts", 0)),
            str(c.get("errors", 0)),
            str(r.api_calls.get("writes", 0)),
        )
    common.stdout.print(table)
    if not runs:
        common.stderr.print(f"No runs yet for {district}.")


@guarded
def report_command(
    run: str = typer.Argument(..., help="Run id (or an unambiguous prefix)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON on stdout."),
    action: str | None = typer.Option(None, "--action", help="Only items with this action."),
    reason: str | None = typer.Option(None, "--reason", help="Only items with this reason."),
    class_id: str | None = typer.Option(None, "--class", help="Only items of this class."),
    all_items: bool = typer.Option(False, "--all", help="List every item, not only problems."),
    database_url: str | None = DB_OPTION,
) -> None:
    """One run's report."""
    engine, _, _ = open_database(database_url)
    with session_scope(engine) as session:
        found = run_store.find_run(session, run)
        if found is None:
            raise common.CliError(f"no run {run!r}")
        report = run_store.get_report(
            session, found.id, action=action, reason=reason, class_id=class_id
        )
    assert report is not None
    show_report(report, as_json=as_json, all_items=all_items)


@guarded
def explain_command(
    district: str = typer.Argument(..., help="District id."),
    assessment: str = typer.Option(..., "--assessment", help="Assessment id."),
    student: str | None = typer.Option(None, "--student", help="Only this student's score."),
    as_of: str | None = typer.Option(None, "--as-of", help="Evaluate as of this date."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON on stdout."),
    database_url: str | None = DB_OPTION,
) -> None:
    """Every decision for one assessment (and student), with reasons and how to fix each."""
    engine, box, _ = open_database(database_url)
    explanation = asyncio.run(
        explain(engine, district, assessment, student=student, as_of=_parse_date(as_of), box=box)
    )
    if as_json:
        common.print_json(explanation)
        return
    out = common.stdout
    out.print(
        f"[bold]{assessment}[/] in district [bold]{district}[/] as of {explanation['as_of']}",
        highlight=False,
    )
    if not explanation["items"]:
        out.print("No decisions: the assessment is unknown, or the student has no score for it.")
    for row in explanation["items"]:
        who = f" · student {row['student']}" if row["student"] else ""
        verdict = ACTION_WORDS.get(row["action"], row["action"])
        out.print(
            f"\n[bold]{row['kind']}[/] · class {row['class']}{who}: [bold]{verdict}[/]",
            highlight=False,
        )
        if row["message"]:
            out.print(f"  {row['message']}", highlight=False)
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
    from passback.demo import run_demo

    run_demo(
        common.stdout, common.stderr, host=host, port=port, database_url=database_url, wait=wait
    )
