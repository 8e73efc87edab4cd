"""Full syncs through every SIS quirk of the kit (tests/integration/interop/quirk_server.py).

Each quirk runs the same story: create (first run), rerun (zero writes), update with a
retraction (one score changed, one assessment deleted in the platform), rerun (zero writes).
Every run must succeed and the SIS must hold exactly what the platform says, with no record
lost to paging.
"""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from passback.core.domain import Assessment, Score
from passback.intake.district_file import DistrictConfig, DistrictConfigError
from passback.intake.records import validate_assessment, validate_score
from passback.secrets import SecretBox
from passback.store import districts, source
from passback.store.db import session_scope
from passback.sync import service
from passback.sync.service import SyncRequest, SyncSettings, run_sync

from .quirk_server import BASE_PATH, CLIENT_ID, CLIENT_SECRET, DELETE_SCOPE, Quirks, QuirkServer

DISTRICT = "quirk-1"
HOST = "http://quirk.test"
AS_OF = date(2026, 11, 10)
TEACHER = "T1"
CLASSES = ("C1", "C2", "C3")
STUDENTS = {c: [f"S{c[1]}{i}" for i in range(1, 8)] for c in CLASSES}  # 7 per class


def _profile() -> str:
    """The spec-literal profile when this build has it, else PowerSchool (whose category
    keys the kit's categories also carry)."""
    try:
        DistrictConfig.parse({**config(), "sis": {**config()["sis"], "profile": "oneroster"}})
    except DistrictConfigError:
        return "powerschool"
    return "oneroster"


def config(**sis: Any) -> dict[str, Any]:
    return {
        "id": DISTRICT,
        "name": "Quirk Unified",
        "timezone": "America/Chicago",
        "sis": {
            "base_url": HOST + BASE_PATH,
            "token_url": HOST + "/token",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            **sis,
        },
        "effective_date": "2026-08-20",
        "category_map": {"Test": "Tests"},
        "passback_group": [TEACHER],
    }


def seed(server: QuirkServer) -> None:
    """A school year, two grading periods, three classes of seven students, one teacher,
    the district's "Tests" category and the teacher's copy of it."""
    put = server.put
    put(
        "academicSessions",
        {
            "sourcedId": "Y2026",
            "title": "2026-27",
            "type": "schoolYear",
            "startDate": "2026-08-01",
            "endDate": "2027-06-30",
            "schoolYear": "2027",
        },
    )
    for sid, start, end in (
        ("GP1", "2026-08-01", "2026-12-31"),
        ("GP2", "2027-01-01", "2027-06-30"),
    ):
        put(
            "academicSessions",
            {
                "sourcedId": sid,
                "title": sid,
                "type": "gradingPeriod",
                "startDate": start,
                "endDate": end,
                "parent": {"sourcedId": "Y2026"},
                "schoolYear": "2027",
            },
        )
    put(
        "users",
        {"sourcedId": TEACHER, "role": "teacher", "enabledUser": "true", "givenName": "Ada"},
    )
    for cid in CLASSES:
        put(
            "classes",
            {"sourcedId": cid, "title": f"Class {cid}", "terms": [{"sourcedId": "Y2026"}]},
        )
        put(
            "enrollments",
            {
                "sourcedId": f"E-{cid}-{TEACHER}",
                "user": {"sourcedId": TEACHER},
                "class": {"sourcedId": cid},
                "role": "teacher",
                "primary": "true",
            },
        )
        for sid in STUDENTS[cid]:
            put("users", {"sourcedId": sid, "role": "student", "enabledUser": "true"})
            put(
                "enrollments",
                {
                    "sourcedId": f"E-{cid}-{sid}",
                    "user": {"sourcedId": sid},
                    "class": {"sourcedId": cid},
                    "role": "student",
                    "primary": "false",
                },
            )
    # Spec-literal categories are title only; the extension keys are those the PowerSchool
    # profile of this build reads (harmless to a title-based profile).
    put(
        "categories",
        {"sourcedId": "CAT-D", "title": "Tests", "metadata": {"categoryType": "district"}},
    )
    put(
        "categories",
        {
            "sourcedId": "CAT-T1",
            "title": "Tests",
            "metadata": {"teacher": TEACHER, "categoryType": "district", "isActive": "true"},
        },
    )


def assessment(aid: str, classes: list[str], **kw: Any) -> dict[str, Any]:
    return {
        "id": aid,
        "classes": classes,
        "title": f"Quiz {aid}",
        "type": "Test",
        "scoring": "points",
        "points_possible": 20,
        "include_in_final_grade": True,
        "assigned_by": TEACHER,
        "assigned_on": "2026-10-20",
        "due_on": "2026-10-27",
        "updated_at": "2026-10-20T15:00:00Z",
        **kw,
    }


def score(
    aid: str, student: str, points: float, stamp: str = "2026-11-01T15:00:00Z"
) -> dict[str, Any]:
    return {
        "assessment": aid,
        "student": student,
        "state": "graded",
        "points": points,
        "updated_at": stamp,
    }


@dataclass
class Kit:
    engine: Engine
    box: SecretBox
    server: QuirkServer
    reports: list[dict[str, Any]] = field(default_factory=list)

    def configure(self, **sis: Any) -> None:
        district, secret = DistrictConfig.parse(config(profile=_profile(), **sis)).to_domain()
        with session_scope(self.engine) as session:
            districts.save_district(session, district, secret, self.box)

    def load(self, assessments: list[dict[str, Any]], scores: list[dict[str, Any]]) -> None:
        parsed_a = [validate_assessment(o, "a", DISTRICT) for o in assessments]
        parsed_s = [validate_score(o, "s", DISTRICT) for o in scores]
        assert all(isinstance(x, Assessment) for x in parsed_a), parsed_a
        assert all(isinstance(x, Score) for x in parsed_s), parsed_s
        with session_scope(self.engine) as session:
            source.upsert_assessments(session, parsed_a)  # type: ignore[arg-type]
            source.upsert_scores(session, parsed_s)  # type: ignore[arg-type]

    def sync(self, **settings: Any) -> dict[str, Any]:
        transport = httpx.ASGITransport(app=self.server.app())
        report = asyncio.run(
            run_sync(
                self.engine,
                SyncRequest(DISTRICT, as_of=AS_OF, trigger="test"),
                box=self.box,
                settings=SyncSettings(transport=transport, **settings),
            )
        )
        self.reports.append(report)
        return report

    def live(self, collection: str) -> dict[str, dict[str, Any]]:
        return {
            sid: obj
            for sid, obj in self.server.data[collection].items()
            if obj.get("status", "active") == "active"
        }


@pytest.fixture
def kit(engine: Engine, database_url: str, secret_key: str) -> Kit:
    return Kit(engine, SecretBox.for_database(database_url), QuirkServer())


def items(report: dict[str, Any]) -> list[dict[str, Any]]:
    return list(report["items"])


def writes(report: dict[str, Any]) -> int:
    c = report["counts"]
    return int(c["created"] + c["updated"] + c["deleted"])


QUIRKS: dict[str, Quirks] = {
    "spec-literal": Quirks(),
    "page cap 2 without X-Total-Count or Link": Quirks(page_cap=2, total_count=False, links=False),
    "page cap 8 without X-Total-Count or Link": Quirks(page_cap=8, total_count=False, links=False),
    "page cap 3 with X-Total-Count": Quirks(page_cap=3, links=False),
    "1-based offsets with a cap": Quirks(
        one_based=True, page_cap=2, total_count=False, links=False
    ),
    "1-based offsets with a cap and a total": Quirks(one_based=True, page_cap=3, links=False),
    "1-based offsets without a cap": Quirks(one_based=True, links=False),
    "Link-only paging": Quirks(link_only=True, page_cap=4),
    "refused large limit": Quirks(max_limit=500, page_cap=5),
    "refused gradebook.delete scope": Quirks(refuse_delete_scope=True),
    "DELETE answered 405": Quirks(delete_405=True),
    "strict bodies": Quirks(strict_bodies=True),
    "stale dateLastModified": Quirks(stale_stamps=True),
    "whitespace in ids": Quirks(padded_ids=True),
    "soft deletes": Quirks(soft_delete=True),
    "string expires_in, 200 on create, 204 on PUT": Quirks(
        string_expires_in=True, create_200=True, put_204=True
    ),
    "numbers as strings and unknown fields": Quirks(numbers_as_strings=True, extra_fields=True),
}
CANNOT_DELETE = {"refused gradebook.delete scope", "DELETE answered 405"}


@pytest.mark.parametrize("name", list(QUIRKS))
def test_full_syncs_through_a_quirk(kit: Kit, name: str) -> None:
    kit.server.quirks = QUIRKS[name]
    seed(kit.server)
    kit.configure()
    students = [s for c in ("C1", "C2") for s in STUDENTS[c]]
    first = [assessment("A1", ["C1", "C2"]), assessment("A2", ["C3"])]
    scores = [score("A1", s, 15) for s in students] + [score("A2", s, 12) for s in STUDENTS["C3"]]
    kit.load(first, scores)

    # 1. create: every lineItem and result, none lost to paging
    created = kit.sync()
    assert created["status"] == "succeeded", (created["error"], items(created)[:3])
    assert created["counts"]["created"] == 3 + 21
    assert created["counts"]["errors"] == created["counts"]["skipped"] == 0
    assert len(kit.live("lineItems")) == 3 and len(kit.live("results")) == 21

    # 2. rerun: nothing to write
    again = kit.sync()
    assert again["status"] == "succeeded", again["error"]
    assert writes(again) == 0, [i for i in items(again) if i["action"] != "unchanged"][:3]
    # no false "deleted in the SIS" or "edited in the SIS" conflicts, no wrong skips
    assert {i["action"] for i in items(again)} == {"unchanged"}

    # 3. update one score and retract A2 (deleted in the platform)
    kit.load(
        [assessment("A2", ["C3"], deleted=True, updated_at="2026-11-05T15:00:00Z")],
        [score("A1", students[0], 19, "2026-11-05T15:00:00Z")],
    )
    kit.server.requests.clear()
    changed = kit.sync()
    assert changed["status"] == "succeeded", changed["error"]
    assert changed["counts"]["updated"] == 1
    a1_scores = [
        r for r in kit.live("results").values() if r["lineItem"]["sourcedId"].strip() != ""
    ]
    assert any(float(r["score"]) == 19 for r in a1_scores)
    if name in CANNOT_DELETE:
        skipped = [i for i in items(changed) if "SIS_CANNOT_DELETE" in i["reasons"]]
        assert len(skipped) == 1 + 7, items(changed)[:3]  # A2's lineItem and its 7 results
        assert changed["counts"]["deleted"] == 0
        assert len(kit.live("lineItems")) == 3  # still there: the SIS cannot delete
    else:
        assert changed["counts"]["deleted"] == 1 + 7
        assert len(kit.live("lineItems")) == 2 and len(kit.live("results")) == 14

    # 4. rerun: nothing written, and a refused delete is not tried again
    kit.server.requests.clear()
    kit.server.token_scopes.clear()
    last = kit.sync()
    assert last["status"] == "succeeded", last["error"]
    assert writes(last) == 0
    assert kit.server.writes() == []
    assert last["counts"]["conflicts"] == last["counts"]["errors"] == 0
    if name in CANNOT_DELETE:
        assert all(DELETE_SCOPE not in scopes for scopes in kit.server.token_scopes)
        still = [i for i in items(last) if "SIS_CANNOT_DELETE" in i["reasons"]]
        assert len(still) == 8  # reported every run, never attempted


def test_a_capped_server_that_loses_records_fails_the_run_loudly(kit: Kit) -> None:
    """A server whose X-Total-Count promises more than its pages deliver."""
    kit.server.quirks = Quirks(page_cap=2, links=False)
    seed(kit.server)
    kit.configure()
    kit.load([assessment("A1", ["C1"])], [score("A1", s, 15) for s in STUDENTS["C1"]])
    original = kit.server._page

    def lossy(request: Any, records: list[dict[str, Any]], key: str) -> Any:
        response = original(request, records, key)
        if key == "enrollments":
            response.headers["X-Total-Count"] = str(len(records) + 1)
        return response

    kit.server._page = lossy  # type: ignore[method-assign]
    report = kit.sync()
    assert report["status"] == "failed"
    assert "cannot be trusted to be whole" in report["error"]
    assert "GET /enrollments" in report["error"]
    assert kit.server.writes() == []


def test_district_scopes_override_the_profile_and_round_trip(kit: Kit) -> None:
    seed(kit.server)
    kit.configure(scopes=["roster-core.readonly", "gradebook.readonly", "gradebook.createput"])
    kit.load([assessment("A1", ["C1"])], [score("A1", s, 15) for s in STUDENTS["C1"]])
    report = kit.sync()
    assert report["status"] == "succeeded", report["error"]
    prefix = DELETE_SCOPE.removesuffix("gradebook.delete")
    assert kit.server.token_scopes[0] == [
        prefix + "roster-core.readonly",
        prefix + "gradebook.readonly",
        prefix + "gradebook.createput",
    ]
    with session_scope(kit.engine) as session:
        stored = districts.get_district(session, DISTRICT)
    assert stored is not None
    assert stored.sis.scopes == (
        "roster-core.readonly",
        "gradebook.readonly",
        "gradebook.createput",
    )


def test_a_learned_refusal_is_retried_after_the_settings_change(kit: Kit) -> None:
    kit.server.quirks = Quirks(delete_405=True)
    seed(kit.server)
    kit.configure()
    kit.load([assessment("A1", ["C1"])], [score("A1", s, 15) for s in STUDENTS["C1"]])
    assert kit.sync()["status"] == "succeeded"
    kit.load([assessment("A1", ["C1"], deleted=True, updated_at="2026-11-05T15:00:00Z")], [])
    kit.sync()  # learns the 405
    kit.server.quirks.delete_405 = False  # the SIS now supports DELETE
    kit.server.requests.clear()
    kit.sync()
    assert kit.server.writes() == []  # not tried: the refusal is remembered
    kit.configure(
        scopes=[
            DELETE_SCOPE.replace("gradebook.delete", s)
            for s in (
                "roster-core.readonly",
                "roster.readonly",
                "gradebook.readonly",
                "gradebook.createput",
                "gradebook.delete",
            )
        ]
    )  # the district changes its SIS settings: passback tries again
    report = kit.sync()
    assert report["counts"]["deleted"] == 1 + 7
    assert kit.live("lineItems") == {}


@pytest.mark.parametrize(
    ("scopes", "problem"),
    [([], "at least one scope"), (["gradebook.readonly", "gradebook.readonly"], "twice")],
)
def test_bad_scopes_are_refused_naming_the_field(scopes: list[str], problem: str) -> None:
    with pytest.raises(DistrictConfigError) as caught:
        DistrictConfig.parse(config(scopes=scopes))
    (found,) = caught.value.problems
    assert "sis.scopes" in str(found) and problem in str(found)


def test_the_page_size_comes_from_the_profile(kit: Kit, monkeypatch: pytest.MonkeyPatch) -> None:
    real = service.profile_for
    monkeypatch.setattr(
        service, "profile_for", lambda name: dataclasses.replace(real(name), page_size=7)
    )
    seed(kit.server)
    kit.configure()
    kit.load([assessment("A1", ["C1"])], [score("A1", s, 15) for s in STUDENTS["C1"]])
    report = kit.sync(roster_cache=False)
    assert report["status"] == "succeeded", report["error"]
    reads = [q for m, p, q in kit.server.requests if m == "GET" and p == "/enrollments"]
    assert all("limit=7" in q for q in reads) and len(reads) == 4  # 24 enrollments
