"""The long crash-and-resume variant (issue 7, docs/reliability.md).

A generated district (about 10,000 scores by default) is synced by `passback sync` processes
that are killed with SIGKILL after a random number of SIS writes, several times per seed, and
then synced to the end. For every seed the SIS must end exactly as after one uninterrupted
run, with no duplicate lineItem or result. Figures: how many writes each kill made the next
run replay (writes beyond the uninterrupted run's count).

    python benchmarks/crash_soak.py --students 400 --seeds 20 --kills 3

Writes benchmarks/results/crash_soak.json and prints a table.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from passback.core.domain import ObjectKind
from passback.core.writes import fingerprint
from passback.intake.district_file import DistrictConfig
from passback.operations.ingest import ingest_file
from passback.sandbox import FaultConfig, SandboxServer, SandboxState
from passback.sandbox.synthetic import generate
from passback.secrets import SecretBox
from passback.store import districts
from passback.store.db import open_store, session_scope

RESULTS = Path(__file__).parent / "results" / "crash_soak.json"


def ours(state: SandboxState) -> dict[str, tuple[Any, ...]]:
    out: dict[str, tuple[Any, ...]] = {}
    for obj in state.values("lineItems"):
        if obj["sourcedId"].startswith("pbl-"):
            out[obj["sourcedId"]] = fingerprint(ObjectKind.LINE_ITEM, obj)
    for obj in state.values("results"):
        if obj["sourcedId"].startswith("pbr-"):
            out[obj["sourcedId"]] = fingerprint(ObjectKind.RESULT, obj)
    return out


def duplicates(state: SandboxState) -> int:
    titles = Counter(
        (li["class"]["sourcedId"], li["title"])
        for li in state.values("lineItems")
        if li["sourcedId"].startswith("pbl-")
    )
    per_student = Counter(
        (r["lineItem"]["sourcedId"], r["student"]["sourcedId"])
        for r in state.values("results")
        if r["sourcedId"].startswith("pbr-")
    )
    return sum(n - 1 for n in titles.values()) + sum(n - 1 for n in per_student.values())


def writes(srv: SandboxServer) -> int:
    return int(httpx.get(srv.root_url + "/sandbox/stats", timeout=10).json()["writes"])


def prepare(folder: Path, made: Any, srv: SandboxServer) -> str:
    """A database with the district configured for this sandbox and the data imported."""
    url = f"sqlite:///{folder / 'soak.db'}"
    engine = open_store(url)
    config = json.loads(made.district.read_text())
    config["sis"]["base_url"], config["sis"]["token_url"] = srv.base_url, srv.token_url
    district, secret = DistrictConfig.parse(config).to_domain()
    with session_scope(engine) as session:
        districts.save_district(session, district, secret, SecretBox.for_database(url))
        districts.set_active(session, district.id, True, by="crash_soak", now=datetime.now(UTC))
    with made.platform.open("rb") as handle:
        summary = ingest_file(engine, None, handle)
    assert summary.rejected == 0, summary.as_dict()
    engine.dispose()
    return url


def sync(url: str, district: str, as_of: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - our own CLI with our own arguments
        [sys.executable, "-m", "passback", "sync", district, "--as-of", as_of],
        env={**os.environ, "PASSBACK_DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_seed(
    made: Any, seed: int, kills: int, fixture: dict[str, Any], reference: dict[str, Any]
) -> dict[str, Any]:
    rng = random.Random(seed)
    with (
        tempfile.TemporaryDirectory() as tmp,
        SandboxServer(SandboxState.from_fixture(json.loads(json.dumps(fixture)))) as srv,
    ):
        url = prepare(Path(tmp), made, srv)
        district, as_of = json.loads(made.district.read_text())["id"], made.as_of.isoformat()
        srv.set_faults(FaultConfig(seed=seed, latency_ms=4, jitter_ms=4))
        points = []
        for _ in range(kills):
            target = writes(srv) + rng.randint(1, max(2, reference["writes"] // (kills + 1)))
            proc = sync(url, district, as_of)
            deadline = time.monotonic() + 600
            while writes(srv) < target and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
            points.append(writes(srv))
        srv.set_faults(FaultConfig(seed=seed))
        final = sync(url, district, as_of)
        final_exit = final.wait(timeout=1800)
        total = writes(srv)
        state = ours(srv.state)
        return {
            "seed": seed,
            "final_exit": final_exit,  # 0 succeeded, 1 partial (the closed-period lineItem)
            "killed_at_writes": points,
            "total_writes": total,
            "replayed_writes": total - reference["writes"],
            "replayed_per_kill": round((total - reference["writes"]) / kills, 2),
            "objects": len(state),
            "missing": len(set(reference["state"]) - set(state)),
            "unexpected": len(set(state) - set(reference["state"])),
            "different": sum(
                1
                for k, v in state.items()
                if k in reference["state"] and reference["state"][k] != v
            ),
            "duplicates": duplicates(srv.state),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=400)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help=f"results JSON (default: {RESULTS})"
    )
    args = parser.parse_args()
    os.environ.setdefault("PASSBACK_SECRET_KEY", base64.urlsafe_b64encode(os.urandom(32)).decode())
    work = Path(tempfile.mkdtemp(prefix="passback-soak-"))
    made = generate(work / "district", students=args.students, seed=7)
    fixture = json.loads(made.sis.read_text())

    with (
        tempfile.TemporaryDirectory() as tmp,
        SandboxServer(SandboxState.from_fixture(json.loads(json.dumps(fixture)))) as srv,
    ):
        url = prepare(Path(tmp), made, srv)
        district = json.loads(made.district.read_text())["id"]
        sync(url, district, made.as_of.isoformat()).wait(timeout=1800)
        reference = {"writes": writes(srv), "state": ours(srv.state)}
    print(f"district: {made.summary()}; uninterrupted run: {reference['writes']} writes")

    rows = []
    for seed in range(1, args.seeds + 1):
        row = run_seed(made, seed, args.kills, fixture, reference)
        rows.append(row)
        print(json.dumps(row))
    lost = sum(r["missing"] + r["different"] for r in rows)
    broken = [r["seed"] for r in rows if r["final_exit"] not in (0, 1)]
    doubled = sum(r["duplicates"] + r["unexpected"] for r in rows)
    summary = {
        "benchmark": "crash_soak",
        "command": "python benchmarks/crash_soak.py " + " ".join(sys.argv[1:]),
        "district": made.summary(),
        "reference_writes": reference["writes"],
        "seeds": args.seeds,
        "kills_per_seed": args.kills,
        "kills": args.seeds * args.kills,
        "lost_or_wrong": lost,
        "seeds_whose_final_run_failed": broken,
        "duplicated_or_unexpected": doubled,
        "replayed_writes_per_kill": {
            "mean": round(sum(r["replayed_per_kill"] for r in rows) / len(rows), 2),
            "max": max(r["replayed_per_kill"] for r in rows),
        },
        "runs": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    print(
        f"{summary['kills']} kills over {args.seeds} seeds: lost {lost}, duplicated {doubled}, "
        f"replayed writes per kill mean {summary['replayed_writes_per_kill']['mean']} "
        f"max {summary['replayed_writes_per_kill']['max']}"
    )
    if lost or doubled or broken:
        sys.exit(1)


if __name__ == "__main__":
    main()
