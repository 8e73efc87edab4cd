"""Writes `before_0005.sql` and `before_0005_sis.json`: a district synced by passback as it
was before revision 0005 (seed rules), for `tests/integration/store/test_upgrade_0005.py`.

Run with the code of that time on the path, not this checkout's (it was made from main at
51f6935, the parent of the seed-rules branch):

    PYTHONPATH=/path/to/old/checkout/src python tests/integration/store/upgrade/make_fixture.py

It starts the sandbox with the sample fixture, configures the demo district, loads the
demo's platform data, runs one sync as of the demo's date, and dumps the SQLite database
(its roster caches emptied: the next run reads them again; no client secret) and
passback's lineItems and results in the SIS.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import json
import os
import sqlite3
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("PASSBACK_SECRET_KEY", base64.urlsafe_b64encode(os.urandom(32)).decode())

from passback.demo import data as demo_data  # noqa: E402
from passback.intake.district_file import DistrictConfig  # noqa: E402
from passback.intake.records import validate_assessment, validate_score  # noqa: E402
from passback.sandbox import SandboxServer, SandboxState, sample_fixture  # noqa: E402
from passback.secrets import SecretBox  # noqa: E402
from passback.store import districts, source  # noqa: E402
from passback.store.db import make_engine, session_scope, upgrade  # noqa: E402
from passback.sync.service import SyncRequest, SyncSettings, run_sync  # noqa: E402


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    url = f"sqlite:///{tmp / 'old.db'}"
    engine = make_engine(url)
    upgrade(engine)
    box = SecretBox.for_database(url)
    fixture = copy.deepcopy(sample_fixture())
    with SandboxServer(SandboxState.from_fixture(fixture)) as srv:
        config = demo_data.district_config(srv.base_url, srv.token_url, fixture)
        district, secret = DistrictConfig.parse(config).to_domain()
        data = demo_data.platform_data(fixture)
        with session_scope(engine) as session:
            districts.save_district(session, district, secret, box)
        with session_scope(engine) as session:
            source.upsert_assessments(
                session,
                [validate_assessment(a, "a", district.id) for a in data["assessments"]],  # type: ignore[misc]
            )
            source.upsert_scores(
                session,
                [validate_score(s, "s", district.id) for s in data["scores"]],  # type: ignore[misc]
            )
        report = asyncio.run(
            run_sync(
                engine,
                SyncRequest(district.id, as_of=demo_data.AS_OF, trigger="test"),
                box=box,
                settings=SyncSettings(),
            )
        )
        print("old sync:", report["counts"])
        sis = {
            name: sorted(
                (o for o in srv.state.values(name) if o["sourcedId"].startswith("pb")),
                key=lambda o: o["sourcedId"],
            )
            for name in ("lineItems", "results")
        }
    engine.dispose()
    connection = sqlite3.connect(tmp / "old.db")
    for table in ("roster_cache", "sis_line_items"):
        connection.execute(f"DELETE FROM {table}")
    # no secret in a fixture, even one encrypted with a key that is gone: the test stores one
    connection.execute("UPDATE districts SET secret_ciphertext = NULL")
    connection.commit()
    lines = [line for line in connection.iterdump()]
    (HERE / "before_0005.sql").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (HERE / "before_0005_sis.json").write_text(
        json.dumps(sis, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
