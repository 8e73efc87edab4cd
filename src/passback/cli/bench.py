"""`passback bench generate` and `passback bench run`: synthetic districts and the
benchmark of docs/performance.md."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from passback.cli import common
from passback.cli.common import guarded

app = typer.Typer(help="Synthetic districts and the performance benchmark.", no_args_is_help=True)
Opt = typer.Option


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="bench")


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise common.CliError(f"{option} must be a date YYYY-MM-DD, not {value!r}") from None


@app.command("generate")
@guarded
def generate_command(
    students: Annotated[int, Opt("--students", min=1, help="Number of students.")],
    output: Annotated[Path, Opt("--output", "-o", help="Folder to write the district to.")],
    seed: Annotated[int, Opt("--seed", help="The same seed gives the same district.")] = 1,
    district: Annotated[str, Opt("--district", help="The district's id.")] = "bench-1",
    per_period: Annotated[
        int, Opt("--per-period", min=1, help="Assessments per section and grading period.")
    ] = 8,
    as_of: Annotated[
        str | None, Opt("--as-of", help="Generate the year up to this date (YYYY-MM-DD).")
    ] = None,
    sis_url: Annotated[
        str, Opt("--sis-url", help="Where the sandbox will serve sis.json (for district.json).")
    ] = "http://127.0.0.1:8900",
) -> None:
    """Write a synthetic district: SIS fixture, platform data and district configuration."""
    from passback.bench.district import generate

    made = generate(
        output,
        students=students,
        seed=seed,
        district=district,
        per_period=per_period,
        as_of=_day(as_of, "--as-of"),
        sis_url=sis_url,
    )
    c = made.counts
    common.stderr.print(
        f"wrote {output}: {made.classes} classes, {made.enrollments} enrollments, "
        f"{c.assessments} assessments ({c.deleted} deleted), {c.scores} scores",
        highlight=False,
    )
    common.stderr.print(
        f"next: passback sandbox serve --data {made.sis} · passback district apply "
        f"{made.district} · passback import {made.platform} · passback sync {district} "
        f"--as-of {made.as_of}",
        highlight=False,
    )
