"""A canary SIS secret and a canary student name are planted; after imports, syncs that
succeed and fail, reports and `-v` tracebacks, the secret appears in no output, log, report
or database file. The student's name is for people who read reports (issue 15): it appears
in the reports printed on stdout and in the store's `names` table, and nowhere else: no
log line, error or traceback, no other table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Connection, MetaData, Table, create_engine, select

from passback.demo import data as demo_data
from passback.sandbox import FaultConfig, SandboxServer, SandboxState, sample_fixture

CANARY_SECRET = "canary-secret-7f3a9c21"
CANARY_NAME = "Zzyzxcanary"


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "passback", "-v", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_canary_secret_and_student_name_never_leak(tmp_path: Path, secret_key: str) -> None:
    fixture = sample_fixture()
    fixture["sandbox"]["clients"].append(
        {"client_id": "canary", "client_secret": CANARY_SECRET, "write_access": True}
    )
    platform = demo_data.platform_data(fixture)
    scored = platform["scores"][0]["student"]  # a student the reports list
    student = next(u for u in fixture["users"] if u["sourcedId"] == scored)
    student["givenName"] = CANARY_NAME
    student["familyName"] = CANARY_NAME
    student["username"] = CANARY_NAME.lower()

    db = tmp_path / "canary.db"
    env = {**os.environ, "PASSBACK_DATABASE_URL": f"sqlite:///{db}", "COLUMNS": "200"}
    outputs: list[str] = []
    with SandboxServer(SandboxState.from_fixture(fixture)) as srv:
        config = demo_data.district_config(
            srv.base_url,
            srv.token_url,
            fixture,
            client_id="canary",
            client_secret=CANARY_SECRET,
        )
        config_file = tmp_path / "district.json"
        config_file.write_text(json.dumps(config))
        data_file = tmp_path / "data.json"
        data_file.write_text(json.dumps(platform))
        as_of = demo_data.AS_OF.isoformat()
        steps = [
            ["district", "apply", str(config_file)],
            ["district", "activate", "unified-1"],
            ["district", "show", "unified-1"],
            ["district", "show", "unified-1", "--json"],
            ["import", str(data_file)],
            ["sync", "unified-1", "--as-of", as_of, "--json"],
            ["sync", "unified-1", "--as-of", as_of, "--all"],
            ["explain", "unified-1", "--assessment", "A-100", "--as-of", as_of],
            ["runs", "unified-1", "--json"],
        ]
        reports: list[str] = []  # what people read: may name the student
        for args in steps:
            done = run(args, env)
            (reports if args[0] in ("sync", "explain") else outputs).append(done.stdout)
            outputs.append(done.stderr)
            assert done.returncode in (0, 1), (args, done.stderr)
        report = run(["runs", "unified-1", "--json"], env)
        latest = json.loads(report.stdout)[0]["run"]
        shown = run(["report", latest, "--json", "--all"], env)
        reports.append(shown.stdout)
        outputs.append(shown.stderr)

        # a failing run: the SIS refuses every call; with -v the traceback path is taken too
        srv.set_faults(FaultConfig(unauthorized_next=50))
        failed = run(["sync", "unified-1", "--as-of", as_of], env)
        outputs += [failed.stdout, failed.stderr]
        assert failed.returncode == 1
        broken = dict(config, sis={**config["sis"], "token_url": "http://127.0.0.1:9/nothing"})
        config_file.write_text(json.dumps(broken))
        for args in (["district", "apply", str(config_file)], ["sync", "unified-1"]):
            done = run(args, env)
            outputs += [done.stdout, done.stderr]

    text = "\n".join(outputs)
    assert "unified-1" in text  # the outputs are real
    assert CANARY_SECRET not in text
    assert CANARY_NAME not in text and CANARY_NAME.lower() not in text
    shown_text = "\n".join(reports)
    assert CANARY_SECRET not in shown_text
    assert f"{CANARY_NAME} {CANARY_NAME}" in shown_text  # the reports name the student
    for path in tmp_path.iterdir():
        if path.name.startswith("canary.db") and path.is_file():
            blob = path.read_bytes()
            assert CANARY_SECRET.encode() not in blob, path
    # the name is kept in the names table (and the compressed roster cache it is made from)
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        for table in _tables(connection):
            rows = connection.execute(select(table)).all()
            found = any(CANARY_NAME in str(row) for row in rows)
            assert found == (table.name == "names"), table.name
    engine.dispose()


def _tables(connection: Connection) -> list[Table]:
    meta = MetaData()
    meta.reflect(bind=connection)
    return list(meta.sorted_tables)
