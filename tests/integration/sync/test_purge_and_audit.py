"""`passback district purge` removes every row of a district and its secret, leaves other
districts alone, and records who did it; configuration changes are in the audit log."""

from __future__ import annotations

import json

from sqlalchemy import select, text
from typer.testing import CliRunner

from passback.cli import app
from passback.operations.accounts.tokens import create_token
from passback.operations.purge import district_rows
from passback.store.db import session_scope
from passback.store.schema import Base

from .harness import World


def test_purge_removes_every_row_of_the_district_and_nothing_else(
    w: World, database_url: str, tmp_path: object
) -> None:
    w.load_demo()
    w.sync()
    create_token(w.engine, w.district, "platform", by="test")
    other = dict(w.config, id="other-1", name="Other District")
    w.configure(**other)  # a second district, configured the same way
    w.config["id"] = "unified-1"
    before = district_rows(w.engine, "unified-1")
    assert {"districts", "assessments", "scores", "ledger", "runs", "run_items"} <= set(before)
    others_before = district_rows(w.engine, "other-1")

    runner = CliRunner()
    env = {"PASSBACK_DATABASE_URL": database_url}
    dry = runner.invoke(app, ["district", "purge", "unified-1"], env=env)
    assert dry.exit_code == 0, dry.output
    assert district_rows(w.engine, "unified-1") == before  # nothing deleted without --yes
    done = runner.invoke(app, ["district", "purge", "unified-1", "--yes"], env=env)
    assert done.exit_code == 0, done.output

    assert district_rows(w.engine, "unified-1") == {}
    with session_scope(w.engine) as session:
        for table in Base.metadata.sorted_tables:
            if "district_id" in table.c:
                left = session.execute(
                    select(table).where(table.c.district_id == "unified-1")
                ).all()
                assert not left, table.name
        entries = session.execute(
            text(
                "SELECT actor, action, target, district_id FROM audit_log"
                " WHERE action = 'district.purge'"
            )
        ).all()
    assert [(e.action, e.target, e.district_id) for e in entries] == [
        ("district.purge", "unified-1", None)
    ]
    assert entries[0].actor.startswith("cli")
    assert district_rows(w.engine, "other-1") == others_before


def test_configuration_changes_are_in_the_audit_log(
    w: World, database_url: str, tmp_path: object
) -> None:
    runner = CliRunner()
    env = {"PASSBACK_DATABASE_URL": database_url}
    path = f"{tmp_path}/district.json"
    with open(path, "w") as handle:
        json.dump(dict(w.config, effective_date="2026-09-01"), handle)
    applied = runner.invoke(app, ["district", "apply", path], env=env)
    assert applied.exit_code == 0, applied.output
    shown = runner.invoke(app, ["district", "audit", "unified-1", "--json"], env=env)
    entries = json.loads(shown.stdout)
    assert entries[0]["action"] == "district.configured"
    assert entries[0]["actor"].startswith("cli")
