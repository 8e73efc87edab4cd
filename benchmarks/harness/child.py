"""Runs one benchmark step in a fresh process, so its peak memory is its own:

    PYTHONPATH=benchmarks python -m harness.child STEP '{"json": "arguments"}'

prints the step's result as JSON on the last line of stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from harness import plan_bench, sis_bench
from harness.logs import quiet_logging
from harness.world import BenchDistrict, import_platform


def _district(args: dict[str, Any]) -> BenchDistrict:
    return BenchDistrict(Path(args["folder"]), int(args["students"]), int(args["per_period"]))


def _generate(args: dict[str, Any]) -> dict[str, Any]:
    return _district(args).ensure()


def _import(args: dict[str, Any]) -> dict[str, Any]:
    return import_platform(args["database_url"], _district(args))


def _cache_roster(args: dict[str, Any]) -> dict[str, Any]:
    return plan_bench.cache_roster(args["database_url"], _district(args))


def _plan(args: dict[str, Any]) -> dict[str, Any]:
    district = _district(args)
    return plan_bench.plan_throughput(
        args["database_url"], district.district_id, date.fromisoformat(args["as_of"])
    )


def _end_to_end(args: dict[str, Any]) -> dict[str, Any]:
    return sis_bench.end_to_end(args["database_url"], _district(args))


STEPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "generate": _generate,
    "import": _import,
    "cache_roster": _cache_roster,
    "plan": _plan,
    "end_to_end": _end_to_end,
}


# The folder that holds the `harness` package: the child imports it from there.
_HOME = Path(__file__).resolve().parent.parent


def run_step(step: str, args: dict[str, Any]) -> dict[str, Any]:
    """Run a step in a child process and return its result."""
    command = [sys.executable, "-m", "harness.child", step, json.dumps(args)]
    path = os.pathsep.join(p for p in (str(_HOME), os.environ.get("PYTHONPATH")) if p)
    # our own interpreter and module; the arguments are JSON the runner made
    done = subprocess.run(  # noqa: S603
        command,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": path},
    )
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"benchmark step {step} failed (exit {done.returncode}):\n{tail}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str]) -> None:
    quiet_logging()
    step, args = argv[1], json.loads(argv[2])
    result = STEPS[step](args)
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv)
