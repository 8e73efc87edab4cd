"""The onboarding steps' automatic checks (docs/console.md#onboarding-steps), each returning (ok,
message):

- connection: a token is obtained with the stored client ID and secret, and a read works;
- categories: every mapped category is a district category in the SIS, and every member
  of the passback group has an active copy of each in their gradebook (PowerTeacher Pro
  makes a per-teacher copy of a district category; a write into a category the teacher has
  no active copy of is refused);
- effective_date: the district has one;
- group: the passback group has members, each a user in the SIS;
- write_probe: the SIS accepts a write: deleting a lineItem that cannot exist answers 404
  with write access and 403 without, and changes nothing either way.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine

from passback import onboarding
from passback.core.domain import District
from passback.core.sis_view import SisContext
from passback.intake.district_file import DistrictConfigError, secret_rebinding
from passback.oneroster import OneRosterClient
from passback.oneroster.errors import DistrictFatal, OneRosterError
from passback.operations import sis
from passback.operations.sis import SisUnavailable
from passback.operations.sis_reads import SisReads
from passback.secrets import SecretBox, SecretError
from passback.store import districts as district_store
from passback.store import source
from passback.store.db import session_scope
from passback.store.districts import get_district
from passback.sync.roster import context_from_records

Outcome = tuple[bool, str]


def _connection(engine: Engine, box: SecretBox, district: District) -> Outcome:
    async def work(client: OneRosterClient) -> int:
        await client.get_token_now()
        orgs = [o async for o in client.iter_collection("orgs", "orgs", page_size=5)]
        return len(orgs)

    try:
        count = sis.run(engine, box, district.id, work)
    except SisUnavailable as exc:
        return False, str(exc)
    return True, f"A token was obtained and the SIS answered a read ({count} orgs)."


@dataclass(frozen=True)
class _CategoryView:
    context: SisContext  # users and categories only: what `active_district_copy` needs
    district_titles: list[str]
    names: dict[str, str]  # user id -> "given family" where the SIS has a name


def _category_view(engine: Engine, box: SecretBox, district_id: str) -> _CategoryView:
    async def read(client: OneRosterClient, path: str, flt: str | None) -> list[dict[str, Any]]:
        return [o async for o in client.iter_collection(path, path, filter=flt)]

    async def work(client: OneRosterClient) -> _CategoryView:
        users = await read(client, "users", "role!='student'")
        categories = await read(client, "categories", None)
        # the sync's own parsing of the records, so the check sees what a run sees
        context = context_from_records(
            {
                "academicSessions": [],
                "classes": [],
                "users": users,
                "enrollments": [],
                "categories": categories,
            }
        )
        titles = sorted({str(c.get("title", "")).strip() for c in categories} - {""})
        names = {}
        for u in users:
            name = " ".join(str(p) for p in (u.get("givenName"), u.get("familyName")) if p)
            if u.get("sourcedId") and name:
                names[str(u["sourcedId"]).strip()] = name
        return _CategoryView(context, [t for t in titles if context.is_district_category(t)], names)

    return sis.run(engine, box, district_id, work)


def _who(view: _CategoryView, user: str) -> str:
    name = view.names.get(user)
    return f"{name} ({user})" if name else user


def test_credentials(
    engine: Engine,
    box: SecretBox,
    district_id: str,
    *,
    base_url: str,
    token_url: str,
    client_id: str,
    client_secret: str | None,
) -> tuple[bool | None, str]:
    """Try connection settings before they are saved: a token and one read. True when
    they work, False when the SIS refused them (wrong client ID or secret: do not save),
    None when the SIS could not be reached (nothing is known about the credentials)."""
    secret = client_secret
    if not secret:
        with session_scope(engine, read_only=True) as session:
            stored = district_store.get_district(session, district_id)
            if stored is not None:
                # the stored secret goes only to the SIS it was entered for (never to a
                # changed URL or client id, not even to test it)
                asked = replace(
                    stored.sis, base_url=base_url, token_url=token_url, client_id=client_id
                )
                try:
                    secret_rebinding(stored.sis, asked, secret_given=False, secret_stored=True)
                except DistrictConfigError as exc:
                    return False, "; ".join(str(p) for p in exc.problems)
            try:
                secret = district_store.client_secret(session, district_id, box)
            except (district_store.MissingSecret, SecretError):
                return None, "no client secret is stored yet, so the connection was not tested"

    async def main() -> int:
        async with OneRosterClient(
            base_url=base_url,
            token_url=token_url,
            client_id=client_id,
            client_secret=secret,
            timeout=15.0,
        ) as client:
            await client.get_token_now()
            orgs = [o async for o in client.iter_collection("orgs", "orgs", page_size=5)]
            return len(orgs)

    try:
        count = asyncio.run(main())
    except DistrictFatal as exc:
        return False, f"the SIS refused these settings: {exc.message}"
    except OneRosterError as exc:
        return None, f"the SIS could not be reached: {exc.message}"
    except ValueError as exc:
        return False, str(exc)
    return True, f"a token was obtained and the SIS answered a read ({count} orgs)"


def assessment_types(engine: Engine, district_id: str) -> list[str]:
    """The assessment types seen in the district's imports, sorted."""
    with session_scope(engine, read_only=True) as session:
        return sorted({a.type for a in source.load_assessments(session, district_id) if a.type})


def _categories(engine: Engine, box: SecretBox, district: District) -> Outcome:
    if not district.category_map:
        return False, "No assessment type is mapped to a category yet."
    try:
        view = _category_view(engine, box, district.id)
    except SisUnavailable as exc:
        return False, str(exc)
    context = view.context
    problems = []
    wrong = {
        t: c
        for t, c in sorted(district.category_map.items())
        if not context.is_district_category(c)
    }
    if wrong:
        listed = "; ".join(f"{t} → {c}" for t, c in wrong.items())
        known = ", ".join(view.district_titles) or "none"
        problems.append(
            f"Not district categories in the SIS: {listed}. District categories: {known}."
        )
    mapped = sorted({c for c in district.category_map.values() if context.is_district_category(c)})
    lacking = {
        member: missing
        for member in district.passback_group
        if (missing := [c for c in mapped if context.active_district_copy(member, c) is None])
    }
    if lacking:
        pairs = sum(len(m) for m in lacking.values())
        listed = "; ".join(
            f"{_who(view, member)}: {', '.join(lacking[member])}"
            for member in sorted(lacking, key=lambda m: (_who(view, m).lower(), m))
        )
        problems.append(
            f"{pairs} teacher × category {'pair lacks' if pairs == 1 else 'pairs lack'} an "
            "active copy of the category in the teacher's gradebook (add or reactivate it "
            f"in PowerTeacher Pro): {listed}."
        )
    if problems:
        return False, " ".join(problems)
    members = len(district.passback_group)
    if not members:
        return True, (
            f"All {len(district.category_map)} mapped categories are district categories. "
            "The passback group has no members yet: run this check again once it has."
        )
    return True, (
        f"All {len(district.category_map)} mapped categories are district categories, and "
        f"each of the {members} passback group members has an active copy of every one."
    )


def _effective_date(engine: Engine, box: SecretBox, district: District) -> Outcome:
    if district.effective_date is None:
        return False, "No effective date is set."
    return True, f"Scores sync from {district.effective_date.isoformat()}."


def _group(engine: Engine, box: SecretBox, district: District) -> Outcome:
    if not district.passback_group:
        return False, "The passback group has no members."
    try:
        known = {o.id for o in sis.read_staff(engine, box, district.id)}
    except SisUnavailable as exc:
        return False, f"{len(district.passback_group)} members, but {exc}"
    missing = sorted(district.passback_group - known)
    if missing:
        return False, f"Not staff users in the SIS: {', '.join(missing)}."
    return True, f"{len(district.passback_group)} members, all users in the SIS."


def _write_probe(engine: Engine, box: SecretBox, district: District) -> Outcome:
    probe = f"pbl-probe-{secrets.token_hex(6)}"

    async def work(client: OneRosterClient) -> bool:
        return await client.delete_line_item(probe)

    try:
        existed = sis.run(engine, box, district.id, work)
    except SisUnavailable as exc:
        return False, f"No write access yet: {exc}"
    except DistrictFatal as exc:  # pragma: no cover - sis.run maps it already
        return False, exc.message
    except OneRosterError as exc:  # pragma: no cover
        return False, exc.message
    if existed:  # pragma: no cover - a random id cannot exist
        return False, "The probe found an object it did not expect; nothing else was changed."
    return True, "The SIS accepted a harmless write (a delete of nothing): write access is on."


CHECKS: dict[str, Callable[[Engine, SecretBox, District], Outcome]] = {
    "connection": _connection,
    "categories": _categories,
    "effective_date": _effective_date,
    "group": _group,
    "write_probe": _write_probe,
}


def run_check(
    engine: Engine,
    box: SecretBox,
    district_id: str,
    step: str,
    *,
    by: str,
    sis_reads: SisReads | None = None,
) -> Outcome:
    """Run a checked step's check and record it (a pass marks the step done). Checks read
    the SIS afresh; the console's remembered reads (`sis_reads`) are dropped first."""
    definition = onboarding.BY_KEY.get(step)
    if definition is None or definition.check is None:
        raise LookupError(f"step {step} has no automatic check")
    with session_scope(engine, read_only=True) as session:
        district = get_district(session, district_id)
    if district is None:
        raise LookupError(f"unknown district {district_id}")
    if sis_reads is not None:
        sis_reads.forget(district_id)
    ok, message = CHECKS[definition.check](engine, box, district)
    onboarding.record_check(engine, district_id, step, ok=ok, message=message, by=by)
    return ok, message


DEMO_NOTE = "The demo's SIS sandbox stands in for the vendor: no quote or paperwork was needed."
PAPERWORK = ("register", "quote_received", "quote_signed", "provisioned", "plugin")


def record_demo_onboarding(engine: Engine, box: SecretBox, district_id: str) -> None:
    """What `passback demo` did, on its district's onboarding: the paperwork steps marked
    done (with a note saying why), then every automatic check run for real against the
    sandbox. The first-sync step follows from the demo's sync."""
    for key in PAPERWORK:
        onboarding.update_step(
            engine,
            district_id,
            key,
            onboarding.StepChange(status=onboarding.Status.DONE, notes=DEMO_NOTE),
            by="demo",
        )
    for definition in onboarding.STEPS:
        if definition.check is not None:
            run_check(engine, box, district_id, definition.key, by="demo")
