"""`passback sandbox generate` and the one-line errors of `passback sandbox serve`."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from typer.testing import CliRunner

from passback.cli import app
from passback.sandbox import generate_district

runner = CliRunner()


def test_generate_writes_the_generators_fixture(tmp_path: Path) -> None:
    out = tmp_path / "d.json"
    result = runner.invoke(
        app, ["sandbox", "generate", "--students", "120", "--seed", "5", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text()) == json.loads(json.dumps(generate_district(120, seed=5)))
    assert "137 users" in result.output  # 120 students, 15 teachers, 2 administrators
    again = tmp_path / "again.json"
    runner.invoke(
        app, ["sandbox", "generate", "--students", "120", "--seed", "5", "-o", str(again)]
    )
    assert again.read_bytes() == out.read_bytes()


def test_serve_with_a_missing_fixture_fails_in_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["sandbox", "serve", "--data", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert "nope.json" in result.output
    assert "Traceback" not in result.output


def test_serve_with_a_broken_fixture_names_the_record(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"classes": [{"sourcedId": "C-1", "school": {"sourcedId": "X"}}]}))
    result = runner.invoke(app, ["sandbox", "serve", "--data", str(bad)])
    assert result.exit_code == 1
    assert "classes 'C-1' field 'school' refers to unknown orgs 'X'" in result.output


def test_serve_with_bad_fault_settings_names_the_option() -> None:
    result = runner.invoke(app, ["sandbox", "serve", "--rate-429", "2"])
    assert result.exit_code == 1
    assert "rate_429 must be a fraction between 0 and 1" in result.output


def test_serve_on_a_busy_port_fails_in_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["sandbox", "serve", "--port", str(port)])
    assert result.exit_code == 1
    assert "error" in result.output and "Traceback" not in result.output
