"""The benchmark harness (benchmarks/harness, on the path by pytest's `pythonpath`), run
with tiny sizes: every step runs, the numbers it reports are
consistent with each other and with what happened in the SIS, and the tables land in the
document between the markers. No timing is asserted: on a shared CI machine it means
nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

from harness.command import main
from harness.tables import BEGIN, END


def test_quick_benchmark_run_is_consistent(tmp_path: Path) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Performance\n\nprose before\n\n{BEGIN}\nold\n{END}\n\nprose after\n")
    output = tmp_path / "results.json"
    key_before = os.environ.get("PASSBACK_SECRET_KEY")
    code = main(
        [
            "--quick",
            "--workdir",
            str(tmp_path / "work"),
            "--out",
            str(output),
            "--doc",
            str(doc),
            "--only",
            "plan,efficiency,slow",
        ]
    )
    assert code == 0
    # the benchmark's own key does not outlive the run (later code in the process would
    # seal secrets with it)
    assert os.environ.get("PASSBACK_SECRET_KEY") == key_before
    results = json.loads(output.read_text())

    for row in results["plan"]:
        assert row["scores"] > 0
        # the nightly plan after a clean first run writes nothing and keeps everything
        assert row["nightly_writes"] == 0
        assert row["nightly_unchanged"] == row["first_run_writes"] > 0
        assert row["peak_rss_mb"] > 0
    assert results["import"]["scores"] > 0
    workers = results["plan_workers"]
    assert workers["workers"] == len(workers["each"]) == 2
    assert workers["first_scores_per_s"] == sum(e["first_scores_per_s"] for e in workers["each"])

    first, unchanged, changed, uncached = results["efficiency"]["runs"]
    assert first["writes"] == first["objects_changed"] > 0
    assert first["write_efficiency"] == 1.0
    assert unchanged["writes"] == unchanged["objects_changed"] == 0
    assert changed["writes"] == changed["objects_changed"] > 0
    # the gradebook is read once per class; the roster from the cache costs a fixed few
    assert (
        unchanged["reads"] == unchanged["classes_touched"] + unchanged["reads_beyond_one_per_class"]
    )
    assert unchanged["reads_beyond_one_per_class"] < uncached["reads_beyond_one_per_class"]
    # one paged read per class touched (the classes are small); the roster's reads on top
    assert unchanged["gradebook_reads"] == unchanged["classes_touched"]
    assert unchanged["gradebook_reads"] + unchanged["roster_reads"] == unchanged["reads"]
    assert set(unchanged["roster"].values()) <= {"cached", "delta"}

    (slow,) = results["slow_sis"]["rows"]
    assert slow["writes"] > 0 and slow["plain_httpx_writes_per_s"] > 0
    assert slow["limit_writes_per_s"] == slow["concurrency"] / (slow["latency_ms"] / 1000)

    text = doc.read_text()
    assert text.startswith("# Performance\n\nprose before\n\n" + BEGIN)
    assert text.endswith(END + "\n\nprose after\n")
    assert "old" not in text
    assert "python benchmarks/run.py --quick" in text
    assert "| first |" in text
    assert "**Plan throughput of the machine**: 2 processes at once" in text
