"""Console: a district's configuration, one section per form: SIS connection (the secret
is write-only), category mapping (choices from the SIS's district categories), effective
date, passback group (dated), closed grading periods, options, contacts."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from passback.operations import checks, sis
from passback.operations import districts as district_service
from passback.operations.districts import DistrictConfigError
from passback.operations.sis import SisUnavailable
from passback.web.console.forms import Form, text, texts
from passback.web.console.render import flash, redirect, render
from passback.web.problems import not_found
from passback.web.security import ConsoleUser, managed_district, runtime_of, web_settings

router = APIRouter()
TIME_ZONES = tuple(sorted(available_timezones() - {"Factory", "localtime"}))
SECTIONS = (
    "general",
    "connection",
    "mapping",
    "effective_date",
    "group",
    "periods",
    "options",
    "contacts",
)


def _try(load: Any) -> tuple[Any, str | None]:
    try:
        return load(), None
    except SisUnavailable as exc:
        return None, str(exc)


@router.get("/districts/{district}/config")
def config_page(request: Request, me: ConsoleUser, district: str) -> Response:
    return _page(request, me, district)


def _page(
    request: Request,
    me: Any,
    district: str,
    *,
    typed: dict[str, Any] | None = None,
    problem_in: str | None = None,
    status_code: int = 200,
) -> Response:
    """The configuration page; after an error, what was typed in the failed section is
    shown again (merged over the stored configuration) instead of being lost."""
    settings = web_settings(request)
    found = managed_district(settings.engine, me, district)
    document = district_service.config_of(settings.engine, district)
    assert document is not None
    if typed:
        document = _merged(document, typed)
    categories, sis_error = _try(lambda: sis.district_categories(runtime_of(request), district))
    staff, _ = _try(lambda: sis.staff(runtime_of(request), district))
    periods, _ = _try(lambda: sis.grading_periods(runtime_of(request), district))
    learned = district_service.learned_closed_periods(settings.engine, district)
    return render(
        request,
        "config.html",
        status_code=status_code,
        district=found,
        section="config",
        config=document,
        categories=categories,
        staff=staff,
        staff_labels={s.id: s.label for s in staff or []},
        periods=periods,
        learned=learned,
        sis_error=sis_error,
        members=district_service.group_history(settings.engine, district),
        seen_types=checks.assessment_types(settings.engine, district),
        timezones=TIME_ZONES,
        problem_in=problem_in,
    )


def _merged(document: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
    out = dict(document)
    for key, value in typed.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **{k: v for k, v in value.items() if k != "client_secret"}}
        else:
            out[key] = value
    return out


def _changes(section: str, form: FormData, current: dict[str, Any]) -> dict[str, Any]:
    if section == "general":
        return {"name": text(form, "name"), "timezone": text(form, "timezone")}
    if section == "connection":
        return {
            "sis": {
                "base_url": text(form, "base_url"),
                "token_url": text(form, "token_url"),
                "client_id": text(form, "client_id"),
                "client_secret": text(form, "client_secret"),
            }
        }
    if section == "mapping":
        kinds, cats = form.getlist("type"), form.getlist("category")
        mapping = {}
        for kind, cat in zip(kinds, cats, strict=False):
            if isinstance(kind, str) and isinstance(cat, str) and kind.strip() and cat.strip():
                mapping[kind.strip()] = cat.strip()
        return {"category_map": mapping}
    if section == "effective_date":
        return {"effective_date": text(form, "effective_date") or None}
    if section == "group":
        removed = set(texts(form, "remove"))
        group = [m for m in current["passback_group"] if m not in removed]
        extra = [*texts(form, "add"), *(x.strip() for x in text(form, "add_other").split(","))]
        group += [m for m in extra if m and m not in group]
        return {"passback_group": group}
    if section == "periods":
        chosen = texts(form, "closed")
        chosen += [x.strip() for x in text(form, "closed_other").split(",") if x.strip()]
        return {"closed_grading_periods": sorted(set(chosen))}
    if section == "options":
        return {
            "options": {
                "excluded_as": text(form, "excluded_as"),
                "sis_edits": text(form, "sis_edits"),
                "nightly_at": text(form, "nightly_at"),
                "on_change": text(form, "on_change") == "on",
            }
        }
    contacts = [line.strip() for line in text(form, "contacts").splitlines() if line.strip()]
    return {"contacts": contacts}


@router.post("/districts/{district}/config/test")
def test_connection(request: Request, me: ConsoleUser, district: str, form: Form) -> Response:
    """The "test connection" button: a token and a read with the stored settings."""
    settings = web_settings(request)
    managed_district(settings.engine, me, district)
    current = district_service.config_of(settings.engine, district)
    assert current is not None
    ok, message = checks.test_credentials(
        settings.engine,
        settings.box,
        district,
        base_url=current["sis"]["base_url"],
        token_url=current["sis"]["token_url"],
        client_id=current["sis"]["client_id"],
        client_secret=None,
    )
    flash(request, f"Connection {'works' if ok else 'test failed'}: {message}.", _kind(ok))
    return redirect(f"/districts/{district}/config")


def _kind(ok: bool | None) -> str:
    return "ok" if ok else "error"


def _check_before_saving(
    request: Request, district: str, section: str, form: FormData, changes: dict[str, Any]
) -> list[str]:
    """What can be checked before a section is saved; each problem names its field."""
    settings = web_settings(request)
    problems: list[str] = []
    if section == "general" and changes["timezone"] not in TIME_ZONES:
        problems.append(
            f"time zone: {changes['timezone'] or '(empty)'} is not an IANA time zone "
            "(choose one from the list, e.g. America/Chicago)"
        )
    if section == "mapping" and text(form, "unseen_ok") != "on":
        seen = checks.assessment_types(settings.engine, district)
        unseen = [t for t in changes["category_map"] if seen and t not in seen]
        if unseen:
            problems.append(
                f"assessment type {', '.join(unseen)}: no imported assessment has "
                f"{'this type' if len(unseen) == 1 else 'these types'} (types seen: "
                f"{', '.join(seen)}). Correct it, or tick \u201ckeep types not seen yet\u201d "
                "to save it anyway"
            )
    if section == "connection":
        sis_part = changes["sis"]
        ok, message = checks.test_credentials(
            settings.engine,
            settings.box,
            district,
            base_url=sis_part["base_url"],
            token_url=sis_part["token_url"],
            client_id=sis_part["client_id"],
            client_secret=sis_part["client_secret"] or None,
        )
        if ok is False:
            problems.append(f"client ID or secret: {message}")
        elif ok is None:
            request.state.connection_note = message
    return problems


@router.post("/districts/{district}/config/{section}")
def save_section(
    request: Request, me: ConsoleUser, district: str, section: str, form: Form
) -> Response:
    settings = web_settings(request)
    managed_district(settings.engine, me, district)
    if section not in SECTIONS:
        raise not_found(f"configuration section {section}")
    current = district_service.config_of(settings.engine, district)
    assert current is not None
    changes = _changes(section, form, current)
    problems = _check_before_saving(request, district, section, form, changes)
    if not problems:
        try:
            district_service.update_config(
                settings.engine,
                settings.box,
                district,
                changes,
                by=me.name,
                sis_reads=runtime_of(request).sis_reads,
            )
        except DistrictConfigError as exc:
            problems = [str(p) for p in exc.problems]
    if problems:
        flash(request, f"Not saved: {'; '.join(problems)}", "error")
        return _page(request, me, district, typed=changes, problem_in=section, status_code=422)
    note = getattr(request.state, "connection_note", None)
    if note:
        flash(request, f"Saved, but the connection could not be tested: {note}.", "error")
    elif section == "connection":
        flash(request, "Saved. The connection works: a token was obtained and the SIS read.")
    else:
        flash(request, "Saved.")
    return redirect(f"/districts/{district}/config")
