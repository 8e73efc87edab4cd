"""Console: the onboarding tracker (docs/console.md#onboarding-steps): the steps in order, updates,
checks and the plugin download."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response

from passback.operations import checks, onboarding
from passback.web.console.forms import Form, text
from passback.web.console.render import flash, redirect, render
from passback.web.problems import not_found
from passback.web.security import (
    ConsoleUser,
    engine_of,
    managed_district,
    run_district,
    runtime_of,
    web_settings,
)

router = APIRouter()


@router.get("/districts/{district}/onboarding")
def onboarding_page(request: Request, me: ConsoleUser, district: str) -> Response:
    engine = engine_of(request)
    found = run_district(engine, me, district)
    progress = onboarding.progress(engine, district)
    settings = web_settings(request)
    return render(
        request,
        "onboarding.html",
        district=found,
        section="onboarding",
        progress=progress,
        Status=onboarding.Status,
        Kind=onboarding.Kind,
        can_manage=me.can_manage(district),
        plugin_ready=bool(settings.plugin_contact_email),
    )


def _date(form_value: str, field: str) -> date | None:
    if not form_value:
        return None
    try:
        return date.fromisoformat(form_value)
    except ValueError:
        raise onboarding.StepError(field, f"{field}: must be a date written YYYY-MM-DD") from None


@router.post("/districts/{district}/onboarding/{step}")
def update_step(
    request: Request, me: ConsoleUser, district: str, step: str, form: Form
) -> Response:
    engine = engine_of(request)
    managed_district(engine, me, district)
    if step not in onboarding.BY_KEY:
        raise not_found(f"onboarding step {step}")
    try:
        status = text(form, "status")
        change = onboarding.StepChange(
            status=onboarding.Status(status) if status else None,
            owner=text(form, "owner") if "owner" in form else None,
            started_on=_date(text(form, "started_on"), "started_on"),
            done_on=_date(text(form, "done_on"), "done_on"),
            notes=text(form, "notes") if "notes" in form else None,
            data={"opportunity_id": text(form, "opportunity_id")}
            if "opportunity_id" in form
            else None,
        )
        onboarding.update_step(engine, district, step, change, by=me.name)
        flash(request, f"Step {onboarding.BY_KEY[step].number} saved.")
    except (onboarding.StepError, ValueError) as exc:
        message = exc.message if isinstance(exc, onboarding.StepError) else str(exc)
        flash(request, message, "error")
    # No anchor: the page opens at its top, where the message is.
    return redirect(f"/districts/{district}/onboarding")


@router.post("/districts/{district}/onboarding/{step}/check")
def check_step(request: Request, me: ConsoleUser, district: str, step: str, form: Form) -> Response:
    settings = web_settings(request)
    managed_district(settings.engine, me, district)
    definition = onboarding.BY_KEY.get(step)
    if definition is None or definition.check is None:
        raise not_found(f"check of step {step}")
    before = onboarding.progress(settings.engine, district)
    blocked = before.step(step).blocked_by if before is not None else ()
    ok, message = checks.run_check(
        settings.engine,
        settings.box,
        district,
        step,
        by=me.name,
        sis_reads=runtime_of(request).sis_reads,
    )
    if ok and blocked and before is not None:
        # Checking early is allowed; the order is enforced only for completing the step.
        numbers = ", ".join(before.step(k).definition.number for k in blocked)
        waits = f"steps {numbers} are" if len(blocked) > 1 else f"step {numbers} is"
        message = f"{message} The check passed; it counts once {waits} done."
        flash(request, f"Step {definition.number}: {message}", "info")
    else:
        flash(request, f"Step {definition.number}: {message}", "ok" if ok else "error")
    return redirect(f"/districts/{district}/onboarding")
