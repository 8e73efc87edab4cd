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


def render(results: dict[str, Any], command: str) -> str:
    targets = results["targets"]
    machine = results["machine"]
    out = [
        f"Command: `{command}` (preset `{results['preset']}`), {results['started_at']} to "
        f"{results.get('finished_at', '?')}; Python {machine['python']}, {machine['cpus']} CPUs, "
        f"load average at start {machine['load_average']}.",
        "",
    ]
    plan = results.get("plan")
    if plan:
        out += [
            "**Plan throughput** (rules + planner, per second of wall time and of CPU time)",
            "",
        ]
        out += _table(
            [
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
            ],
            [
                [
                    r["scores"],
                    r["classes"],
                    r["batches"],
                    r["first_scores_per_s"],
                    r["first_scores_per_cpu_s"],
                    r["nightly_scores_per_s"],
                    r["nightly_scores_per_cpu_s"],
                    r["nightly_writes"],
                    r["load_scores_per_s"],
                    r["peak_rss_mb"],
                ]
                for r in plan
            ],
        )
    workers = results.get("plan_workers")
    if workers:
        out += [
            f"**Plan throughput of the machine**: {workers['workers']} processes at once, each "
            f"planning {workers['scores_each']:,} scores (as {workers['workers']} workers "
            "planning districts side by side do); scores per second, all processes together",
            "",
        ]
        out += _table(
            ["workers", "first run /s", "nightly /s", "each: first /s, nightly /s"],
            [
                [
                    workers["workers"],
                    workers["first_scores_per_s"],
                    workers["nightly_scores_per_s"],
                    "; ".join(
                        f"{e['first_scores_per_s']:,}, {e['nightly_scores_per_s']:,}"
                        for e in workers["each"]
                    ),
                ]
            ],
        )
    imported = results.get("import")
    if imported:
        out += ["**Import** (`passback import` of the generated file into a fresh SQLite)", ""]
        out += _table(
            ["scores", "file MB", "seconds", "scores/s", "scores/CPU s", "peak RSS MB", "target"],
            [
                [
                    imported["scores"],
                    imported["file_mb"],
                    imported["seconds"],
                    imported["scores_per_s"],
                    imported["scores_per_cpu_s"],
                    imported["peak_rss_mb"],
                    _met(imported["scores_per_s"] >= targets["import_scores_per_s"]),
                ]
            ],
        )
    efficiency = results.get("efficiency")
    if efficiency:
        out += [
            f"**Write and read efficiency** ({efficiency['district']['students']} students, "
            f"{efficiency['scores']:,} scores; writes ÷ objects whose content changed; "
            "gradebook reads per class whose gradebook was read; roster reads: the roster's and "
            "the lineItem cache's reads, a fixed number per run)",
            "",
        ]
        out += _table(
            [
                "run",
                "writes",
                "objects changed",
                "write efficiency",
                "reads",
                "classes",
                "gradebook reads/class",
                "roster reads",
            ],
            [
                [
                    r["run"],
                    r["writes"],
                    r["objects_changed"],
                    r["write_efficiency"],
                    r["reads"],
                    r["classes_touched"],
                    r.get("gradebook_reads_per_class", r["reads_per_class"]),
                    r.get("roster_reads", r["reads_beyond_one_per_class"]),
                ]
                for r in efficiency["runs"]
            ],
        )
    slow = results.get("slow_sis")
    if slow:
        out += [
            "**Against a slow SIS** (writes per second while writing, the better of two runs "
            "each; CPU ms per write of the client's process: passback's whole run, plain "
            "httpx's PUTs)",
            "",
        ]
        out += _table(
            [
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
            ],
            [
                [
                    r["latency_ms"],
                    r["concurrency"],
                    r["writes"],
                    r["limit_writes_per_s"],
                    r["passback_writes_per_s"],
                    r["passback_share_of_limit"],
                    r["plain_httpx_writes_per_s"],
                    r["passback_vs_plain"],
                    r["run_writes_per_s"],
                    r.get("passback_cpu_ms_per_write"),
                    r.get("plain_cpu_ms_per_write"),
                ]
                for r in slow["rows"]
            ],
        )
    e2e = results.get("end_to_end")
    if e2e:
        district = e2e["district"]
        out += [
            f"**End to end** ({district['students']:,} students, {district['classes']:,} "
            f"classes, {district['scores']:,} scores; sandbox without added latency)",
            "",
        ]
        rows = []
        for name in ("first sync", "nightly sync"):
            r = e2e[name]
            rows.append(
                [
                    name,
                    r["seconds"],
                    r["waiting_share"],
                    r["writes"],
                    r["reads"],
                    r["batches"],
                    r["peak_rss_mb"],
                ]
            )
        out += _table(
            [
                "run",
                "seconds",
                "share waiting on the SIS",
                "writes",
                "reads",
                "batches",
                "peak RSS MB",
            ],
            rows,
        )
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
