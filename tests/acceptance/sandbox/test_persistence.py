"""`--state`: the state is saved shortly after writes and on shutdown, atomically, and a
restart serves what was written."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from integration.sandbox.helpers import TLS, Api, line_item
from passback.sandbox import SandboxServer, SandboxState, generate_district
from passback.sandbox.persistence import save_fixture


def saved_ids(path: Path, collection: str) -> set[str]:
    if not path.exists():
        return set()
    return {obj["sourcedId"] for obj in json.loads(path.read_text())[collection]}


def wait_for(predicate: Any, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_writes_are_saved_shortly_after_and_on_shutdown(
    sample: dict[str, Any], tmp_path: Path
) -> None:
    state_file = tmp_path / "state.json"
    with SandboxServer(SandboxState.from_fixture(sample), state_file=state_file) as srv:
        api = Api(srv)
        assert api.put("/lineItems/LI-1", "lineItem", line_item()).status_code == 201
        # Saved while the server keeps running (debounced, well under a second).
        assert wait_for(lambda: "LI-1" in saved_ids(state_file, "lineItems"))
        api.put("/lineItems/LI-2", "lineItem", line_item(title="Quiz 2"))
        api.control("POST", "closed-periods", {"add": ["GP-HS-Q3"]})
        api.close()
    # The last change is in the file after shutdown, whatever the debounce was doing.
    assert {"LI-1", "LI-2"} <= saved_ids(state_file, "lineItems")
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary files left

    reloaded = SandboxState.from_file(state_file)
    assert reloaded.closed_grading_periods == {"GP-HS-Q1", "GP-HS-Q3"}
    assert reloaded.clients["demo"].client_secret == "demo-secret"
    with SandboxServer(reloaded) as again:
        api = Api(again)
        assert api.get("/lineItems/LI-2").json()["lineItem"]["title"] == "Quiz 2"
        assert api.put("/lineItems/LI-2", "lineItem", line_item()).status_code == 200
        api.close()


def test_state_file_is_the_fixture_format(sample: dict[str, Any], tmp_path: Path) -> None:
    state_file = tmp_path / "state.json"
    with SandboxServer(SandboxState.from_fixture(sample), state_file=state_file):
        pass
    saved = json.loads(state_file.read_text())
    assert saved == SandboxState.from_fixture(sample).to_fixture()
    assert set(saved) == {
        "orgs",
        "academicSessions",
        "courses",
        "classes",
        "users",
        "enrollments",
        "categories",
        "lineItems",
        "results",
        "sandbox",
    }


def _start_cli(*args: str) -> tuple[subprocess.Popen[str], str]:
    """`passback sandbox serve …` in a child process; returns it and its root URL."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "from passback.cli import main; main()", "sandbox", "serve", *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line)
        found = re.search(r"base URL\s+(http://\S+)/ims/oneroster/v1p1", line)
        if found:
            return proc, found.group(1)
    proc.wait(5)
    raise AssertionError("the sandbox did not start:\n" + "".join(lines))


def _stop_cli(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGINT)
    assert proc.wait(60) == 0


def test_cli_serve_with_state_survives_a_restart(tmp_path: Path) -> None:
    data, state_file = tmp_path / "district.json", tmp_path / "state.json"
    save_fixture(generate_district(60, seed=4, classes=6, teachers=4), data)
    proc, root = _start_cli("--data", str(data), "--state", str(state_file), "--port", "0")
    try:
        # Generous timeouts: the port listens at once, the app may take seconds on a busy box.
        with httpx.Client(verify=TLS, timeout=60) as http:
            token = http.post(
                f"{root}/oauth/access_token",
                auth=("demo", "demo-secret"),
                data={"grant_type": "client_credentials"},
            ).json()["access_token"]
            category = {"title": "Labs", "metadata": {"teacher": "T-1", "categoryType": "user"}}
            created = http.put(
                f"{root}/ims/oneroster/v1p1/categories/CAT-LABS",
                json={"category": category},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert created.status_code == 201
    finally:
        _stop_cli(proc)
    assert "CAT-LABS" in saved_ids(state_file, "categories")

    # Restarted with the state file alone: it is loaded instead of a fixture.
    proc, root = _start_cli("--state", str(state_file), "--port", "0")
    try:
        dump = httpx.get(f"{root}/sandbox/dump", verify=TLS, timeout=60).json()
        assert "CAT-LABS" in {c["sourcedId"] for c in dump["categories"]}
        assert len(dump["users"]) == 60 + 4 + 2
    finally:
        _stop_cli(proc)
