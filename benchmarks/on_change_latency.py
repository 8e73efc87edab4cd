"""Near-real-time mode: time from a score change arriving to the new score being in the SIS.

Embedded mode (SQLite file, `EmbeddedScheduler` as `passback serve` runs it), the real
sandbox over loopback, the demo district with `options.on_change: true`. After a first full
sync, each round changes one graded score the way the ingest API does (upsert the score and
call `on_source_changed` in the same transaction, then the dispatcher's `wake`) and polls
the sandbox until that student's result carries the new points.

The first round starts with the district idle (latency = settle + one class run); the next
rounds start right after the previous change landed, so they also wait out the district's
minimum gap between on-change runs (the worst case). Prints a table and writes
benchmarks/results/on_change_latency.json.

    .venv/bin/python benchmarks/on_change_latency.py [--rounds 4] [--settle 5] [--min-gap 30]
"""

from __future__ import annotations

import argparse
import base64
import copy
import json
import os
import platform
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

os.environ.setdefault("PASSBACK_SECRET_KEY", base64.urlsafe_b64encode(os.urandom(32)).decode())

from passback.core.writes import result_id
from passback.demo import data as demo_data
from passback.intake.district_file import DistrictConfig
from passback.intake.records import validate_assessment, validate_score
from passback.sandbox import SandboxServer, SandboxState, sample_fixture
from passback.scheduling import Dispatcher, job_status, on_source_changed
from passback.scheduling.debounce import OnChangePolicy
from passback.secrets import SecretBox
from passback.store import districts, source
from passback.store.db import make_engine, session_scope, upgrade
from passback.sync.service import SyncRequest

RESULTS = Path(__file__).with_name("results") / "on_change_latency.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--settle", type=float, default=5.0)
    parser.add_argument("--min-gap", type=float, default=30.0)
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help=f"results JSON (default: {RESULTS})"
    )
    args = parser.parse_args()
    policy = OnChangePolicy(
        settle=timedelta(seconds=args.settle), min_gap=timedelta(seconds=args.min_gap)
    )
    folder = Path(tempfile.mkdtemp(prefix="passback-bench-"))
    url = f"sqlite:///{folder / 'passback.db'}"
    engine = make_engine(url)
    upgrade(engine)
    box = SecretBox.for_database(url)
    fixture = copy.deepcopy(sample_fixture())
    data = demo_data.platform_data(fixture)
    with SandboxServer(SandboxState.from_fixture(fixture)) as srv:
        config = demo_data.district_config(srv.base_url, srv.token_url, fixture)
        config["options"]["on_change"] = True
        district, secret = DistrictConfig.parse(config).to_domain()
        did = district.id
        with session_scope(engine) as session:
            districts.save_district(session, district, secret, box)
            districts.set_active(session, did, True, by="benchmark", now=datetime.now(UTC))
            source.upsert_assessments(
                session,
                [validate_assessment(a, "a", did) for a in data["assessments"]],  # type: ignore[misc]
            )
            source.upsert_scores(session, [validate_score(s, "s", did) for s in data["scores"]])  # type: ignore[misc]
        jobs = Dispatcher(engine, box)  # what `passback serve`'s runtime holds
        scheduler = jobs.scheduler(nightly=False, poll_seconds=0.1)
        scheduler.start()
        # the first sync (everything), as the district's onboarding would do
        first = jobs.request_sync(SyncRequest(did, as_of=demo_data.AS_OF))
        while _status(engine, first.id) not in ("done", "failed"):
            time.sleep(0.1)
        assessment = next(a for a in data["assessments"] if a["id"] == "A-100")
        class_id = assessment["classes"][0]
        graded = [
            s for s in data["scores"] if s["assessment"] == "A-100" and s["state"] == "graded"
        ]
        rows = []
        for n in range(args.rounds):
            score = {**graded[n % len(graded)]}
            score["points"] = float(n % 7 + 1)
            score["updated_at"] = datetime.now(UTC).isoformat().replace("+00:00", "Z")
            rid = result_id(did, "A-100", class_id, score["student"])
            started = time.perf_counter()
            with session_scope(engine) as session:  # the API's transaction
                source.upsert_scores(session, [validate_score(score, "s", did)])  # type: ignore[list-item]
                on_source_changed(session, did, [class_id], policy=policy)
            jobs.wake()
            while True:
                obj = next((o for o in srv.state.values("results") if o["sourcedId"] == rid), None)
                if obj is not None and float(obj["score"]) == score["points"]:
                    break
                time.sleep(0.02)
            rows.append(round(time.perf_counter() - started, 2))
            print(f"round {n + 1}: {rows[-1]:.2f} s", flush=True)
        scheduler.stop()
    result = {
        "what": "score change stored + on_source_changed → new score in the sandbox (embedded)",
        "settle_s": args.settle,
        "min_gap_s": args.min_gap,
        "first_round_idle_s": rows[0],
        "back_to_back_s": rows[1:],
        "median_back_to_back_s": statistics.median(rows[1:]) if len(rows) > 1 else None,
        "max_s": max(rows),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "command": "python benchmarks/on_change_latency.py "
        f"--rounds {args.rounds} --settle {args.settle} --min-gap {args.min_gap}",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


def _status(engine: Engine, job_id: str) -> str:
    info = job_status(job_id, engine)
    return info.status if info is not None else "?"


if __name__ == "__main__":
    main()
