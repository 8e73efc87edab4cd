"""`passback demo` opens onto the console: it prints the console's URL and a login for
each role, and those logins work."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from passback.accounts import Role, users
from passback.demo import run_demo
from passback.store import districts
from passback.store import runs as run_store
from passback.store.db import make_engine, session_scope


def test_demo_prints_the_console_and_working_logins(tmp_path: Path) -> None:
    status = io.StringIO()
    result = run_demo(
        Console(file=io.StringIO()),
        Console(file=status, width=200),
        port=0,
        database_url=f"sqlite:///{tmp_path / 'demo.db'}",
        wait=False,
    )
    printed = status.getvalue()
    assert result.console_url and f"{result.console_url}/" in printed
    assert set(result.logins) == {"operator", "district-admin", "teacher"}
    engine = make_engine(result.database_url)
    roles = {}
    for username, password in result.logins.items():
        assert password in printed
        principal = users.authenticate(engine, username, password)
        assert principal is not None
        roles[username] = principal.role
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
