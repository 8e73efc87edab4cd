"""The benchmark's command line (`python benchmarks/run.py`): runs the steps, writes the
results where `--out` says and the tables into `--doc` (between its markers)."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness import tables
from harness.logs import quiet_logging
from harness.runner import BenchRun

STEPS = ("plan", "efficiency", "slow", "end_to_end")
# Relative to the current directory: run from the repository's root, these are the
# committed results, the page that shows them and the ignored work folder.
WORKDIR = "benchmarks/work"
OUTPUT = "benchmarks/results/passback_bench.json"
DOC = "docs/performance.md"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Run the benchmark of docs/performance.md and record its results.",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny sizes: checks the harness in seconds, measures nothing",
    )
    parser.add_argument("--only", help=f"comma-separated steps: {', '.join(STEPS)} (default: all)")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(WORKDIR),
        help=f"where generated districts and databases are kept (default: {WORKDIR})",
    )
    parser.add_argument(
        "--out", type=Path, default=Path(OUTPUT), help=f"results JSON (default: {OUTPUT})"
    )
    parser.add_argument(
        "--doc",
        type=Path,
        default=Path(DOC),
        help=f"Markdown file to put the tables in, between its markers (default: {DOC})",
    )
    parser.add_argument("--no-doc", action="store_true", help="leave every document alone")
    return parser


def _steps(parser: argparse.ArgumentParser, only: str | None) -> set[str] | None:
    if not only:
        return None
    steps = {s.strip() for s in only.split(",") if s.strip()}
    unknown = steps - set(STEPS)
    if unknown:
        parser.error(f"--only: unknown step(s) {', '.join(sorted(unknown))}")
    return steps


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    given = list(sys.argv[1:] if argv is None else argv)
    options = parser.parse_args(given)
    steps = _steps(parser, options.only)
    quiet_logging()
    output: Path = options.out
    command = " ".join(["python benchmarks/run.py", *(shlex.quote(a) for a in given)])
    run = BenchRun(
        options.workdir,
        preset="quick" if options.quick else "full",
        log=lambda message: print(message, file=sys.stderr),
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
    if not options.no_doc:
        tables.update_document(options.doc, rendered)
    print(rendered, end="")
    return 0
