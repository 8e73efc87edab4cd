"""`passback demo` opens onto the console: it prints the console's URL and a login for
each role, and those logins work. With `--no-wait` it prints only what still works once
the sandbox has stopped, and all of that does work."""

from __future__ import annotations

import io
import shlex
import threading
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from passback import onboarding
from passback.cli import app
from passback.demo import data as demo_data
from passback.demo.run import run_demo
from passback.operations.accounts import Role, users
from passback.store import districts
from passback.store import runs as run_store
from passback.store.db import make_engine, session_scope


def test_demo_prints_the_console_and_working_logins(tmp_path: Path) -> None:
    status = io.StringIO()
    stop = threading.Event()
    stop.set()  # return as soon as everything is up
    result = run_demo(
        Console(file=io.StringIO()),
        Console(file=status, width=200),
        port=0,
        database_url=f"sqlite:///{tmp_path / 'demo.db'}",
        stop=stop,
    )
    printed = status.getvalue()
    assert result.console_url and f"{result.console_url}/" in printed
    assert f"as of {demo_data.AS_OF}" in printed and f"--as-of {demo_data.AS_OF}" in printed
    assert set(result.logins) == {"operator", "district-admin", "teacher"}
    engine = make_engine(result.database_url)
    roles = {}
    for username, password in result.logins.items():
        assert password in printed
        principal = users.authenticate(engine, username, password)
        assert principal is not None
        roles[username] = principal.role
    # The demo district's onboarding shows what the demo did: paperwork waived for the
    # sandbox (with a note), every check run against it, the first sync done.
    progress = onboarding.progress(engine, "unified-1")
    assert progress is not None
    done = {s.key for s in progress.steps if s.status is onboarding.Status.DONE}
    assert {"register", "provisioned", "credentials", "teacher_group", "write_access"} <= done
    assert "sandbox stands in" in progress.step("register").notes
    assert progress.step("credentials").last_check["ok"] is True
    # The sample mapping sends "Project" to a category that is not a district category:
    # the check says so, as it would for a real district.
    mapping = progress.step("category_mapping").last_check
    assert mapping["ok"] is False and "Project → Projects" in mapping["message"]
    assert progress.done >= 9
    with session_scope(engine, read_only=True) as session:
        state = districts.activation(session, "unified-1")
        runs = run_store.list_runs(session, "unified-1")
    engine.dispose()
    # the demo activates its district, says so, and its sync is a real one
    assert state is not None and state.active and state.activated_by == "demo"
    assert "District unified-1 activated" in printed
    assert [r.dry_run for r in runs] == [False]
    assert roles == {
        "operator": Role.OPERATOR,
        "district-admin": Role.DISTRICT_ADMIN,
        "teacher": Role.TEACHER,
    }


def test_no_wait_prints_only_what_works_after_it_exits(tmp_path: Path) -> None:
    status = io.StringIO()
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    result = run_demo(
        Console(file=io.StringIO()),
        Console(file=status, width=400),
        port=0,
        database_url=url,
        wait=False,
    )
    printed = status.getvalue()
    assert result.console_url is None  # nothing left running
    commands = [
        shlex.split(line.split("   (")[0])
        for line in printed.splitlines()
        if "passback " in line and "PASSBACK_DATABASE_URL=" in line
    ]
    names = [words[2] for words in commands]
    assert "report" in names and "runs" in names
    assert "sync" not in names and "explain" not in names  # they need the stopped SIS
    for words in commands:
        env = dict([words[0].split("=", 1)])
        assert env == {"PASSBACK_DATABASE_URL": url}
        if words[2] == "serve":
            continue  # runs until stopped; its logins are checked below
        done = CliRunner().invoke(app, words[2:], env=env)
        assert done.exit_code == 0, (words, done.stdout, done.stderr)
    engine = make_engine(url)
    for username, password in result.logins.items():
        assert password in printed
        assert users.authenticate(engine, username, password) is not None
    engine.dispose()
