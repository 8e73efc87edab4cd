"""The benchmark run (`python benchmarks/run.py`): every measurement of docs/performance.md
side by side in one run, returned as one results document (the entry point writes it where
`--out` says and the tables into `--doc`).

Steps that report peak memory (import, plan, end to end) run in child processes
(`harness.child`); the SIS is the sandbox in its own process. Generated districts and
imported databases are kept in the work folder and reused by later runs.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from harness import sis_bench
from harness.child import run_step
from harness.world import BenchDistrict


@dataclass(frozen=True)
class PlanSize:
    label: str
    students: int
    per_period: int


@dataclass(frozen=True)
class Preset:
    plan_sizes: tuple[PlanSize, ...]
    efficiency: tuple[int, int]  # students, assessments per period
    slow: tuple[int, int]
    slow_latency_ms: float
    slow_concurrency: tuple[int, ...]
    end_to_end: tuple[int, int]
    import_size: str  # the plan size whose import is the import row
    workers: int = 2  # plan processes at once for the machine's throughput (import size)


PRESETS = {
    "full": Preset(
        plan_sizes=(
            PlanSize("100k", 1_150, 8),
            PlanSize("1M", 11_500, 8),
            PlanSize("5M", 50_000, 9),
        ),
        efficiency=(500, 8),
        slow=(100, 4),
        slow_latency_ms=50,
        slow_concurrency=(8, 32),
        end_to_end=(5_000, 8),
        import_size="1M",
    ),
    # a few seconds each: the CI smoke test of the harness (no number in it means anything)
    "quick": Preset(
        plan_sizes=(PlanSize("small", 60, 2),),
        efficiency=(40, 2),
        slow=(30, 1),
        slow_latency_ms=5,
        slow_concurrency=(4,),
        end_to_end=(40, 2),
        import_size="small",
    ),
}

TARGETS = {
    "plan_scores_per_s": 200_000,
    "plan_peak_rss_mb_1M": 1024,
    "write_efficiency": 1.0,
    "unchanged_writes": 0,
    "unchanged_reads_per_class": 1.0,
    "passback_vs_plain": 0.9,
    "import_scores_per_s": 50_000,
}


@dataclass
class BenchRun:
    workdir: Path
    preset: str = "full"
    log: Callable[[str], None] = print
    results: dict[str, Any] = field(default_factory=dict)

    def district(self, name: str, students: int, per_period: int) -> BenchDistrict:
        return BenchDistrict(self.workdir / name, students, per_period)

    def step(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        started = time.perf_counter()
        result = run_step(name, args)
        self.log(f"  {name} done in {time.perf_counter() - started:.1f} s")
        return result

    def prepared(self, district: BenchDistrict, database: str) -> tuple[str, dict[str, Any]]:
        """The district generated and imported into its own database (reused when there);
        returns the database URL and the import's measurements."""
        args = {
            "folder": str(district.folder),
            "students": district.students,
            "per_period": district.per_period,
        }
        summary = self.step("generate", args)
        path = self.workdir / f"{database}.db"
        marker = self.workdir / f"{database}.imported.json"
        url = f"sqlite:///{path}"
        if summary.get("generate_s") or not marker.exists():
            path.unlink(missing_ok=True)
            marker.write_text(
                json_text(self.step("import", {**args, "database_url": url})), encoding="utf-8"
            )
        imported = json_load(marker)
        if "roster" not in imported:
            imported["roster"] = self.step("cache_roster", {**args, "database_url": url})
            marker.write_text(json_text(imported), encoding="utf-8")
        return url, {**imported, "generated": summary}

    def run(
        self,
        only: set[str] | None = None,
        *,
        previous: dict[str, Any] | None = None,
        save: Callable[[dict[str, Any]], None] | None = None,
    ) -> dict[str, Any]:
        """Run the steps (all, or `only` these); results of other steps are kept from
        `previous` (a run of the same preset). `save` gets the results after each step."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        # the benchmark's throwaway databases have their own key (unless one is set): for
        # this run and its child processes only
        had_key = "PASSBACK_SECRET_KEY" in os.environ
        os.environ.setdefault("PASSBACK_SECRET_KEY", _bench_key(self.workdir))
        try:
            return self._run(only, previous, save)
        finally:
            if not had_key:
                os.environ.pop("PASSBACK_SECRET_KEY", None)

    def _run(
        self,
        only: set[str] | None,
        previous: dict[str, Any] | None,
        save: Callable[[dict[str, Any]], None] | None,
    ) -> dict[str, Any]:
        preset = PRESETS[self.preset]
        kept = previous if previous and previous.get("preset") == self.preset else {}
        self.results = {
            **{k: v for k, v in kept.items() if k in _STEP_KEYS},
            "benchmark": "passback",
            "preset": self.preset,
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": _machine(),
            "targets": TARGETS,
        }
        steps = {
            "plan": self._plan,
            "efficiency": self._efficiency,
            "slow": self._slow,
            "end_to_end": self._end_to_end,
        }
        for name, step in steps.items():
            if only is not None and name not in only:
                continue
            step(preset)
            self.results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
            if save is not None:
                save(self.results)
        return self.results

    def _efficiency(self, preset: Preset) -> None:
        self.log("write and read efficiency")
        students, per = preset.efficiency
        self.results["efficiency"] = {
            "measured_at": _now(),
            **sis_bench.efficiency(
                self.workdir / "efficiency", self.district("efficiency", students, per)
            ),
        }

    def _slow(self, preset: Preset) -> None:
        self.log(f"throughput against a slow SIS ({preset.slow_latency_ms} ms per call)")
        students, per = preset.slow
        self.results["slow_sis"] = {
            "measured_at": _now(),
            **sis_bench.slow_sis(
                self.workdir / "slow",
                self.district("slow", students, per),
                latency_ms=preset.slow_latency_ms,
                concurrency=list(preset.slow_concurrency),
            ),
        }

    def _end_to_end(self, preset: Preset) -> None:
        students, per = preset.end_to_end
        self.log(f"end to end: {students} students, first and nightly sync")
        district = self.district(f"e2e-{students}", students, per)
        _, imported = self.prepared(district, f"e2e-{students}")
        fresh = self.workdir / f"e2e-{students}-run.db"
        _copy(self.workdir / f"e2e-{students}.db", fresh)
        args = {
            "folder": str(district.folder),
            "students": students,
            "per_period": per,
            "database_url": f"sqlite:///{fresh}",
        }
        self.results["end_to_end"] = {
            "measured_at": _now(),
            "import": imported,
            **self.step("end_to_end", args),
        }

    def workers(self, count: int, args: dict[str, Any]) -> dict[str, Any]:
        """The plan step in `count` processes at once, as `count` workers planning districts
        side by side do (here the same district, read-only): the machine's throughput."""
        with ThreadPoolExecutor(count) as pool:
            done = list(pool.map(lambda _: run_step("plan", args), range(count)))
        return {
            "workers": count,
            "scores_each": done[0]["scores"],
            "first_scores_per_s": sum(r["first_scores_per_s"] for r in done),
            "nightly_scores_per_s": sum(r["nightly_scores_per_s"] for r in done),
            "each": [
                {k: r[k] for k in ("first_scores_per_s", "nightly_scores_per_s", "peak_rss_mb")}
                for r in done
            ],
        }

    def _plan(self, preset: Preset) -> None:
        rows = []
        for size in preset.plan_sizes:
            self.log(f"plan throughput: {size.label} ({size.students} students)")
            district = self.district(f"plan-{size.label}", size.students, size.per_period)
            url, imported = self.prepared(district, f"plan-{size.label}")
            plan_args = {
                "folder": str(district.folder),
                "students": size.students,
                "per_period": size.per_period,
                "database_url": url,
                "as_of": district.summary()["as_of"],
            }
            result = self.step("plan", plan_args)
            rows.append({"size": size.label, "students": size.students, **result})
            if size.label == preset.import_size:
                self.results["import"] = {"size": size.label, **imported}
                self.log(f"plan throughput: {size.label}, {preset.workers} workers at once")
                self.results["plan_workers"] = self.workers(preset.workers, plan_args)
        self.results["plan"] = rows
        self.results["plan_measured_at"] = _now()


_STEP_KEYS = (
    "plan",
    "plan_workers",
    "plan_measured_at",
    "import",
    "efficiency",
    "slow_sis",
    "end_to_end",
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _copy(source: Path, target: Path) -> None:
    import shutil

    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)


def _bench_key(workdir: Path) -> str:
    """A secret key for the benchmark's throwaway databases, kept in the work folder."""
    import base64

    path = workdir / "secret.key"
    if not path.exists():
        path.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode(), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "executable": sys.executable,
    }


def json_text(value: Any) -> str:
    import json

    return json.dumps(value, indent=2, sort_keys=False) + "\n"


def json_load(path: Path) -> dict[str, Any]:
    import json

    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded
