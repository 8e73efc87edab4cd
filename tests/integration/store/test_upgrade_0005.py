"""A district synced before revision 0005 (seed rules), then this code: the next run writes
nothing that did not change, deletes nothing, and keeps sending what it sent.

`upgrade/before_0005.sql` and `upgrade/before_0005_sis.json` are the database and the SIS
that passback wrote before the change (made by `upgrade/make_fixture.py` with that code):
the demo district, its platform data and one sync as of the demo's date.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import json
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import Column, Engine, MetaData, Table, insert, inspect, select

from passback.demo import data as demo_data
from passback.sandbox import SandboxServer, SandboxState, sample_fixture
from passback.secrets import SecretBox
from passback.store import districts, source
from passback.store.db import alembic_config, make_engine, session_scope, upgrade
from passback.store.schema import Base
from passback.sync.service import SyncRequest, SyncSettings, run_sync

HERE = Path(__file__).resolve().parent / "upgrade"
DISTRICT = "unified-1"


def _sync(engine: Engine, box: SecretBox) -> dict[str, Any]:
    request = SyncRequest(DISTRICT, as_of=demo_data.AS_OF, trigger="test")
    return asyncio.run(run_sync(engine, request, box=box, settings=SyncSettings()))


def _ours(srv: SandboxServer) -> dict[str, dict[str, Any]]:
    return {
        o["sourcedId"]: o
        for name in ("lineItems", "results")
        for o in srv.state.values(name)
        if o["sourcedId"].startswith("pb")
    }


def _old_database(tmp_path: Path, url: str) -> Engine:
    """The database of before 0005 at `url`: the dump itself on SQLite; on PostgreSQL the
    schema migrated to 0004 and every row of the dump copied in, table by table."""
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as connection:
        connection.executescript((HERE / "before_0005.sql").read_text(encoding="utf-8"))
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == "0004"
    old = make_engine(f"sqlite:///{db}")
    if url.startswith("sqlite"):
        return old
    engine = make_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0004")
    with old.connect() as source_db, engine.begin() as target:
        for table in Base.metadata.sorted_tables:
            if not inspect(source_db).has_table(table.name):
                continue  # a table of a later revision
            there = {c["name"] for c in inspect(source_db).get_columns(table.name)}
            columns = [c for c in table.columns if c.name in there]
            rows = [dict(r._mapping) for r in source_db.execute(select(*columns))]
            if rows:
                # the table as it was at 0004: the head model's columns that existed then
                then = Table(table.name, MetaData(), *(Column(c.name, c.type) for c in columns))
                target.execute(insert(then), rows)
    old.dispose()
    return engine


def test_a_district_synced_before_0005_sees_no_writes_on_its_next_run(
    tmp_path: Path, database_url: str, secret_key: str
) -> None:
    engine = _old_database(tmp_path, database_url)
    upgrade(engine)
    url = database_url
    box = SecretBox.for_database(url)
    old_sis = json.loads((HERE / "before_0005_sis.json").read_text(encoding="utf-8"))
    state = SandboxState.from_fixture(copy.deepcopy(sample_fixture()))
    for name, objects in old_sis.items():
        for obj in objects:
            state.upsert(name, obj, stamp=False)
    with SandboxServer(state) as srv:
        with session_scope(engine) as session:
            old = districts.get_district(session, DISTRICT, include_learned=False)
            assert old is not None
            moved = dataclasses.replace(
                old,
                sis=dataclasses.replace(old.sis, base_url=srv.base_url, token_url=srv.token_url),
            )
            districts.save_district(session, moved, "demo-secret", box)
            stored = source.load_assessments(session, DISTRICT)
        # rows stored before the field existed: no automatic zeros for them
        assert stored and all(a.assigned_to is None for a in stored)
        before = _ours(srv)
        assert len(before) > 100

        report = _sync(engine, box)
        assert report["counts"]["deleted"] == 0
        assert report["counts"]["created"] == report["counts"]["updated"] == 0
        assert report["api_calls"]["writes"] == 0
        assert _ours(srv) == before
        # what was sent before is still sent (unchanged), however old it is
        sent_before = {sid for sid in before if sid.startswith("pbl-")}
        unchanged = {i["sourcedId"] for i in report["items"] if i["action"] == "unchanged"}
        assert sent_before <= unchanged

        # a change on the platform's side is the only write of the run after
        with session_scope(engine) as session:
            a100 = next(a for a in source.load_assessments(session, DISTRICT) if a.id == "A-100")
            changed = dataclasses.replace(
                a100, description="Chapters 5-7", updated_at=a100.updated_at + timedelta(days=10)
            )
            source.upsert_assessments(session, [changed])
        again = _sync(engine, box)
        assert again["api_calls"]["writes"] == 1
        assert [i["assessment"] for i in again["items"] if i["action"] == "update"] == ["A-100"]
    engine.dispose()
