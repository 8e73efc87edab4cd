"""`passback bench generate` and `passback bench run`: synthetic districts and the
benchmark of docs/performance.md."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

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


_WORKDIR = "benchmarks/work"
_OUTPUT = "benchmarks/results/passback_bench.json"
_DOC = "docs/performance.md"


@app.command("run")
@guarded
def run_command(
    workdir: Annotated[
        Path, Opt("--workdir", help="Where generated districts and databases are kept.")
    ] = Path(_WORKDIR),
    quick: Annotated[
        bool, Opt("--quick", help="Tiny sizes: checks the harness in seconds, measures nothing.")
    ] = False,
    only: Annotated[
        str | None,
        Opt("--only", help="Comma-separated: plan, efficiency, slow, end_to_end (default: all)."),
    ] = None,
    output: Annotated[Path, Opt("--output", help="Results JSON.")] = Path(
        "benchmarks/results/passback_bench.json"
    ),
    doc: Annotated[
        Path | None, Opt("--doc", help="Markdown file to put the tables in (between markers).")
    ] = Path(_DOC),
) -> None:
    """Run the benchmark of docs/performance.md and record its results."""
    import json
    import shlex

    from passback.bench import tables
    from passback.bench.runner import BenchRun

    steps = None
    if only:
        steps = {s.strip() for s in only.split(",") if s.strip()}
        unknown = steps - {"plan", "efficiency", "slow", "end_to_end"}
        if unknown:
            raise common.CliError(f"--only: unknown step(s) {', '.join(sorted(unknown))}")
    given = [
        *(["--quick"] if quick else []),
        *(["--only", only] if only else []),
        *(["--workdir", str(workdir)] if workdir != Path(_WORKDIR) else []),
        *(["--output", str(output)] if output != Path(_OUTPUT) else []),
        *(["--doc", str(doc)] if doc != Path(_DOC) else []),
    ]
    command = " ".join(["passback bench run", *(shlex.quote(a) for a in given)])
    run = BenchRun(
        workdir, preset="quick" if quick else "full", log=lambda m: common.stderr.print(m)
    )
    previous = None
    if steps is not None and output.exists():
        previous = json.loads(output.read_text(encoding="utf-8"))

    def save(results: dict[str, Any]) -> None:
        results["command"] = command
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    results = run.run(steps, previous=previous, save=save)
    save(results)
    rendered = tables.render(results, command)
    if doc is not None:
        tables.update_document(doc, rendered)
    common.stdout.print(rendered, highlight=False, markup=False)
