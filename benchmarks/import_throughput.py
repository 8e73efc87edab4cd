"""Import throughput: `passback import` of a large generated file into a fresh SQLite database.

Generates a document with N scores (default 1,000,000) and their assessments (500 scores
each, in the order a platform export walks them: assessment by assessment) in a temporary
folder, then imports it twice in a child process: first into the empty database, then the
same file again (every record a stale-or-equal re-send, the nightly full-export case).
Reports scores/s (wall clock and CPU time), the child's peak RSS, and the RSS before the
import started, and writes benchmarks/results/import_throughput.json.

    .venv/bin/python benchmarks/import_throughput.py [--scores 1000000] [--no-resend]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "import_throughput.json"
DISTRICT = "bench-district"
STATES = ["graded"] * 16 + ["submitted", "in_progress", "not_submitted", "not_submitted"]


def generate(path: Path, scores: int, per_assessment: int, seed: int = 7) -> int:
    """Write the document; returns the number of assessments."""
    rng = random.Random(seed)
    assessments = -(-scores // per_assessment)
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{{"district": "{DISTRICT}",\n "assessments": [\n')
        for a in range(assessments):
            record = {
                "id": f"A-{a:06d}",
                "classes": [f"CLS-{a % 400:03d}"],
                "title": f"Unit {a % 12 + 1} quiz {a}",
                "type": rng.choice(["Test", "Quiz", "Homework"]),
                "scoring": "points",
                "points_possible": rng.choice([10, 20, 25, 50, 100]),
                "include_in_final_grade": True,
                "assigned_by": f"T-{a % 300}",
                "assigned_on": "2026-09-01",
                "due_on": "2026-09-08",
                "description": "generated",
                "updated_at": "2026-09-01T15:00:00Z",
                "deleted": False,
            }
            out.write(("," if a else "") + json.dumps(record) + "\n")
        out.write('],\n "scores": [\n')
        for i in range(scores):
            a, student = divmod(i, per_assessment)
            state = rng.choice(STATES)
            record = {
                "assessment": f"A-{a:06d}",
                "student": f"S-{student:06d}",
                "state": state,
                "points": rng.randint(0, 20) if state == "graded" else None,
                "excluded": rng.random() < 0.02,
                "comment": "see me" if rng.random() < 0.05 else None,
                "updated_at": f"2026-09-{9 + i % 20:02d}T10:{i % 60:02d}:00Z",
            }
            out.write(("," if i else "") + json.dumps(record) + "\n")
        out.write("]}\n")
    return assessments


def child(document: Path, database: Path, resend: bool) -> None:
    """The measured part, alone in its process so its peak RSS is the import's."""
    import logging

    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))

    from passback.core.domain import District, SisConnection
    from passback.operations.ingest import ingest_file
    from passback.store import districts
    from passback.store.db import open_store, session_scope

    engine = open_store(f"sqlite:///{database}")
    with session_scope(engine) as session:
        sis = SisConnection("http://127.0.0.1/ims/oneroster/v1p1", "http://127.0.0.1/oauth", "c")
        districts.save_district(session, District(DISTRICT, "Bench", "UTC", sis), None, None)
    # A yardstick for the machine: the JSON parser alone (C, no records built). The import
    # can never be faster than this; the ratio travels between machines better than s/s.
    import ijson

    cpu = time.process_time()
    with document.open("rb") as handle:
        for _ in ijson.basic_parse(handle, use_float=True):
            pass
    parse_only = time.process_time() - cpu
    runs = []
    rss_before = _peak_rss_mb()
    for label in ["first import", "re-send of the same file"][: 2 if resend else 1]:
        wall, cpu = time.perf_counter(), time.process_time()
        with document.open("rb") as handle:
            summary = ingest_file(engine, None, handle)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        scores = summary.scores.stored + summary.scores.stale
        runs.append(
            {
                "run": label,
                "ok": summary.ok,
                "scores": scores,
                "scores_stored": summary.scores.stored,
                "scores_stale": summary.scores.stale,
                "assessments": summary.assessments.stored + summary.assessments.stale,
                "seconds_wall": round(wall, 2),
                "seconds_cpu": round(cpu, 2),
                "scores_per_second_wall": round(scores / wall),
                "scores_per_second_cpu": round(scores / cpu),
                "peak_rss_mb_so_far": round(_peak_rss_mb(), 1),
                "cpu_time_over_parse_only": round(cpu / parse_only, 2),
            }
        )
    report = {
        "parse_only_seconds_cpu": round(parse_only, 2),
        "rss_before_import_mb": round(rss_before, 1),
        "runs": runs,
    }
    print(json.dumps(report))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scores", type=int, default=1_000_000)
    parser.add_argument("--per-assessment", type=int, default=500)
    parser.add_argument("--no-resend", action="store_true", help="skip the second import")
    parser.add_argument(
        "--out", "--output", type=Path, default=RESULTS, help=f"results JSON (default: {RESULTS})"
    )
    parser.add_argument(
        "--child", nargs=2, metavar=("DOCUMENT", "DATABASE"), help=argparse.SUPPRESS
    )
    parser.add_argument("--resend", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.resend)
        return

    with tempfile.TemporaryDirectory(prefix="passback-bench-") as folder:
        document = Path(folder) / "scores.json"
        started = time.perf_counter()
        assessments = generate(document, args.scores, args.per_assessment)
        generated_in = time.perf_counter() - started
        size_mb = document.stat().st_size / 2**20
        print(
            f"generated {args.scores:,} scores, {assessments:,} assessments "
            f"({size_mb:.0f} MiB) in {generated_in:.0f} s",
            file=sys.stderr,
        )
        command = [
            sys.executable,
            __file__,
            "--child",
            str(document),
            str(Path(folder) / "bench.db"),
        ]
        if not args.no_resend:
            command.append("--resend")
        measured = json.loads(
            subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
        )

    load = os.getloadavg()
    result = {
        "benchmark": "import_throughput",
        "command": "python benchmarks/import_throughput.py " + " ".join(sys.argv[1:]),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "niceness": os.nice(0),
            "load_average_1_5_15_min_after": [round(x, 2) for x in load],
        },
        "document": {
            "scores": args.scores,
            "assessments": assessments,
            "size_mib": round(size_mb, 1),
        },
        "target_scores_per_second": 50_000,
        **measured,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for run in measured["runs"]:
        print(
            f"{run['run']}: {run['scores']:,} scores in {run['seconds_wall']} s "
            f"= {run['scores_per_second_wall']:,}/s wall, {run['scores_per_second_cpu']:,}/s CPU; "
            f"{run['cpu_time_over_parse_only']}x the bare JSON parse; "
            f"peak RSS {run['peak_rss_mb_so_far']} MiB "
            f"(before the import {measured['rss_before_import_mb']} MiB)"
        )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
