"""Run listeners: told about every finished run, in order, after its report is stored; one
that fails is logged and changes nothing about the run."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from passback.store import runs as run_store
from passback.store.db import session_scope

from .harness import World


def test_listeners_hear_each_run_in_order_and_a_failing_one_changes_nothing(w: World) -> None:
    w.load_demo()
    heard: list[tuple[str, str, str]] = []

    def first(engine: Engine, report: dict[str, Any]) -> None:
        with session_scope(engine, read_only=True) as session:
            stored = run_store.get_run(session, report["run"])
        assert stored is not None and stored.status == report["status"]  # stored already
        heard.append(("first", report["run"], report["status"]))

    def broken(engine: Engine, report: dict[str, Any]) -> None:
        raise RuntimeError("the listener is down")

    def last(engine: Engine, report: dict[str, Any]) -> None:
        heard.append(("last", report["run"], report["status"]))

    dry = w.sync(dry_run=True, listeners=(first, broken, last))
    real = w.sync(listeners=(first, broken, last))

    assert real["status"] in ("succeeded", "partial")
    assert heard == [
        ("first", dry["run"], dry["status"]),
        ("last", dry["run"], dry["status"]),
        ("first", real["run"], real["status"]),
        ("last", real["run"], real["status"]),
    ]
