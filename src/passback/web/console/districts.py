"""Console: the operator's districts overview and one district's dashboard (status, plots,
recent runs), and activating or pausing a district (operators and the district's admins)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from passback.operations import attention as attention_service
from passback.operations import districts as district_service
from passback.operations import history, onboarding, reports
from passback.operations.accounts import Role
from passback.operations.districts import DistrictConfigError
from passback.web.console.auth import home_of
from passback.web.console.charts import nightly_chart, reasons_chart
from passback.web.console.config import TIME_ZONES
from passback.web.console.forms import Form, text
from passback.web.console.render import flash, redirect, render
from passback.web.problems import forbidden
from passback.web.security import (
    ConsoleUser,
    engine_of,
    managed_district,
    run_district,
    web_settings,
)

router = APIRouter()


@router.get("/districts")
def districts_page(request: Request, me: ConsoleUser) -> Response:
    if me.role is not Role.OPERATOR:
        return redirect(home_of(me.role, me.district))
    return _districts(request, me)


def _districts(
    request: Request,
    me: ConsoleUser,
    *,
    typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    rows = district_service.summaries(engine_of(request), me)
    attention = attention_service.needs_attention(engine_of(request), me)
    return render(
        request,
        "districts.html",
        status_code=status_code,
        rows=rows,
        attention=attention,
        section="districts",
        typed=typed or {},
        timezones=TIME_ZONES,
    )


@router.get("/districts/{district}")
def district_page(request: Request, me: ConsoleUser, district: str) -> Response:
    engine = engine_of(request)
    found = run_district(engine, me, district)
    summary = district_service.summary(engine, found)
    nights = history.nightly(engine, district, found.timezone)
    latest = reports.latest_run(engine, district)
    top = history.top_skip_reasons(engine, latest.id) if latest else []
    return render(
        request,
        "district.html",
        district=found,
        section="overview",
        summary=summary,
        nights=nights,
        nightly_svg=nightly_chart(nights),
        latest=latest,
        top=top,
        reasons_svg=reasons_chart(top),
        recent=reports.history(engine, district, limit=5),
        changes=history.changes_since_last_night(engine, district, found.timezone),
        last_kinds=history.kind_counts(engine, summary.last_run.id) if summary.last_run else None,
    )


@router.post("/districts")
def create_district(request: Request, me: ConsoleUser, form: Form) -> Response:
    """The operator registers a new district: the minimum to start onboarding."""
    if me.role is not Role.OPERATOR:
        raise forbidden("only an operator adds districts")
    document = {
        "id": text(form, "id"),
        "name": text(form, "name"),
        "timezone": text(form, "timezone"),
        "sis": {
            "profile": "powerschool",
            "base_url": text(form, "base_url"),
            "token_url": text(form, "token_url"),
            "client_id": text(form, "client_id") or "to-be-provided",
        },
    }
    typed = {
        k: text(form, k) for k in ("id", "name", "timezone", "base_url", "token_url", "client_id")
    }
    engine = engine_of(request)
    problems: list[str] = []
    if document["timezone"] not in TIME_ZONES:
        problems.append(
            f"time zone: {document['timezone'] or '(empty)'} is not an IANA time zone "
            "(choose one from the list, e.g. America/Chicago)"
        )
    if document["id"] and district_service.config_of(engine, str(document["id"])) is not None:
        problems.append(f"id: district {document['id']} exists already")
    if not problems:
        try:
            district_service.apply_config(
                engine, web_settings(request).box, document, by=me.name, source="new district"
            )
        except DistrictConfigError as exc:
            problems = [str(p) for p in exc.problems]
    if problems:
        # Shown at the top of the same page, with everything typed still in the form.
        flash(request, "Not added: " + "; ".join(problems), "error")
        return _districts(request, me, typed=typed, status_code=422)
    flash(request, f"District {document['id']} added. Its onboarding starts at step 1.")
    return redirect(f"/districts/{document['id']}/onboarding")


@router.post("/districts/{district}/activate")
def activate_district(request: Request, me: ConsoleUser, district: str, form: Form) -> Response:
    """Activate: nightly, on-change and real syncs start. Warns (at the top of the page)
    when onboarding steps 6 and 7 are not done, but activates all the same."""
    engine = engine_of(request)
    managed_district(engine, me, district)
    change = onboarding.activate(engine, district, by=me.name)
    for warning in change.warnings:
        flash(request, f"Warning: {warning}", "warning")
    if change.changed:
        flash(request, f"District {district} is active: nightly and on-change syncs will run.")
    else:
        flash(request, f"District {district} was active already.", "info")
    if text(form, "back") == "onboarding":  # the button of onboarding step 8
        return redirect(f"/districts/{district}/onboarding#step-first_sync")
    return redirect(f"/districts/{district}")


@router.post("/districts/{district}/deactivate")
def deactivate_district(request: Request, me: ConsoleUser, district: str, form: Form) -> Response:
    """Pause: no nightly, on-change or real sync until activated again; dry runs work."""
    engine = engine_of(request)
    managed_district(engine, me, district)
    change = onboarding.deactivate(engine, district, by=me.name)
    if change.changed:
        flash(
            request,
            f"District {district} is paused: no nightly, on-change or real sync until it is "
            "activated again. Dry runs still work.",
        )
    else:
        flash(request, f"District {district} was not active.", "info")
    return redirect(f"/districts/{district}")
