"""`passback district apply/show/list` through the real command line (Typer's runner),
including the canary test: a client secret must never appear in the database files, in
any output or in any log."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from passback.cli import app
from passback.secrets import SecretBox
from passback.settings import SECRET_KEY_ENV
from passback.store import districts, sis_refusals
from passback.store.db import make_engine, session_scope


def config(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": "unified-1",
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
        "category_map": {"Test": "Tests", "Quiz": "Quizzes", "Homework": "Otus Assessment"},
        "passback_group": ["T-1", "T-2"],
        "closed_grading_periods": ["GP-Q1"],
        "contacts": ["it@district.example.org"],
        "options": {"excluded_as": "skip", "sis_edits": "preserve", "nightly_at": "02:00"},
    }
    document.update(changes)
    return document


class Cli:
    """Runs `passback …` against one database."""

    def __init__(self, folder: Path, database_url: str) -> None:
        self.folder = folder
        self.database_url = database_url
        self.runner = CliRunner()
        self.outputs: list[str] = []

    def write(self, name: str, document: Any) -> Path:
        path = self.folder / name
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    def __call__(self, *args: str | Path, code: int = 0) -> Result:
        result = self.runner.invoke(
            app, [str(a) for a in args], env={"PASSBACK_DATABASE_URL": self.database_url}
        )
        self.outputs += [result.stdout, result.stderr]
        assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
        return result


@pytest.fixture
def cli(tmp_path: Path, database_url: str, secret_key: str) -> Cli:
    return Cli(tmp_path, database_url)


def test_apply_then_show_round_trip(cli: Cli) -> None:
    path = cli.write("district.json", config())
    assert cli("district", "apply", path).stderr.strip() == "created district unified-1"
    assert cli("district", "apply", path).stderr.strip() == "updated district unified-1"

    shown = json.loads(cli("district", "show", "unified-1", "--json").stdout)
    expected = config()
    expected["sis"]["client_secret"] = "********"
    expected["options"]["on_change"] = False
    assert shown == {
        "config": expected,
        "learned_closed_periods": [],
        "sis_refuses": {},
        "activation": {
            "active": False,
            "activated_at": None,
            "activated_by": None,
            "paused_at": None,
            "paused_by": None,
        },
    }

    human = cli("district", "show", "unified-1").stdout
    assert "******** (stored encrypted)" in human
    assert "secret-1" not in human
    assert "Quiz → Quizzes" in human

    listed = json.loads(cli("district", "list", "--json").stdout)
    assert [d["id"] for d in listed] == ["unified-1"]
    assert "unified-1" in cli("district", "list").stdout


def test_update_without_secret_keeps_it_and_changes_the_rest(cli: Cli) -> None:
    cli("district", "apply", cli.write("a.json", config()))
    changed = config(name="Renamed", passback_group=["T-9"])
    del changed["sis"]["client_secret"]
    cli("district", "apply", cli.write("b.json", changed))
    shown = json.loads(cli("district", "show", "unified-1", "--json").stdout)["config"]
    assert (shown["name"], shown["passback_group"]) == ("Renamed", ["T-9"])
    engine = make_engine(cli.database_url)
    with session_scope(engine) as session:
        assert (
            districts.client_secret(session, "unified-1", SecretBox.for_database(cli.database_url))
            == "secret-1"
        )
    engine.dispose()


def test_new_district_without_secret_gets_a_note(cli: Cli) -> None:
    document = config()
    del document["sis"]["client_secret"]
    result = cli("district", "apply", cli.write("d.json", document))
    assert "no SIS client secret is stored yet" in result.stderr
    shown = json.loads(cli("district", "show", "unified-1", "--json").stdout)["config"]
    assert "client_secret" not in shown["sis"]


def test_learned_closed_periods_are_shown(cli: Cli) -> None:
    cli("district", "apply", cli.write("d.json", config()))
    engine = make_engine(cli.database_url)
    with session_scope(engine) as session:
        districts.mark_period_closed(session, "unified-1", "GP-Q2", "Reporting term is locked")
    engine.dispose()
    shown = json.loads(cli("district", "show", "unified-1", "--json").stdout)
    assert shown["config"]["closed_grading_periods"] == ["GP-Q1"]
    [learned] = shown["learned_closed_periods"]
    assert (learned["period"], learned["message"]) == ("GP-Q2", "Reporting term is locked")
    assert "GP-Q2" in cli("district", "show", "unified-1").stdout


def test_scopes_round_trip_and_a_refused_delete_is_shown(cli: Cli) -> None:
    document = config()
    document["sis"]["scopes"] = ["roster-core.readonly", "gradebook.createput"]
    cli("district", "apply", cli.write("d.json", document))
    engine = make_engine(cli.database_url)
    with session_scope(engine) as session:
        district = districts.get_district(session, "unified-1")
        assert district is not None
        sis_refusals.learn(
            session,
            district,
            sis_refusals.DELETE,
            "the SIS answered DELETE with 405",
            datetime.now(UTC),
        )
    engine.dispose()
    shown = json.loads(cli("district", "show", "unified-1", "--json").stdout)
    assert shown["config"]["sis"]["scopes"] == ["roster-core.readonly", "gradebook.createput"]
    assert shown["sis_refuses"] == {"delete": "the SIS answered DELETE with 405"}
    human = cli("district", "show", "unified-1").stdout
    assert "roster-core.readonly gradebook.createput" in human
    assert "sis refuses delete" in human
    # changing the SIS settings lifts the refusal: passback tries deleting again
    document["sis"]["scopes"].append("gradebook.delete")
    cli("district", "apply", cli.write("d.json", document))
    assert json.loads(cli("district", "show", "unified-1", "--json").stdout)["sis_refuses"] == {}


def test_every_problem_of_a_bad_file_is_listed_without_the_secret(cli: Cli) -> None:
    bad = config(timezone="Mars/Base", colour="blue", contacts=["not-an-address"])
    bad["sis"].update(base_url="ftp://sis.example.org", client_secret=["secret-in-a-list"])
    bad["options"]["nightly_at"] = "25:00"
    result = cli("district", "apply", cli.write("bad.json", bad), code=1)
    lines = result.stderr
    for expected in (
        "timezone: is not a known IANA time zone",
        "sis.base_url: must be an http(s) URL",
        "sis.client_secret: must be a string",
        "contacts[0]: must be an e-mail address (got 'not-an-address')",
        "options.nightly_at: must be a 24-hour time written HH:MM",
        "colour: is not a known field",
    ):
        assert expected in lines
    assert "secret-in-a-list" not in lines
    assert json.loads(cli("district", "list", "--json").stdout) == []


def test_a_bad_file_creates_no_database(tmp_path: Path, secret_key: str) -> None:
    """The file is checked before the database is opened: a typo does not leave an empty
    SQLite database (and its key file) behind."""
    database = tmp_path / "new" / "passback.db"
    database.parent.mkdir()
    cli = Cli(tmp_path, f"sqlite:///{database}")
    result = cli("district", "apply", cli.write("bad.json", config(timezone="Mars/Base")), code=1)
    assert "timezone: is not a known IANA time zone" in result.stderr
    assert list(database.parent.iterdir()) == []


def test_the_masked_placeholder_is_not_a_secret(cli: Cli) -> None:
    document = config()
    document["sis"]["client_secret"] = "********"
    result = cli("district", "apply", cli.write("d.json", document), code=1)
    assert "leave it out to keep the stored secret" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [("{", "invalid JSON at line 1, column 2"), (None, "cannot read the file")],
)
def test_unreadable_files(cli: Cli, content: str | None, message: str) -> None:
    path = cli.folder / "d.json"
    if content is not None:
        path.write_text(content)
    assert message in cli("district", "apply", path, code=1).stderr


def test_unknown_district(cli: Cli) -> None:
    result = cli("district", "show", "nope", code=1)
    assert result.stderr.strip() == "error: district nope is not configured"


def test_database_url_option_wins_over_the_environment(cli: Cli, tmp_path: Path) -> None:
    other = f"sqlite:///{tmp_path / 'other.db'}"
    cli("district", "apply", cli.write("d.json", config()), "--database-url", other)
    assert json.loads(cli("district", "list", "--json").stdout) == []
    listed = cli("district", "list", "--json", "--database-url", other).stdout
    assert [d["id"] for d in json.loads(listed)] == ["unified-1"]


def test_unreachable_database_is_one_line_without_password(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["district", "list", "--database-url", "postgresql://u:pw-123@127.0.0.1:1/x"],
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "error: cannot open the database postgresql://u:***@127.0.0.1:1/x: "
    )
    assert "pw-123" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_canary_secret_is_never_stored_printed_or_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Embedded mode (SQLite file, key file): apply a district whose secret is a unique
    canary, use every command, then look for the canary everywhere."""
    monkeypatch.delenv(SECRET_KEY_ENV, raising=False)
    caplog.set_level(logging.DEBUG)
    canary = f"CANARY-{uuid.uuid4().hex}"
    data = tmp_path / "data"
    data.mkdir()
    cli = Cli(tmp_path, f"sqlite:///{data / 'passback.db'}")
    document = config()
    document["sis"]["client_secret"] = canary
    path = cli.write("district.json", document)

    for verbose in ([], ["-v"]):
        cli(*verbose, "district", "apply", path)
        cli(*verbose, "district", "show", "unified-1")
        cli(*verbose, "district", "show", "unified-1", "--json")
        cli(*verbose, "district", "list")
        cli(*verbose, "district", "list", "--json")
        bad = cli.write("bad.json", {**document, "timezone": "Nowhere/Land"})
        cli(*verbose, "district", "apply", bad, code=1)
        imported = cli.write(
            "import.json", {"district": "unified-1", "assessments": [], "scores": []}
        )
        cli(*verbose, "import", imported, "--json")

    engine = make_engine(cli.database_url)
    with session_scope(engine) as session:  # it is stored, and only in encrypted form
        box = SecretBox.for_database(cli.database_url)
        assert districts.client_secret(session, "unified-1", box) == canary
        assert canary not in repr(districts.get_district(session, "unified-1"))
    engine.dispose()

    needle = canary.encode()
    files = sorted(p for p in data.iterdir() if p.is_file())
    assert {p.name for p in files} >= {"passback.db", "passback.key"}
    for file in files:
        assert needle not in file.read_bytes(), file.name
    assert all(canary not in output for output in cli.outputs)
    assert any("district.applied" in output for output in cli.outputs)  # logs were captured
    assert canary not in caplog.text


def test_a_new_sis_address_or_client_needs_the_secret_again(cli: Cli) -> None:
    cli("district", "apply", cli.write("a.json", config()))
    moved = config()
    del moved["sis"]["client_secret"]
    moved["sis"]["token_url"] = "https://sis.example.org/other/token"
    refused = cli("district", "apply", cli.write("b.json", moved), code=1)
    assert "sis.client_secret: enter the client secret again" in refused.stderr
    assert "sis.token_url changed" in refused.stderr
    shown = json.loads(cli("district", "show", "unified-1", "--json").stdout)["config"]
    assert shown["sis"]["token_url"] == "https://sis.example.org/oauth/access_token"
    moved["sis"]["client_secret"] = "secret-2"
    cli("district", "apply", cli.write("c.json", moved))
    engine = make_engine(cli.database_url)
    with session_scope(engine) as session:
        from passback.store import audit

        entry = audit.recent(session, "unified-1", limit=1)[0]
    assert entry.action == "district.configured"
    assert entry.details == {
        "secret_changed": True,
        "sis_changed": ["sis.token_url"],
        "group_added": [],
        "group_removed": [],
    }
    engine.dispose()


def test_a_token_url_on_another_origin_is_refused(cli: Cli) -> None:
    elsewhere = config()
    elsewhere["sis"]["token_url"] = "https://login.example.net/oauth/access_token"
    refused = cli("district", "apply", cli.write("a.json", elsewhere), code=1)
    assert "sis.token_url: must be on the same origin as sis.base_url" in refused.stderr


def test_the_database_file_is_private(tmp_path: Path, sqlite_url: str, secret_key: str) -> None:
    """A SQLite file (and its WAL) is for its owner only (PostgreSQL has no file of ours)."""
    cli = Cli(tmp_path, sqlite_url)
    cli("district", "apply", cli.write("a.json", config()))
    from passback.settings import sqlite_file

    path = sqlite_file(cli.database_url)
    assert path is not None and path.exists()
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            assert file.stat().st_mode & 0o777 == 0o600, file
