"""The synthetic district generator: deterministic, importable as it is, and with the mix
of decisions the benchmark relies on."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from passback.cli import app
from passback.intake.district_file import DistrictConfig
from passback.operations.ingest import ingest_file
from passback.sandbox.synthetic import generate
from passback.secrets import SecretBox
from passback.store import districts
from passback.store.db import open_store, session_scope


def test_same_seed_same_district_other_seed_other_scores(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", students=60, seed=3)
    b = generate(tmp_path / "b", students=60, seed=3)
    c = generate(tmp_path / "c", students=60, seed=4)
    assert a.platform.read_bytes() == b.platform.read_bytes()
    assert a.sis.read_bytes() == b.sis.read_bytes()
    assert a.platform.read_bytes() != c.platform.read_bytes()


def test_generated_platform_data_imports_without_a_rejection(
    tmp_path: Path, secret_key: str
) -> None:
    made = generate(tmp_path / "d", students=200, seed=2, per_period=6)
    doc = json.loads(made.platform.read_text())
    assert len(doc["assessments"]) == made.counts.assessments > 0
    assert len(doc["scores"]) == made.counts.scores > made.counts.assessments
    states = Counter(s["state"] for s in doc["scores"])
    assert set(states) == {"graded", "submitted", "in_progress", "not_submitted"}
    assert states["graded"] > len(doc["scores"]) / 2
    assert any(s["excluded"] for s in doc["scores"])
    assert any(len(a["classes"]) > 1 for a in doc["assessments"])
    assert any(a["deleted"] for a in doc["assessments"])
    # what a platform sends: work is never due before it is assigned
    assert all(a["due_on"] is None or a["assigned_on"] <= a["due_on"] for a in doc["assessments"])

    engine = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    config = json.loads(made.district.read_text())
    assert config["sis"]["base_url"] == "http://127.0.0.1:8900/ims/oneroster/v1p1"
    assert config["closed_grading_periods"]  # the sandbox's closed quarter is known
    district, secret = DistrictConfig.parse(config).to_domain()
    with session_scope(engine) as session:
        districts.save_district(session, district, secret, SecretBox.for_database(str(engine.url)))
    with made.platform.open("rb") as handle:
        summary = ingest_file(engine, None, handle)
    assert summary.ok
    assert summary.assessments.stored == made.counts.assessments
    assert summary.scores.stored == made.counts.scores
    assert summary.rejected == 0


def test_cli_writes_the_four_files_into_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    result = CliRunner().invoke(
        app, ["sandbox", "generate", "--students", "40", "--seed", "9", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {
        "sis.json",
        "platform.json",
        "district.json",
        "summary.json",
    }
    summary = json.loads((out / "summary.json").read_text())
    assert summary["students"] == 40 and summary["seed"] == 9 and summary["scores"] > 0


def test_cli_refuses_folder_options_for_a_fixture_file(tmp_path: Path) -> None:
    out = tmp_path / "sis.json"
    result = CliRunner().invoke(
        app, ["sandbox", "generate", "--students", "40", "--per-period", "3", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "--per-period: only for a folder" in result.output
    assert not out.exists()
