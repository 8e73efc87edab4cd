"""Operator actions on whole districts: purge (every row and secret of a district, with an
audit entry that outlives it) and the audit trail of the command line."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, select

from passback.core.clock import utc_now
from passback.settings import sqlite_file
from passback.store import audit
from passback.store.db import session_scope
from passback.store.locks import lock_path
from passback.store.schema import Base


def cli_actor() -> str:
    """Who ran a command: the operating-system user (the CLI has no login)."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


@dataclass(frozen=True)
class PurgeResult:
    district: str
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def district_rows(engine: Engine, district: str) -> dict[str, int]:
    """Rows that belong to the district, per table (tables with a `district_id` column, the
    district itself, and run items of its runs)."""
    tables = Base.metadata.tables
    counts: dict[str, int] = {}
    with session_scope(engine, read_only=True) as session:
        for name, table in sorted(tables.items()):
            if "district_id" in table.c:
                query = select(func.count()).where(table.c.district_id == district)
            elif name == "districts":
                query = select(func.count()).where(table.c.id == district)
            elif name == "run_items":
                runs = tables["runs"]
                ids = select(runs.c.id).where(runs.c.district_id == district)
                query = select(func.count()).where(table.c.run_id.in_(ids))
            else:
                continue
            n = int(session.scalar(query) or 0)
            if n:
                counts[name] = n
    return counts


def purge_district(engine: Engine, district: str, *, actor: str) -> PurgeResult:
    """Delete every row of the district (its secret with it) in one transaction, then
    record who did it in the audit log (an operator-level entry, kept)."""
    before = district_rows(engine, district)
    tables = Base.metadata.tables
    with session_scope(engine) as session:
        runs = tables["runs"]
        session.execute(
            delete(tables["run_items"]).where(
                tables["run_items"].c.run_id.in_(
                    select(runs.c.id).where(runs.c.district_id == district)
                )
            )
        )
        # children before parents, whatever the database does with ON DELETE CASCADE
        for table in reversed(Base.metadata.sorted_tables):
            if "district_id" in table.c:
                session.execute(delete(table).where(table.c.district_id == district))
        session.execute(delete(tables["districts"]).where(tables["districts"].c.id == district))
        audit.record(
            session,
            actor=actor,
            district=None,
            action="district.purge",
            target=district,
            now=utc_now(),
            details={"rows": before},
        )
    database = sqlite_file(str(engine.url))
    if database is not None:  # the district's run-lock file, if any
        lock_path(database, district).unlink(missing_ok=True)
    return PurgeResult(district, before)
