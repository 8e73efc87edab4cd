"""Activation end to end (docs/scheduling.md#activation): through the real command line against the
real sandbox, a real sync of a district that is not active exits 2, names the command that
activates it and writes nothing (not to the SIS, not to the run history); dry runs work;
activating (audited, with the onboarding warning) lets the real sync write."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner, Result

from passback.cli import app
from passback.store import audit, districts
from passback.store import runs as run_store
from passback.store.db import session_scope

from .harness import AS_OF, World


@pytest.fixture
def sandbox_mode() -> str:
    """The command line builds its own client: the sandbox serves over a real socket."""
    return "loopback"


def _cli(database_url: str, *args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"PASSBACK_DATABASE_URL": database_url})


def _pause(w: World) -> None:
    result = _cli(w.database_url, "district", "deactivate", w.district)
    assert result.exit_code == 0, result.output


def test_an_inactive_districts_real_sync_exits_2_and_writes_nothing(
    w: World, database_url: str
) -> None:
    w.database_url = database_url  # type: ignore[attr-defined]
    w.load_demo()
    _pause(w)
    writes_before = w.sis_writes()

    refused = _cli(database_url, "sync", w.district, "--as-of", AS_OF.isoformat())
    assert refused.exit_code == 2, refused.output
    assert f"passback district activate {w.district}" in refused.stderr
    assert "not active" in refused.stderr and refused.stdout == ""
    # one class or one teacher: the same
    by_class = _cli(database_url, "sync", w.district, "--class", "CLS-HS-1")
    assert by_class.exit_code == 2, by_class.output
    assert w.sis_writes() == writes_before
    assert w.ours("lineItems") == {} and w.ours("results") == {}
    with session_scope(w.engine, read_only=True) as session:
        assert run_store.list_runs(session, w.district) == []

    # a dry run always works, and writes nothing either
    dry = _cli(
        database_url, "sync", w.district, "--dry-run", "--json", "--as-of", AS_OF.isoformat()
    )
    assert dry.exit_code in (0, 1), dry.output
    plan = json.loads(dry.stdout)
    assert plan["dry_run"] is True and plan["counts"]["created"] > 0
    assert w.sis_writes() == writes_before

    # activating lets the same command write what the dry run planned
    activated = _cli(database_url, "district", "activate", w.district)
    assert activated.exit_code == 0, activated.output
    assert f"activated district {w.district}" in activated.stderr
    real = _cli(database_url, "sync", w.district, "--json", "--as-of", AS_OF.isoformat())
    assert real.exit_code in (0, 1), real.output
    report = json.loads(real.stdout)
    assert report["dry_run"] is False
    counts = report["counts"]
    # what the plan would create was tried (the demo SIS refuses a few writes on purpose)
    assert counts["created"] > 0
    assert counts["created"] + counts["errors"] == plan["counts"]["created"]
    assert len(w.ours("lineItems")) > 0 and w.sis_writes() > writes_before


def test_activate_and_deactivate_are_audited_and_warn_about_open_steps(
    w: World, database_url: str
) -> None:
    w.database_url = database_url  # type: ignore[attr-defined]
    _pause(w)
    again = _cli(database_url, "district", "deactivate", w.district)
    assert again.exit_code == 0 and "already paused since" in again.stderr

    activated = _cli(database_url, "district", "activate", w.district, "--json")
    assert activated.exit_code == 0, activated.output
    # onboarding steps 6 and 7 are not done in this world: warned on stderr, still activated
    warnings = [line for line in activated.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2
    assert "Step 6 (SIS write access enabled) is not done" in warnings[0]
    assert "Step 7 (Integration configured) is not done" in warnings[1]
    body = json.loads(activated.stdout)
    assert body["active"] is True and body["changed"] is True
    assert body["activated_by"].startswith("cli") and len(body["warnings"]) == 2

    repeat = _cli(database_url, "district", "activate", w.district)
    assert repeat.exit_code == 0 and "is already active since" in repeat.stderr

    with session_scope(w.engine, read_only=True) as session:
        entries = [e for e in audit.recent(session, w.district) if e.action.startswith("district.")]
        state = districts.activation(session, w.district)
    # newest first; the repeats left no entry
    assert [e.action for e in entries] == ["district.activated", "district.deactivated"]
    assert all(e.actor.startswith("cli") for e in entries)
    assert entries[0].details["warnings"] == body["warnings"]
    assert state is not None and state.active and state.activated_by == body["activated_by"]

    shown = _cli(database_url, "district", "show", w.district)
    assert "active since" in shown.stdout
    listed = _cli(database_url, "district", "list")
    assert "active" in listed.stdout


def test_unknown_district_is_a_clear_error(w: World, database_url: str) -> None:
    for command in ("activate", "deactivate"):
        result = _cli(database_url, "district", command, "nowhere")
        assert result.exit_code == 1
        assert "district nowhere is not configured" in result.stderr
