"""One district file applied twice, through the command line (`passback district apply`)
into one database and through the HTTP API (`PUT /api/v1/districts/{id}/config`, the
in-process app) into another: both front ends go through the same operation, so the two
databases hold the same district, the same dated passback group and the same audit trail.

(The command line used to save the district itself: no group dates, and audit actions of
its own.)"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from passback.cli import app as cli_app
from passback.operations.accounts import users
from passback.operations.purge import cli_actor
from passback.secrets import SecretBox
from passback.store.db import make_engine, session_scope, upgrade
from passback.store.schema import Base
from passback.web import WebSettings, create_app

DISTRICT = "unified-1"
PASSWORD = "correct horse battery"


def _config(group: list[str], **changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": DISTRICT,
        "name": "Unified School District",
        "timezone": "America/Chicago",
        "sis": {
            "profile": "powerschool",
            "base_url": "https://sis.example.org/ims/oneroster/v1p1",
            "token_url": "https://sis.example.org/oauth/access_token",
            "client_id": "client-1",
            "client_secret": "secret-1",
        },
        "effective_date": "2026-08-20",
        "category_map": {"Test": "Tests", "Quiz": "Quizzes"},
        "passback_group": group,
        "closed_grading_periods": ["GP-Q1"],
        "contacts": ["it@district.example.org"],
        "options": {"excluded_as": "skip", "sis_edits": "preserve", "nightly_at": "02:00"},
    }
    document.update(changes)
    return document


FIRST = _config(["T-1", "T-2"])
# the secret left out (the stored one is kept), a teacher replaced, another date
SECOND = _config(["T-2", "T-3"], effective_date="2026-09-01")
del SECOND["sis"]["client_secret"]


def _cli_apply(database_url: str, path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document), encoding="utf-8")
    result = CliRunner().invoke(
        cli_app, ["district", "apply", str(path)], env={"PASSBACK_DATABASE_URL": database_url}
    )
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)


def _signed_in(client: TestClient, username: str) -> None:
    """Sign in through the login form, then send the session's CSRF token on API calls."""
    marker = 'name="csrf_token" value="'
    page = client.get("/login").text
    start = page.index(marker) + len(marker)
    response = client.post(
        "/login",
        data={
            "username": username,
            "password": PASSWORD,
            "csrf_token": page[start : page.index('"', start)],
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"]).text
    start = page.index(marker) + len(marker)
    client.headers["X-CSRF-Token"] = page[start : page.index('"', start)]


def _utc(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _rows(engine: Engine, table: str) -> list[dict[str, Any]]:
    with session_scope(engine, read_only=True) as session:
        found = Base.metadata.tables[table]
        return [dict(r._mapping) for r in session.execute(select(found))]


def _phase(at: datetime, marks: list[datetime]) -> int:
    """Which apply (1 or 2) a time falls in: between marks[i-1] and marks[i]."""
    for i in range(1, len(marks)):
        if marks[i - 1] <= _utc(at) <= marks[i]:
            return i
    raise AssertionError(f"{at} is outside the test ({marks})")


def _state(engine: Engine, box: SecretBox, marks: list[datetime]) -> dict[str, Any]:
    """What applying left, with the times as the apply (1st or 2nd) they fall in and the
    secret decrypted (its ciphertext has a random nonce)."""
    (district,) = _rows(engine, "districts")
    secret = district.pop("secret_ciphertext")
    return {
        "district": {
            **district,
            "created_at": _phase(district["created_at"], marks),
            "updated_at": _phase(district["updated_at"], marks),
            "secret": box.decrypt(DISTRICT, secret),
        },
        "group": sorted(
            (r["district_id"], r["sis_user_id"], _phase(r["added_at"], marks))
            for r in _rows(engine, "group_members")
        ),
        "audit": sorted(
            (_phase(r["at"], marks), r["action"], r["target"], json.dumps(r["details"]))
            for r in _rows(engine, "audit_log")
            if r["district_id"] == DISTRICT
        ),
        "actors": {
            *(r["actor"] for r in _rows(engine, "audit_log") if r["district_id"] == DISTRICT),
            *(r["added_by"] for r in _rows(engine, "group_members")),
        },
    }


def test_the_cli_and_the_api_apply_a_district_alike(tmp_path: Path, secret_key: str) -> None:
    cli_url = f"sqlite:///{tmp_path / 'cli.db'}"
    api_url = f"sqlite:///{tmp_path / 'api.db'}"
    api_engine = make_engine(api_url)
    upgrade(api_engine)
    users.create_user(api_engine, username="op", password=PASSWORD, role="operator")
    box = SecretBox.for_database(api_url)  # the key of PASSBACK_SECRET_KEY, like the CLI's
    settings = WebSettings(engine=api_engine, box=box, session_key="test-session-key")
    api = TestClient(create_app(settings), base_url="http://testserver")
    _signed_in(api, "op")

    marks = [datetime.now(UTC)]
    for n, document in enumerate((FIRST, SECOND), start=1):
        _cli_apply(cli_url, tmp_path / f"district-{n}.json", document)
        response = api.put(f"/api/v1/districts/{DISTRICT}/config", json=document)
        assert response.status_code == 200, response.text
        marks.append(datetime.now(UTC))

    cli_engine = make_engine(cli_url)
    by_cli, by_api = _state(cli_engine, box, marks), _state(api_engine, box, marks)
    cli_engine.dispose()
    api_engine.dispose()

    assert by_cli.pop("actors") == {cli_actor()}
    assert by_api.pop("actors") == {"op"}
    assert by_cli == by_api
    # what both hold: T-2 keeps the date it joined on, T-3 joined with the second file
    assert by_cli["group"] == [(DISTRICT, "T-2", 1), (DISTRICT, "T-3", 2)]
    assert by_cli["district"]["secret"] == "secret-1"
    assert [(phase, action, target) for phase, action, target, _ in by_cli["audit"]] == [
        (1, "district.created", DISTRICT),
        (2, "district.configured", DISTRICT),
    ]
    assert json.loads(by_cli["audit"][1][3]) == {
        "secret_changed": False,
        "sis_changed": [],
        "group_added": ["T-3"],
        "group_removed": ["T-1"],
    }
