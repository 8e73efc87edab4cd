"""`passback import FILE`: load assessments and scores from the platform's JSON format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Engine

from passback.cli import common
from passback.cli.common import CliError, guarded
from passback.cli.database import DatabaseUrl, open_engine, resolve, user_errors
from passback.intake.importer import ImportSummary, iter_errors
from passback.operations.ingest import ingest_file


def register(app: typer.Typer) -> None:
    """Attach the data commands to the root app."""
    app.command("import")(import_file)


@guarded
def import_file(
    file: Annotated[Path, typer.Argument(help="The JSON document to import; - reads stdin.")],
    district: Annotated[
        str | None,
        typer.Option(help="The district, when the document does not name it.", show_default=False),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON on stdout.")
    ] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Load assessments and scores; bad records are listed and the good ones kept."""
    with user_errors():
        engine = open_engine(resolve(database_url))
    summary = _run(engine, district, file)
    _report(summary)
    if as_json:
        common.print_json(summary.as_dict())
    if not summary.ok:
        raise typer.Exit(1)


def _run(engine: Engine, district: str | None, file: Path) -> ImportSummary:
    if str(file) == "-":
        return ingest_file(engine, district, sys.stdin.buffer)
    try:
        handle: BinaryIO = file.open("rb")
    except OSError as exc:
        raise CliError(f"cannot read {file}: {exc.strerror}") from None
    with handle:
        return ingest_file(engine, district, handle)


def _report(summary: ImportSummary) -> None:
    out = common.stderr
    table = Table(
        "",
        "stored",
        "stale, ignored",
        "rejected",
        "duplicates",
        title=f"import into {escape(summary.district or '?')}",
    )
    for name, counts in (("assessments", summary.assessments), ("scores", summary.scores)):
        table.add_row(
            name,
            *(str(n) for n in (counts.stored, counts.stale, counts.rejected, counts.duplicates)),
        )
    out.print(table)
    for line in iter_errors(summary):
        out.print(line, markup=False, highlight=False)
    if summary.duplicates:
        out.print(
            f"warning: {summary.duplicates} record(s) appear more than once in the file; "
            "the later one was kept",
            markup=False,
            highlight=False,
        )
    if summary.ids_trimmed:
        out.print(
            f"note: {summary.ids_trimmed} record(s) had blanks around an id; they were "
            "trimmed (' C-1' is stored as 'C-1')",
            markup=False,
            highlight=False,
        )
    if summary.problem:
        out.print(f"error: {summary.problem}", markup=False, highlight=False, style="bold red")
