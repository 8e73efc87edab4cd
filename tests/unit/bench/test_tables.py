"""The benchmark's tables (benchmarks/harness/tables.py), rendered from the committed full
results: every step's table, in order, each row as wide as its header. Pure: no run."""

from __future__ import annotations

import json
from pathlib import Path

from harness.tables import render

RESULTS = Path(__file__).parents[3] / "benchmarks" / "results" / "passback_bench.json"
TITLES = (
    "**Plan throughput** (",
    "**Plan throughput of the machine**",
    "**Import** (",
    "**Write and read efficiency** (",
    "**Against a slow SIS** (",
    "**End to end** (",
)


def test_every_step_has_its_table_in_order() -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    text = render(results, "python benchmarks/run.py")
    assert text.startswith("Command: `python benchmarks/run.py` (preset `full`)")
    where = [text.index(title) for title in TITLES]
    assert where == sorted(where)
    tables: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    tables = [table for table in tables if table]
    assert len(tables) == len(TITLES)
    for head, rule, *rows in tables:
        width = head.count("|")
        assert rule == "|" + "---|" * (width - 1)
        assert rows and all(row.count("|") == width for row in rows)
    assert len(text.splitlines()) > 40


def test_steps_that_did_not_run_leave_no_table() -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    only_plan = {k: v for k, v in results.items() if k not in ("efficiency", "slow_sis")}
    text = render(only_plan, "x")
    assert "**Write and read efficiency**" not in text
    assert "**Against a slow SIS**" not in text
    assert "**End to end**" in text
