"""The console's commands: user add, token create/list/revoke, plugin build."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from passback.cli import app
from passback.demo import data as demo_data
from passback.sandbox import sample_fixture


@pytest.fixture
def db(tmp_path: Path, secret_key: str) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    config = demo_data.district_config(
        "http://127.0.0.1:1/ims/oneroster/v1p1",
        "http://127.0.0.1:1/oauth/access_token",
        sample_fixture(),
    )
    path = tmp_path / "district.json"
    path.write_text(json.dumps(config))
    result = CliRunner().invoke(app, ["district", "apply", str(path), "--database-url", url])
    assert result.exit_code == 0, result.output
    return url


def test_user_add_and_errors_name_the_field(db: str) -> None:
    runner = CliRunner()
    env = {"PASSBACK_USER_PASSWORD": "correct horse battery"}
    ok = runner.invoke(
        app,
        [
            "user",
            "add",
            "ms-t",
            "--role",
            "teacher",
            "--district",
            "unified-1",
            "--sis-user",
            "T-1",
            "--database-url",
            db,
        ],
        env=env,
    )
    assert ok.exit_code == 0, ok.output
    missing = runner.invoke(
        app,
        [
            "user",
            "add",
            "mr-t",
            "--role",
            "teacher",
            "--district",
            "unified-1",
            "--database-url",
            db,
        ],
        env=env,
    )
    assert missing.exit_code == 1 and "sis_user" in missing.output
    taken = runner.invoke(
        app,
        [
            "user",
            "add",
            "ms-t",
            "--role",
            "district_admin",
            "--district",
            "unified-1",
            "--database-url",
            db,
        ],
        env=env,
    )
    assert taken.exit_code == 1 and "taken" in taken.output


def test_tokens_are_printed_once_listed_masked_and_revoked(db: str) -> None:
    runner = CliRunner()
    created = runner.invoke(
        app, ["token", "create", "unified-1", "--name", "platform", "--database-url", db]
    )
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    assert token.startswith("pbt_")
    listed = runner.invoke(app, ["token", "list", "unified-1", "--json", "--database-url", db])
    rows = json.loads(listed.stdout)
    assert token not in listed.stdout and rows[0]["token"].endswith(token[-4:])
    revoked = runner.invoke(app, ["token", "revoke", rows[0]["id"], "--database-url", db])
    assert revoked.exit_code == 0
    again = runner.invoke(app, ["token", "revoke", rows[0]["id"], "--database-url", db])
    assert again.exit_code == 1 and "already revoked" in again.output


def test_plugin_build_writes_the_zip(db: str, tmp_path: Path) -> None:
    out = tmp_path / "plugin.zip"
    result = CliRunner().invoke(
        app,
        [
            "plugin",
            "build",
            "unified-1",
            "--opportunity-id",
            "0061R00000AbCdE",
            "--contact-email",
            "support@passback.example.org",
            "-o",
            str(out),
            "--database-url",
            db,
        ],
    )
    assert result.exit_code == 0, result.output
    document = zipfile.ZipFile(io.BytesIO(out.read_bytes())).read("plugin.xml").decode()
    assert "0061R00000AbCdE" in document and "<oauth" in document
    bad = CliRunner().invoke(
        app,
        [
            "plugin",
            "build",
            "unified-1",
            "--opportunity-id",
            "x",
            "--contact-email",
            "nobody",
            "--database-url",
            db,
        ],
    )
    assert bad.exit_code == 1
    assert "opportunity_id" in bad.output and "contact_email" in bad.output


def test_user_passwd_sets_a_new_password_and_ends_sessions(db: str) -> None:
    from passback.operations.accounts import users
    from passback.store.db import make_engine

    runner = CliRunner()
    env = {"PASSBACK_USER_PASSWORD": "correct horse battery"}
    added = runner.invoke(
        app,
        [
            "user",
            "add",
            "pat",
            "--role",
            "district_admin",
            "--district",
            "unified-1",
            "--database-url",
            db,
        ],
        env=env,
    )
    assert added.exit_code == 0, added.output
    engine = make_engine(db)
    user = users.authenticate(engine, "pat", "correct horse battery")
    assert user is not None and user.user_id is not None
    session = users.start_session(engine, user.user_id, hours=1)
    epoch = users.user_epoch(engine, user.user_id)
    assert users.session_user(engine, user.user_id, epoch, session) is not None
    weak = runner.invoke(
        app,
        ["user", "passwd", "pat", "--database-url", db],
        env={"PASSBACK_USER_PASSWORD": "short"},
    )
    assert weak.exit_code != 0 and "new_password: the password must have at least" in weak.output
    unknown = runner.invoke(app, ["user", "passwd", "nobody", "--database-url", db], env=env)
    assert unknown.exit_code != 0 and "there is no user nobody" in unknown.output
    changed = runner.invoke(
        app,
        ["user", "passwd", "pat", "--database-url", db],
        env={"PASSBACK_USER_PASSWORD": "a much better one"},
    )
    assert changed.exit_code == 0, changed.output
    assert "sessions were signed out" in changed.output
    assert users.authenticate(engine, "pat", "correct horse battery") is None
    assert users.authenticate(engine, "pat", "a much better one") is not None
    assert users.session_user(engine, user.user_id, epoch, session) is None
    engine.dispose()
