"""The report filter every front end fills, and the process state the operations keep on
the `Runtime` (remembered SIS reads, requested syncs): pure, no database, no SIS."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from passback.core.plan import ACTIONS
from passback.core.report import ReportFilter
from passback.operations.sis_reads import SisReads, SisUnavailable
from passback.operations.sync_requests import RequestBoard, Requested


def test_a_report_filter_speaks_query_strings_and_leaves_the_teacher_to_the_operation() -> None:
    wanted = ReportFilter(action="skip", class_id="C-1", teacher="T-1", student=" ")
    assert wanted.query() == {"action": "skip", "class": "C-1", "teacher": "T-1"}
    assert wanted.query(blanks=True) == {
        "action": "skip",
        "reason": "",
        "class": "C-1",
        "teacher": "T-1",
        "assessment": "",
        "student": "",
    }
    assert wanted.in_store == ReportFilter(action="skip", class_id="C-1")
    assert wanted and not ReportFilter(reason="", assessment=None)
    assert ACTIONS == ("create", "update", "delete", "unchanged", "skip", "conflict", "error")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sis_reads_are_remembered_per_district_and_forgotten_on_request() -> None:
    clock = Clock()
    reads = SisReads(keep_s=300, failure_s=60, clock=clock)
    calls: list[str] = []

    def load(value: str) -> str:
        calls.append(value)
        return value

    assert reads.cached("d1", "staff", lambda: load("a")) == "a"
    assert reads.cached("d1", "staff", lambda: load("b")) == "a"
    assert reads.cached("d2", "staff", lambda: load("c")) == "c"
    reads.forget("d1")
    assert reads.cached("d1", "staff", lambda: load("d")) == "d"
    clock.now += 301
    assert reads.cached("d1", "staff", lambda: load("e")) == "e"
    assert calls == ["a", "c", "d", "e"]


def test_a_failed_read_fails_again_at_once_for_a_minute() -> None:
    clock = Clock()
    reads = SisReads(clock=clock)

    def broken() -> str:
        raise SisUnavailable("the SIS refused or failed: 503")

    with pytest.raises(SisUnavailable):
        reads.cached("d1", "staff", broken)
    with pytest.raises(SisUnavailable, match="503"):
        reads.cached("d1", "periods", lambda: "never asked")
    clock.now += 61
    assert reads.cached("d1", "periods", lambda: "asked") == "asked"


def test_two_runtimes_share_nothing() -> None:
    first, second = RequestBoard(), RequestBoard()
    at = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
    first.asked("job-1", Requested("d1", False, at))
    first.asked("job-1", Requested("d1", True, at))  # a repeat joins the first request
    first.class_asked("d1", "C-1", at)
    assert first.request_of("job-1") == Requested("d1", False, at)
    assert first.class_asked_at("d1", "C-1") == at
    assert second.request_of("job-1") is None and second.class_asked_at("d1", "C-1") is None
