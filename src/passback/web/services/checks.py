"""The onboarding steps' automatic checks (SPEC §6), each returning (ok, message):

- connection: a token is obtained with the stored client ID and secret, and a read works;
- categories: every mapped category is a district category in the SIS;
- effective_date: the district has one;
- group: the passback group has members, each a user in the SIS;
- write_probe: the SIS accepts a write: deleting a lineItem that cannot exist answers 404
  with write access and 403 without, and changes nothing either way.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable

from sqlalchemy import Engine

from passback import onboarding
from passback.domain import District
from passback.oneroster import OneRosterClient
from passback.oneroster.errors import DistrictFatal, OneRosterError
from passback.secrets import SecretBox, SecretError
from passback.store import districts as district_store
from passback.store import source
from passback.store.db import session_scope
from passback.store.districts import get_district
from passback.web.services import sis
from passback.web.services.sis import SisUnavailable

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
    sis.forget(district.id)
    try:
        titles = set(sis.district_categories(engine, box, district.id))
    except SisUnavailable as exc:
        return False, str(exc)
    wrong = {t: c for t, c in sorted(district.category_map.items()) if c not in titles}
    if wrong:
        listed = "; ".join(f"{t} → {c}" for t, c in wrong.items())
        known = ", ".join(sorted(titles)) or "none"
        return False, (
            f"Not district categories in the SIS: {listed}. District categories: {known}."
        )
    return True, f"All {len(district.category_map)} mapped categories are district categories."


def _effective_date(engine: Engine, box: SecretBox, district: District) -> Outcome:
    if district.effective_date is None:
        return False, "No effective date is set."
    return True, f"Scores sync from {district.effective_date.isoformat()}."


def _group(engine: Engine, box: SecretBox, district: District) -> Outcome:
    if not district.passback_group:
        return False, "The passback group has no members."
    try:
        known = {o.id for o in sis.staff(engine, box, district.id)}
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


def run_check(engine: Engine, box: SecretBox, district_id: str, step: str, *, by: str) -> Outcome:
    """Run a checked step's check and record it (a pass marks the step done)."""
    definition = onboarding.BY_KEY.get(step)
    if definition is None or definition.check is None:
        raise LookupError(f"step {step} has no automatic check")
    with session_scope(engine, read_only=True) as session:
        district = get_district(session, district_id)
    if district is None:
        raise LookupError(f"unknown district {district_id}")
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
