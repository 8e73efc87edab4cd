"""The benchmark's results as Markdown tables, and their place in docs/performance.md
(between the `bench:begin` and `bench:end` markers; the prose around them is kept)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"


def _n(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.3g}" if value < 10 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_n(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _met(ok: bool) -> str:
    return "met" if ok else "**missed**"


Lines = list[str]


def _header(results: dict[str, Any], command: str) -> Lines:
    machine = results["machine"]
    return [
        f"Command: `{command}` (preset `{results['preset']}`), {results['started_at']} to "
        f"{results.get('finished_at', '?')}; Python {machine['python']}, {machine['cpus']} CPUs, "
        f"load average at start {machine['load_average']}.",
        "",
    ]


def _plan(plan: list[dict[str, Any]]) -> Lines:
    head = [
        "scores",
        "classes",
        "batches",
        "first run /s",
        "first run /CPU s",
        "nightly /s",
        "nightly /CPU s",
        "nightly writes",
        "load /s",
        "peak RSS MB",
    ]
    keys = (
        "scores",
        "classes",
        "batches",
        "first_scores_per_s",
        "first_scores_per_cpu_s",
        "nightly_scores_per_s",
        "nightly_scores_per_cpu_s",
        "nightly_writes",
        "load_scores_per_s",
        "peak_rss_mb",
    )
    return [
        "**Plan throughput** (rules + planner, per second of wall time and of CPU time)",
        "",
        *_table(head, [[r[k] for k in keys] for r in plan]),
    ]


def _plan_workers(workers: dict[str, Any]) -> Lines:
    each = "; ".join(
        f"{e['first_scores_per_s']:,}, {e['nightly_scores_per_s']:,}" for e in workers["each"]
    )
    row = [
        workers["workers"],
        workers["first_scores_per_s"],
        workers["nightly_scores_per_s"],
        each,
    ]
    return [
        f"**Plan throughput of the machine**: {workers['workers']} processes at once, each "
        f"planning {workers['scores_each']:,} scores (as {workers['workers']} workers "
        "planning districts side by side do); scores per second, all processes together",
        "",
        *_table(["workers", "first run /s", "nightly /s", "each: first /s, nightly /s"], [row]),
    ]


def _import(imported: dict[str, Any], targets: dict[str, Any]) -> Lines:
    head = ["scores", "file MB", "seconds", "scores/s", "scores/CPU s", "peak RSS MB", "target"]
    keys = ("scores", "file_mb", "seconds", "scores_per_s", "scores_per_cpu_s", "peak_rss_mb")
    met = _met(imported["scores_per_s"] >= targets["import_scores_per_s"])
    return [
        "**Import** (`passback import` of the generated file into a fresh SQLite)",
        "",
        *_table(head, [[*(imported[k] for k in keys), met]]),
    ]


def _efficiency(efficiency: dict[str, Any]) -> Lines:
    head = [
        "run",
        "writes",
        "objects changed",
        "write efficiency",
        "reads",
        "classes",
        "gradebook reads/class",
        "roster reads",
    ]
    rows = [
        [
            r["run"],
            r["writes"],
            r["objects_changed"],
            r["write_efficiency"],
            r["reads"],
            r["classes_touched"],
            # results of older runs lack the split of reads
            r.get("gradebook_reads_per_class", r["reads_per_class"]),
            r.get("roster_reads", r["reads_beyond_one_per_class"]),
        ]
        for r in efficiency["runs"]
    ]
    return [
        f"**Write and read efficiency** ({efficiency['district']['students']} students, "
        f"{efficiency['scores']:,} scores; writes ÷ objects whose content changed; "
        "gradebook reads per class whose gradebook was read; roster reads: the roster's and "
        "the lineItem cache's reads, a fixed number per run)",
        "",
        *_table(head, rows),
    ]


def _slow_sis(slow: dict[str, Any]) -> Lines:
    head = [
        "latency ms",
        "concurrency",
        "writes",
        "limit /s",
        "passback /s",
        "of limit",
        "plain httpx /s",
        "passback ÷ plain",
        "whole run /s",
        "CPU ms/write passback",
        "CPU ms/write plain",
    ]
    keys = (
        "latency_ms",
        "concurrency",
        "writes",
        "limit_writes_per_s",
        "passback_writes_per_s",
        "passback_share_of_limit",
        "plain_httpx_writes_per_s",
        "passback_vs_plain",
        "run_writes_per_s",
    )
    optional = ("passback_cpu_ms_per_write", "plain_cpu_ms_per_write")
    rows = [[*(r[k] for k in keys), *(r.get(k) for k in optional)] for r in slow["rows"]]
    return [
        "**Against a slow SIS** (writes per second while writing, the better of two runs "
        "each; CPU ms per write of the client's process: passback's whole run, plain "
        "httpx's PUTs)",
        "",
        *_table(head, rows),
    ]


def _end_to_end(e2e: dict[str, Any]) -> Lines:
    district = e2e["district"]
    head = [
        "run",
        "seconds",
        "share waiting on the SIS",
        "writes",
        "reads",
        "batches",
        "peak RSS MB",
    ]
    keys = ("seconds", "waiting_share", "writes", "reads", "batches", "peak_rss_mb")
    rows = [[name, *(e2e[name][k] for k in keys)] for name in ("first sync", "nightly sync")]
    return [
        f"**End to end** ({district['students']:,} students, {district['classes']:,} "
        f"classes, {district['scores']:,} scores; sandbox without added latency)",
        "",
        *_table(head, rows),
    ]


def render(results: dict[str, Any], command: str) -> str:
    """The results as Markdown: a header line, then one table per step that ran."""
    out = _header(results, command)
    if results.get("plan"):
        out += _plan(results["plan"])
    if results.get("plan_workers"):
        out += _plan_workers(results["plan_workers"])
    if results.get("import"):
        out += _import(results["import"], results["targets"])
    if results.get("efficiency"):
        out += _efficiency(results["efficiency"])
    if results.get("slow_sis"):
        out += _slow_sis(results["slow_sis"])
    if results.get("end_to_end"):
        out += _end_to_end(results["end_to_end"])
    return "\n".join(out).rstrip() + "\n"


def update_document(path: Path, tables: str) -> None:
    """Put the tables between the markers (appended with them when the file has none)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{BEGIN}\n{tables}{END}"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text = (text.rstrip() + "\n\n" if text else "") + block + "\n"
    path.write_text(text, encoding="utf-8")
