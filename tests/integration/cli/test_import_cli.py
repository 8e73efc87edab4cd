"""`passback import FILE` through the real command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from passback.cli import app
from passback.store import source
from passback.store.db import make_engine, session_scope

from .test_district_cli import Cli, config


def assessment(aid: str, **changes: Any) -> dict[str, Any]:
    record = {
        "id": aid,
        "classes": ["CLS-7A"],
        "title": "Unit 1 Test",
        "type": "Test",
        "scoring": "points",
        "points_possible": 20,
        "include_in_final_grade": True,
        "assigned_by": "T-1",
        "assigned_on": "2026-09-01",
        "due_on": "2026-09-08",
        "updated_at": "2026-09-01T15:00:00Z",
    }
    return {**record, **changes}


def score(aid: str, student: str, **changes: Any) -> dict[str, Any]:
    record = {
        "assessment": aid,
        "student": student,
        "state": "graded",
        "points": 18,
        "updated_at": "2026-09-09T10:00:00Z",
    }
    return {**record, **changes}


@pytest.fixture
def cli(tmp_path: Path, database_url: str, secret_key: str) -> Cli:
    runner = Cli(tmp_path, database_url)
    runner("district", "apply", runner.write("district.json", config()))
    return runner


def stored_scores(cli: Cli) -> dict[str, float | None]:
    engine = make_engine(cli.database_url)
    with session_scope(engine) as session:
        found = {s.student: s.points for s in source.load_scores(session, "unified-1", ["A-1"])}
    engine.dispose()
    return found


def test_a_clean_file_imports_with_exit_0(cli: Cli) -> None:
    document = {
        "district": "unified-1",
        "assessments": [assessment("A-1")],
        "scores": [score("A-1", "S-1")],
    }
    result = cli("import", cli.write("in.json", document))
    assert result.stdout == ""
    assert "import into unified-1" in result.stderr
    assert "assessments │ 1" in result.stderr
    assert stored_scores(cli) == {"S-1": 18.0}


def test_rejections_are_listed_one_per_line_and_exit_1(cli: Cli) -> None:
    document = {
        "district": "unified-1",
        "assessments": [assessment("A-1"), assessment("A-2", due_on="08/09/2026")],
        "scores": [
            score("A-1", "S-1"),
            score("A-1", "S-2", points=-3),
            score("A-7", "S-3"),
            score("A-1", "S-4", extra=True),
        ],
    }
    result = cli("import", cli.write("in.json", document), "--json", code=1)
    lines = result.stderr.splitlines()
    for expected in (
        "assessments[1] (id A-2): due_on: must be a date written YYYY-MM-DD (got '08/09/2026')",
        "scores[1] (assessment A-1, student S-2): points: must be 0 or more (got -3)",
        "scores[2] (assessment A-7, student S-3): assessment: assessment A-7 not found "
        "(not in this file nor stored)",
        "scores[3] (assessment A-1, student S-4): extra: is not a known field",
    ):
        assert expected in lines
    summary = json.loads(result.stdout)
    assert (summary["stored"], summary["rejected"], summary["ok"]) == (2, 4, False)
    assert stored_scores(cli) == {"S-1": 18.0}


def test_stale_resend_is_reported(cli: Cli) -> None:
    first = {
        "district": "unified-1",
        "assessments": [assessment("A-1")],
        "scores": [score("A-1", "S-1")],
    }
    cli("import", cli.write("a.json", first))
    older = {
        "district": "unified-1",
        "scores": [score("A-1", "S-1", points=1, updated_at="2026-09-01T00:00:00Z")],
    }
    summary = json.loads(cli("import", cli.write("b.json", older), "--json").stdout)
    assert (summary["stored"], summary["stale"], summary["ok"]) == (0, 1, True)
    assert stored_scores(cli) == {"S-1": 18.0}


def test_truncated_file_keeps_what_came_before(cli: Cli) -> None:
    text = json.dumps(
        {
            "district": "unified-1",
            "assessments": [assessment("A-1")],
            "scores": [score("A-1", "S-1"), score("A-1", "S-2")],
        }
    )
    path = cli.folder / "cut.json"
    path.write_text(text[: text.rindex("S-2")])
    result = cli("import", path, code=1)
    assert "error: the JSON is invalid or cut off in scores[1]" in result.stderr
    assert stored_scores(cli) == {"S-1": 18.0}


def test_reads_standard_input(cli: Cli) -> None:
    document = json.dumps({"district": "unified-1", "assessments": [assessment("A-1")]})
    result = cli.runner.invoke(
        app, ["import", "-"], input=document, env={"PASSBACK_DATABASE_URL": cli.database_url}
    )
    assert result.exit_code == 0, result.stderr


def test_district_option_for_documents_without_one(cli: Cli) -> None:
    path = cli.write(
        "in.json", {"assessments": [assessment("A-1")], "scores": [score("A-1", "S-1")]}
    )
    assert "names no district" in cli("import", path, code=1).stderr
    cli("import", path, "--district", "unified-1")
    assert stored_scores(cli) == {"S-1": 18.0}


def test_missing_file_is_one_line(tmp_path: Path, sqlite_url: str) -> None:
    result = CliRunner().invoke(
        app, ["import", str(tmp_path / "nope.json"), "--database-url", sqlite_url]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot read")
    assert len(result.stderr.strip().splitlines()) == 1
