"""Rotating the secret key while syncs run: every secret re-sealed under the new key, the old
key no longer needed, syncs before, during and after all work."""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from integration.sync.harness import world
from passback.cli import app
from passback.sandbox import FaultConfig
from passback.secrets import SecretBox
from passback.settings import sqlite_file
from passback.store.db import make_engine, session_scope, upgrade
from passback.store.schema import Base


def test_rotation_while_a_sync_runs(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    # key-file mode: no key in the environment
    monkeypatch.delenv("PASSBACK_SECRET_KEY", raising=False)
    monkeypatch.delenv("PASSBACK_OLD_SECRET_KEYS", raising=False)
    url = f"sqlite:///{tmp_path}/rotate.db"
    engine = make_engine(url)
    upgrade(engine)
    box = SecretBox.for_database(url)  # a long-lived process's box, loaded before rotating
    old_id = box.key_id
    with world(engine, box, loopback=True) as w:
        w.configure(id="second-1", name="Second District")
        w.configure(id="unified-1", name="Unified School District (demo)")
        w.load_demo()
        w.sandbox.set_faults(FaultConfig(latency_ms=10))
        reports: list[dict[str, object]] = []
        syncing = threading.Thread(target=lambda: reports.append(w.sync()))
        syncing.start()
        result = CliRunner().invoke(app, ["key", "rotate"], env={"PASSBACK_DATABASE_URL": url})
        syncing.join()
        assert result.exit_code == 0, result.output
        assert "re-sealed 2 of 2" in result.output

        key_file = sqlite_file(url).parent / "passback.key"  # type: ignore[union-attr]
        assert not key_file.with_name("passback.key.old").exists()
        fresh = SecretBox.for_database(url)
        assert fresh.key_id != old_id
        table = Base.metadata.tables["districts"]
        with session_scope(engine) as session:
            blobs = session.scalars(select(table.c.secret_ciphertext)).all()
        assert all(fresh.sealed_with_current_key(b) for b in blobs)

        assert reports[0]["counts"]["created"] > 100  # type: ignore[index]
        # the long-lived box follows the rotation; a new sync works with it
        again = asyncio.run(w.async_sync())
        assert again["status"] in ("succeeded", "partial")
        assert box.key_id == fresh.key_id
