"""`passback runs`, `report`, `explain` and `sync` through the real command line (Typer's
runner) against the real sandbox and database: the CLI conventions of issue 15 — 80
columns, short ids `report` accepts, reads exit 0, unknown ids exit 1 with a clear
message, valid codes listed, help without type noise, env var names as documented,
names beside ids, counts split by kind that add up."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from integration.sync.harness import AS_OF, World, world
from passback.cli import app
from passback.cli.report_view import render
from passback.core.reasons import Reason
from passback.secrets import SecretBox


class Cli:
    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0, env: dict[str, str] | None = None) -> Result:
        result = self.runner.invoke(
            app,
            list(args),
            env={"PASSBACK_DATABASE_URL": self.database_url, "COLUMNS": "80", **(env or {})},
        )
        assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
        return result


@pytest.fixture
def synced(engine: Engine, database_url: str, secret_key: str) -> Iterator[tuple[World, Cli]]:
    """The demo district after a dry run and a real run (partial: the SIS refuses some
    scores), and the CLI on its database."""
    # `passback sync` builds its own client: the sandbox serves over a real socket
    with world(engine, SecretBox.for_database(database_url), loopback=True) as w:
        w.load_demo()
        w.sync(dry_run=True)
        w.sync()
        yield w, Cli(database_url)


def _runs(cli: Cli, district: str, *extra: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = json.loads(cli("runs", district, "--json", *extra).stdout)
    return out


def test_runs_fits_80_columns_with_short_ids_that_report_accepts(
    synced: tuple[World, Cli],
) -> None:
    w, cli = synced
    printed = cli("runs", w.district).stdout
    lines = printed.rstrip("\n").splitlines()
    assert lines and all(len(line) <= 80 for line in lines), printed
    real, dry = sorted(_runs(cli, w.district), key=lambda r: r["dry_run"])
    short = real["run"][:8]
    row = next(line for line in lines if line.startswith(short))
    dry_row = next(line for line in lines if line.startswith(dry["run"][:8]))
    # a real run says what it sent; a dry run what it would send, never "sent"
    assert f" {real['counts_by_kind']['result']['created']} " in f"{row} "
    assert f"would {dry['counts_by_kind']['result']['created']}" in dry_row
    # the short id is enough for `report`
    shown = json.loads(cli("report", short, "--json").stdout)
    assert shown["run"] == real["run"]
    # --wide shows the whole id
    assert real["run"] in cli("runs", w.district, "--wide").stdout


def test_reading_a_partial_runs_report_exits_0(synced: tuple[World, Cli]) -> None:
    w, cli = synced
    real = next(r for r in _runs(cli, w.district) if not r["dry_run"])
    assert real["status"] == "partial"  # the sample data has scores the SIS refuses
    cli("report", real["run"], "--json")  # code 0
    cli("report", real["run"])


def test_unknown_ids_exit_1_with_a_clear_message(synced: tuple[World, Cli]) -> None:
    w, cli = synced
    err = cli("report", "feedface", code=1).stderr
    assert "no run 'feedface'" in err and "passback runs" in err
    err = cli("runs", "no-such-district", code=1).stderr
    assert "no district 'no-such-district'" in err
    err = cli("explain", w.district, "--assessment", "A-NOPE", code=1).stderr
    assert "no assessment 'A-NOPE'" in err
    assert len(err.strip().splitlines()) == 1


def test_report_reason_and_action_must_be_known_codes(synced: tuple[World, Cli]) -> None:
    w, cli = synced
    run = _runs(cli, w.district)[0]["run"]
    err = cli("report", run, "--reason", "NOT_A_REASON", code=1).stderr
    assert "NOT_A_REASON" in err
    for code in Reason:
        assert code.value in err
    err = cli("report", run, "--action", "sent", code=1).stderr
    assert "create" in err and "skip" in err
    titled = json.loads(cli("report", run, "--json", "--reason", "TITLE_TOO_LONG").stdout)
    assert titled["items"] and all("TITLE_TOO_LONG" in i["reasons"] for i in titled["items"])


def test_report_filters_and_shows_names_beside_ids(synced: tuple[World, Cli]) -> None:
    w, cli = synced
    run = next(r for r in _runs(cli, w.district) if not r["dry_run"])["run"]
    items = json.loads(cli("report", run, "--json").stdout)["items"]
    skipped = next(i for i in items if i["kind"] == "result" and i["action"] == "skip")
    student = skipped["names"]["student"]
    assert student and student != skipped["student"]
    # a student filter by name gives that student's items, each with name and id
    mine = json.loads(cli("report", run, "--json", "--student", student).stdout)["items"]
    assert mine and {i["student"] for i in mine} == {skipped["student"]}
    # the table shows the name with the id beside it
    text = cli("report", run, "--student", skipped["student"], "--all").stdout
    assert student.split()[0] in text and skipped["student"] in text


def test_explain_shows_names_and_would_words(synced: tuple[World, Cli]) -> None:
    w, cli = synced
    title = w.assessment("A-202")["title"]
    text = cli("explain", w.district, "--assessment", "A-202", "--as-of", str(AS_OF)).stdout
    assert "A-202" in text and title[:20] in text
    assert "assessment · class" in text and "lineItem" not in text
    data = json.loads(
        cli("explain", w.district, "--assessment", "A-202", "--as-of", str(AS_OF), "--json").stdout
    )
    assert data["names"]["assessment"] == title
    assert all(i["names"]["assessment"] == title for i in data["items"])
    scored = next(i for i in data["items"] if i["student"])
    err = cli("explain", w.district, "--assessment", "A-202", "--student", "S-NOPE", code=1).stderr
    assert "S-NOPE" in err and "no score" in err
    one = cli(
        "explain", w.district, "--assessment", "A-202", "--student", scored["names"]["student"]
    ).stdout
    assert scored["student"] in one


def test_counts_split_by_kind_add_up_and_skips_count_once(synced: tuple[World, Cli]) -> None:
    w, cli = synced
    for run in _runs(cli, w.district):
        report = json.loads(cli("report", run["run"], "--json").stdout)
        items = report["items"]
        by_kind = report["counts_by_kind"]
        seen = Counter((i["kind"], i["action"]) for i in items)
        words = {"create": "created", "update": "updated", "skip": "skipped", "error": "errors"}
        for (kind, action), n in seen.items():
            if action in words:
                assert by_kind[kind][words[action]] == n, (kind, action)
        # the counts (docs/sync.md#the-report) are the sums of the split
        for name, total in report["counts"].items():
            assert sum(k.get(name, 0) for k in by_kind.values()) == total, name
        # the summary says assessments and scores, in would-words for a dry run
        created = by_kind["lineItem"].get("created", 0), by_kind["result"].get("created", 0)
        if report["dry_run"]:
            assert report["summary"].startswith(f"would create {created[0]} assessment")
        else:
            assert report["summary"].startswith(f"{created[0]} assessments, {created[1]} scores")
        # the readable report's skips by reason add up to the skipped count
        console = Console(record=True, width=2000)
        render(report, console)
        text = console.export_text()
        line = next(line for line in text.splitlines() if line.startswith("Skipped, by reason"))
        numbers = [int(n) for n in re.findall(r" (\d+)(?= ·|$)", line)]
        assert sum(numbers) == report["counts"]["skipped"], line


def test_help_has_no_type_noise_and_env_vars_follow_the_rule(
    synced: tuple[World, Cli],
) -> None:
    w, cli = synced
    for command in (["sync"], ["report"], ["runs"], ["explain"], ["district", "show"]):
        text = cli(*command, "--help", env={"COLUMNS": "120"}).stdout
        assert "<bool>" not in text and "<str>" not in text, text
    text = cli("sync", "--help", env={"COLUMNS": "120"}).stdout
    assert "PASSBACK_SYNC_JSON" in text and "AS_JSON" not in text
    assert "PASSBACK_SYNC_CLASS]" in text and "CLASS_ID" not in text
    # the variables work: `--json` and `--limit` of `runs` from the environment
    out = cli("runs", w.district, env={"PASSBACK_RUNS_JSON": "1", "PASSBACK_RUNS_LIMIT": "1"})
    assert len(json.loads(out.stdout)) == 1
    shown = cli("district", "show", w.district, env={"PASSBACK_DISTRICT_SHOW_JSON": "true"})
    assert json.loads(shown.stdout)["config"]["id"] == w.district


def test_sync_takes_a_class_by_name(synced: tuple[World, Cli]) -> None:
    w, cli = synced
    klass = next(c for c in w.fixture["classes"] if c["sourcedId"] == "CLS-HS-1")
    out = cli(
        "sync", w.district, "--dry-run", "--as-of", str(AS_OF), "--json", "--class", klass["title"]
    ).stdout
    report = json.loads(out)
    assert report["scope"] == {"class": "CLS-HS-1"}
    assert report["items"] and {i["class"] for i in report["items"]} == {"CLS-HS-1"}
    assert {i["names"]["class"] for i in report["items"]} == {klass["title"]}
