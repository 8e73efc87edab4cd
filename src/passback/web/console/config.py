"""Console: a district's configuration, one section per form: SIS connection (the secret
is write-only), category mapping (choices from the SIS's district categories), effective
date, passback group (dated), closed grading periods, options, contacts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from passback.district_config import DistrictConfigError
from passback.web.console.forms import Form, text, texts
from passback.web.console.render import flash, redirect, render
from passback.web.problems import not_found
from passback.web.security import ConsoleUser, managed_district, web_settings
from passback.web.services import districts as district_service
from passback.web.services import sis
from passback.web.services.sis import SisUnavailable

router = APIRouter()
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
    settings = web_settings(request)
    found = managed_district(settings.engine, me, district)
    document = district_service.config_of(settings.engine, district)
    categories, sis_error = _try(
        lambda: sis.district_categories(settings.engine, settings.box, district)
    )
    staff, _ = _try(lambda: sis.staff(settings.engine, settings.box, district))
    periods, _ = _try(lambda: sis.grading_periods(settings.engine, settings.box, district))
    from passback.store import districts as district_store
    from passback.store.db import session_scope

    with session_scope(settings.engine, read_only=True) as session:
        learned = district_store.learned_closed_period_details(session, district)
    return render(
        request,
        "config.html",
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
    )


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
    try:
        district_service.update_config(
            settings.engine, settings.box, district, _changes(section, form, current), by=me.name
        )
        flash(request, "Saved.")
    except DistrictConfigError as exc:
        listed = "; ".join(str(p) for p in exc.problems)
        flash(request, f"Not saved: {listed}", "error")
    return redirect(f"/districts/{district}/config#{section}")
