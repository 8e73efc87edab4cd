"""A benchmark district ready to run: generated (or reused when the folder already holds the
same one), imported into a database, configured to point at a sandbox."""

from __future__ import annotations

import json
import resource
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from harness.sandbox_proc import RunningSandbox
from passback.operations.database import open_database
from passback.operations.districts import apply_config
from passback.operations.ingest import ingest_file
from passback.sandbox.synthetic import GENERATOR_VERSION, generate
from passback.sandbox.synthetic.district import DistrictFolder
from passback.secrets import SecretBox


@dataclass(frozen=True)
class BenchDistrict(DistrictFolder):
    folder: Path
    students: int
    per_period: int
    seed: int = 1

    def summary(self) -> dict[str, Any]:
        found: dict[str, Any] = json.loads((self.folder / "summary.json").read_text())
        return found

    @property
    def as_of(self) -> date:
        return date.fromisoformat(self.summary()["as_of"])

    @property
    def district_id(self) -> str:
        return str(json.loads((self.folder / "district.json").read_text())["id"])

    def ensure(self) -> dict[str, Any]:
        """Generate the district unless the folder holds it already; returns its summary
        with how long generating took (0 when reused)."""
        wanted = {
            "students": self.students,
            "seed": self.seed,
            "per_period": self.per_period,
            "generator": GENERATOR_VERSION,
        }
        try:
            summary = self.summary()
            if {k: summary.get(k) for k in wanted} == wanted and self.platform.exists():
                return {**summary, "generate_s": 0.0}
        except (OSError, ValueError):
            pass
        started = time.perf_counter()
        made = generate(
            self.folder, students=self.students, seed=self.seed, per_period=self.per_period
        )
        return {**made.summary(), "generate_s": round(time.perf_counter() - started, 2)}


def configure(database_url: str, district: BenchDistrict, sandbox: RunningSandbox | None) -> None:
    """Store the district's configuration, pointing at the sandbox (or a placeholder)."""
    config = json.loads((district.folder / "district.json").read_text())
    if sandbox is not None:
        config["sis"]["base_url"], config["sis"]["token_url"] = (
            sandbox.base_url,
            sandbox.token_url,
        )
    engine = open_database(database_url)
    try:
        apply_config(
            engine,
            lambda: SecretBox.for_database(database_url),
            config,
            by="bench",
            source=str(district.folder / "district.json"),
        )
    finally:
        engine.dispose()


def import_platform(database_url: str, district: BenchDistrict) -> dict[str, Any]:
    """`passback import` of the district's platform file (run this in a child process: the
    peak memory reported is the process's)."""
    configure(database_url, district, None)
    engine = open_database(database_url)
    started, cpu = time.perf_counter(), time.process_time()
    before = _peak_mb()
    with district.platform.open("rb") as handle:
        summary = ingest_file(engine, None, handle)
    seconds, cpu_s = time.perf_counter() - started, time.process_time() - cpu
    engine.dispose()
    if not summary.ok:
        raise RuntimeError(f"the generated platform data did not import: {summary.as_dict()}")
    scores = summary.scores.stored
    return {
        "scores": scores,
        "assessments": summary.assessments.stored,
        "seconds": round(seconds, 2),
        "cpu_s": round(cpu_s, 2),
        "scores_per_s": round(scores / seconds),
        "scores_per_cpu_s": round(scores / cpu_s),
        "peak_rss_mb": _peak_mb(),
        "rss_before_mb": before,
        "file_mb": round(district.platform.stat().st_size / 1e6, 1),
    }


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
