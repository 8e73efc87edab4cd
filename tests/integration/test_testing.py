"""`passback.testing`'s fakes behave like the sandbox for the calls a run makes: the same
tests run on the in-memory gradebook and on the real client talking to the sandbox
in-process (`sandbox_transport`), as reader and writer, and the real apply step leaves both
holding the same objects."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from passback.core.domain import LedgerEntry, ObjectKind
from passback.core.plan import Action, Plan, PlanItem
from passback.core.writes import content_hash, fingerprint
from passback.oneroster import OneRosterClient, RecordRejected
from passback.sandbox import sample_fixture
from passback.sync.apply import Applier
from passback.sync.context import GradebookReader
from passback.sync.roster import PerClassGradebook
from passback.testing import (
    SANDBOX_BASE_URL,
    SANDBOX_TOKEN_URL,
    InMemoryGradebook,
    InMemoryLedger,
    sandbox_runtime,
    sandbox_transport,
)

pytestmark = pytest.mark.anyio

CLASS = "CLS-HS-1"
CATEGORY = "CAT-T-1-TESTS"
PERIOD = "GP-HS-Q2"
LI = ObjectKind.LINE_ITEM
RES = ObjectKind.RESULT


def _students(class_id: str) -> list[str]:
    return sorted(
        e["user"]["sourcedId"]
        for e in sample_fixture()["enrollments"]
        if e["class"]["sourcedId"] == class_id and e["role"] == "student"
    )


STUDENTS = _students(CLASS)[:3]


def line_item(title: str = "Unit 3 quiz", points: float = 20) -> dict[str, Any]:
    return {
        "title": title,
        "description": "Sent by passback",
        "assignDate": "2026-11-02T12:00:00Z",
        "dueDate": "2026-11-02T12:00:00Z",
        "class": {"sourcedId": CLASS, "type": "class"},
        "category": {"sourcedId": CATEGORY, "type": "category"},
        "gradingPeriod": {"sourcedId": PERIOD, "type": "academicSession"},
        "resultValueMin": 0,
        "resultValueMax": points,
        "metadata": {"scoreType": "POINTS"},
    }


def result(line_item_id: str, student: str, score: float) -> dict[str, Any]:
    return {
        "lineItem": {"sourcedId": line_item_id, "type": "lineItem"},
        "student": {"sourcedId": student, "type": "user"},
        "score": score,
        "scoreStatus": "fully graded",
        "scoreDate": "2026-11-02",
    }


@dataclass
class Gradebook:
    """What a run reads from and writes through, whichever SIS is behind it."""

    reader: GradebookReader
    writer: Any  # a GradebookWriter that also reads a lineItem back (`line_item`)


@pytest.fixture(params=["in-memory", "sandbox"])
async def gradebook(request: pytest.FixtureRequest) -> AsyncIterator[Gradebook]:
    if request.param == "in-memory":
        fake = InMemoryGradebook()
        yield Gradebook(fake, fake)
        return
    # the spec-literal profile: any category of the district goes with any class
    transport = sandbox_transport(profile="oneroster")
    async with OneRosterClient(
        base_url=SANDBOX_BASE_URL,
        token_url=SANDBOX_TOKEN_URL,
        client_id="demo",
        client_secret="demo-secret",
        transport=transport,
    ) as client:
        yield Gradebook(PerClassGradebook(client), client)


def _fp(obj: Mapping[str, Any]) -> tuple[Any, ...]:
    return fingerprint(RES if "lineItem" in obj else LI, obj)


async def _ours(gradebook: Gradebook) -> dict[str, tuple[Any, ...]]:
    found = await gradebook.reader.read([CLASS])
    return {sid: _fp(obj) for sid, obj in found.items() if sid.startswith(("pbl-", "pbr-"))}


async def test_a_write_reads_back_as_written(gradebook: Gradebook) -> None:
    created = await gradebook.writer.put_line_item("pbl-t-1", line_item())
    await gradebook.writer.put_result("pbr-t-1", result("pbl-t-1", STUDENTS[0], 17))
    found = await gradebook.reader.read([CLASS])
    assert created.created and created.status == 201
    assert _fp(found["pbl-t-1"]) == fingerprint(LI, line_item())
    assert _fp(found["pbr-t-1"]) == fingerprint(RES, result("pbl-t-1", STUDENTS[0], 17))
    for obj in (found["pbl-t-1"], found["pbr-t-1"]):
        assert obj["status"] == "active" and obj["dateLastModified"].endswith("Z")
    elsewhere = await gradebook.reader.read(["CLS-HS-2"])  # another class's gradebook
    assert "pbl-t-1" not in elsewhere and "pbr-t-1" not in elsewhere
    assert await gradebook.writer.line_item("pbl-t-1") is not None


async def test_put_is_idempotent_and_replaces(gradebook: Gradebook) -> None:
    first = await gradebook.writer.put_line_item("pbl-t-2", line_item())
    again = await gradebook.writer.put_line_item("pbl-t-2", line_item())
    before = await _ours(gradebook)
    renamed = await gradebook.writer.put_line_item("pbl-t-2", line_item("Unit 3 quiz v2"))
    after = await _ours(gradebook)
    assert (first.created, again.created, renamed.created) == (True, False, False)
    assert (again.status, renamed.status) == (200, 200)
    assert list(before) == list(after) == ["pbl-t-2"]
    assert after["pbl-t-2"] == fingerprint(LI, line_item("Unit 3 quiz v2"))


async def test_delete_then_delete_again_and_a_line_item_takes_its_results(
    gradebook: Gradebook,
) -> None:
    writer = gradebook.writer
    await writer.put_line_item("pbl-t-3", line_item())
    for n, student in enumerate(STUDENTS):
        await writer.put_result(f"pbr-t-3-{n}", result("pbl-t-3", student, n))
    assert await writer.delete_result("pbr-t-3-0") is True
    assert await writer.delete_result("pbr-t-3-0") is False
    assert set(await _ours(gradebook)) == {"pbl-t-3", "pbr-t-3-1", "pbr-t-3-2"}
    assert await writer.delete_line_item("pbl-t-3") is True
    assert await writer.delete_line_item("pbl-t-3") is False
    assert await _ours(gradebook) == {}
    assert await writer.line_item("pbl-t-3") is None


WRITTEN = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)


def _entry(sid: str, obj: Mapping[str, Any], student: str | None = None) -> LedgerEntry:
    kind = RES if student else LI
    return LedgerEntry(
        district="d-1",
        sourced_id=sid,
        kind=kind,
        assessment="A-1",
        class_id=CLASS,
        student=student,
        line_item="pbl-t-4" if student else None,
        content_hash=content_hash(kind, obj),
        written_at=WRITTEN,
    )


def _put(sid: str, obj: dict[str, Any], student: str | None = None) -> PlanItem:
    kind = RES if student else LI
    return PlanItem(
        kind,
        Action.CREATE,
        "A-1",
        CLASS,
        student,
        sid,
        payload=obj,
        record=_entry(sid, obj, student),
        line_item="pbl-t-4" if student else None,
    )


def _plan(*items: PlanItem) -> Plan:
    return Plan("d-1", list(items))


async def test_the_apply_step_leaves_the_same_objects_and_ledger(gradebook: Gradebook) -> None:
    ledger = InMemoryLedger()
    applier = Applier(gradebook.writer, ledger)
    scores = {s: result("pbl-t-4", s, 10 + n) for n, s in enumerate(STUDENTS)}
    first = _plan(
        _put("pbl-t-4", line_item()),
        *(_put(f"pbr-t-4-{n}", scores[s], s) for n, s in enumerate(STUDENTS)),
    )
    done = await applier.apply(first)
    assert [i.action for i in done] == [Action.CREATE] * 4
    assert set(ledger.entries) == {"pbl-t-4", "pbr-t-4-0", "pbr-t-4-1", "pbr-t-4-2"}
    assert await _ours(gradebook) == {
        "pbl-t-4": fingerprint(LI, line_item()),
        **{f"pbr-t-4-{n}": fingerprint(RES, scores[s]) for n, s in enumerate(STUDENTS)},
    }

    # an update of the lineItem, a result removed: results go before their lineItem
    update = replace(_put("pbl-t-4", line_item("Renamed", points=25)), action=Action.UPDATE)
    remove = PlanItem(
        RES, Action.DELETE, "A-1", CLASS, STUDENTS[0], "pbr-t-4-0", line_item="pbl-t-4"
    )
    second = await applier.apply(_plan(update, remove))
    assert [i.action for i in second] == [Action.UPDATE, Action.DELETE]
    assert "pbr-t-4-0" not in ledger.entries and ledger.flushes == 2
    ours = await _ours(gradebook)
    assert set(ours) == {"pbl-t-4", "pbr-t-4-1", "pbr-t-4-2"}
    assert ours["pbl-t-4"] == fingerprint(LI, line_item("Renamed", points=25))


async def test_a_refused_write_is_an_error_of_that_item_only() -> None:
    fake = InMemoryGradebook()
    fake.refusals["pbr-t-5-0"] = RecordRejected("the SIS refused it", status=400)
    items = await Applier(fake, InMemoryLedger()).apply(
        _plan(
            _put("pbl-t-4", line_item()),
            _put("pbr-t-5-0", result("pbl-t-4", STUDENTS[0], 1), STUDENTS[0]),
            _put("pbr-t-5-1", result("pbl-t-4", STUDENTS[1], 2), STUDENTS[1]),
        )
    )
    assert [i.action for i in items] == [Action.CREATE, Action.ERROR, Action.CREATE]
    assert set(fake.objects) == {"pbl-t-4", "pbr-t-5-1"}
    assert fake.writes == 3


async def test_sandbox_transport_shares_a_state_and_counts_calls() -> None:
    transport = sandbox_transport()
    runtime = sandbox_runtime(transport)
    async with httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE_URL) as http:
        token = await http.post(
            SANDBOX_TOKEN_URL,
            data={"grant_type": "client_credentials"},
            auth=("demo", "demo-secret"),
        )
        assert token.status_code == 200
        bearer = {"Authorization": f"Bearer {token.json()['access_token']}"}
        answer = await http.get(f"{SANDBOX_BASE_URL}/classes/{CLASS}", headers=bearer)
    assert answer.json()["class"]["sourcedId"] == CLASS
    assert runtime.state.get("classes", CLASS) is not None
    assert runtime.stats.snapshot()["reads"] == 1
