"""Requests per run against each quirk of the interop kit (tests/integration/interop): what a SIS's
paging and refusals cost passback in reads, writes and token calls.

For every quirk set of `tests/integration/interop/test_quirks.py` the kit's story runs on a fresh
SQLite database: create, rerun, update with a retraction, rerun. Printed per run: the
status, reads, writes, and the roster cache's reads of an unchanged night.

    .venv/bin/python benchmarks/interop_reads.py
"""

from __future__ import annotations

import base64
import logging
import os
import sys
import tempfile
from pathlib import Path

import structlog

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.integration.interop.quirk_server import QuirkServer  # noqa: E402
from tests.integration.interop.test_quirks import (  # noqa: E402
    QUIRKS,
    STUDENTS,
    Kit,
    assessment,
    score,
    seed,
)

from passback.secrets import SecretBox  # noqa: E402
from passback.settings import SECRET_KEY_ENV  # noqa: E402
from passback.store.db import make_engine, upgrade  # noqa: E402


def story(kit: Kit) -> list[tuple[str, int, int]]:
    students = [s for c in ("C1", "C2") for s in STUDENTS[c]]
    kit.load(
        [assessment("A1", ["C1", "C2"]), assessment("A2", ["C3"])],
        [score("A1", s, 15) for s in students] + [score("A2", s, 12) for s in STUDENTS["C3"]],
    )
    runs = [kit.sync(), kit.sync()]
    kit.load(
        [assessment("A2", ["C3"], deleted=True, updated_at="2026-11-05T15:00:00Z")],
        [score("A1", students[0], 19, "2026-11-05T15:00:00Z")],
    )
    runs += [kit.sync(), kit.sync()]
    return [(r["status"], r["api_calls"]["reads"], r["api_calls"]["writes"]) for r in runs]


def main() -> None:
    os.environ.setdefault(SECRET_KEY_ENV, base64.urlsafe_b64encode(os.urandom(32)).decode())
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))
    print("| quirk | create | rerun | update + retraction | rerun |")
    print("|---|---|---|---|---|")
    for name, quirks in QUIRKS.items():
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            engine = make_engine(url)
            upgrade(engine)
            kit = Kit(engine, SecretBox.for_database(url), QuirkServer(quirks=quirks))
            seed(kit.server)
            kit.configure()
            cells = [f"{s} {r} R / {w} W" for s, r, w in story(kit)]
            engine.dispose()
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
