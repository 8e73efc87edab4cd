"""API: the caller, districts, configuration, activation, the SIS pickers, onboarding and
the plugin."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from fastapi.responses import Response

from passback.operations import checks, onboarding, plugins, sis
from passback.operations import districts as district_service
from passback.operations.accounts import Principal, Role
from passback.operations.districts import DistrictConfigError
from passback.operations.sis import SisUnavailable
from passback.web.api.models import JsonObject, StepPatch
from passback.web.problems import ProblemError, forbidden, invalid, not_found
from passback.web.security import (
    ApiCaller,
    engine_of,
    managed_district,
    run_district,
    runtime_of,
    visible_district,
    web_settings,
)

router = APIRouter()


def _me(principal: Principal) -> dict[str, Any]:
    return {
        "name": principal.name,
        "display_name": principal.display_name,
        "role": principal.role.value,
        "district": principal.district,
        "sis_user": principal.sis_user,
    }


def _not_a_token(caller: Principal) -> None:
    """API tokens reach data, runs, reports and syncs; never configuration or onboarding."""
    if caller.role is Role.PLATFORM:
        raise forbidden(
            "an API token sends data and reads runs, reports and syncs; configuration and "
            "onboarding need a console user"
        )


@router.get("/me", summary="Who is calling")
def me(caller: ApiCaller) -> dict[str, Any]:
    return _me(caller)


@router.get("/districts", summary="The districts the caller may see, with status")
def list_districts(request: Request, caller: ApiCaller) -> dict[str, Any]:
    rows = district_service.summaries(engine_of(request), caller)
    return {"districts": [row.as_dict() for row in rows]}


@router.get("/districts/{district}", summary="One district: onboarding, last and next run")
def get_district(request: Request, caller: ApiCaller, district: str) -> dict[str, Any]:
    found = visible_district(engine_of(request), caller, district)
    return district_service.summary(engine_of(request), found).as_dict()


@router.get("/districts/{district}/config", summary="The configuration (secret never shown)")
def get_config(request: Request, caller: ApiCaller, district: str) -> dict[str, Any]:
    engine = engine_of(request)
    visible_district(engine, caller, district)
    if caller.role is Role.TEACHER:
        raise forbidden("teachers see their own classes only (the teacher view)")
    _not_a_token(caller)
    document = district_service.config_of(engine, district)
    if document is None:
        raise not_found(f"district {district}")
    return document


@router.put(
    "/districts/{district}/config",
    summary="Create or replace the configuration (docs/district-file.md)",
)
def put_config(
    request: Request, caller: ApiCaller, district: str, document: Annotated[JsonObject, Body()]
) -> dict[str, Any]:
    engine = engine_of(request)
    if caller.is_operator:
        pass  # operators may create districts
    else:
        managed_district(engine, caller, district)
    if document.get("id", district) != district:
        raise invalid([], "id: must be the district of the URL") from None
    try:
        created = district_service.apply_config(
            engine,
            web_settings(request).box,
            {**document, "id": district},
            by=caller.name,
            sis_reads=runtime_of(request).sis_reads,
        ).created
    except DistrictConfigError as exc:
        raise invalid(exc.problems) from None
    result = district_service.config_of(engine, district) or {}
    return {"created": created, "config": result}


@router.post(
    "/districts/{district}/activate",
    summary="Activate: nightly, on-change and real syncs start (warns about steps 6-7)",
)
def activate(request: Request, caller: ApiCaller, district: str) -> dict[str, Any]:
    engine = engine_of(request)
    managed_district(engine, caller, district)
    return onboarding.activate(engine, district, by=caller.name).as_dict()


@router.post(
    "/districts/{district}/deactivate",
    summary="Pause: no nightly, on-change or real sync until activated again",
)
def deactivate(request: Request, caller: ApiCaller, district: str) -> dict[str, Any]:
    engine = engine_of(request)
    managed_district(engine, caller, district)
    return onboarding.deactivate(engine, district, by=caller.name).as_dict()


@router.get("/districts/{district}/sis/categories", summary="The SIS's district categories")
def sis_categories(request: Request, caller: ApiCaller, district: str) -> dict[str, Any]:
    settings = web_settings(request)
    managed_district(settings.engine, caller, district)
    try:
        return {"categories": sis.district_categories(runtime_of(request), district)}
    except SisUnavailable as exc:
        raise ProblemError(502, str(exc), kind="sis-unavailable") from None


@router.get("/districts/{district}/sis/staff", summary="SIS staff for the passback group")
def sis_staff(request: Request, caller: ApiCaller, district: str) -> dict[str, Any]:
    settings = web_settings(request)
    managed_district(settings.engine, caller, district)
    try:
        staff = sis.staff(runtime_of(request), district)
    except SisUnavailable as exc:
        raise ProblemError(502, str(exc), kind="sis-unavailable") from None
    return {"staff": [{"id": s.id, "label": s.label} for s in staff]}


@router.get(
    "/districts/{district}/onboarding", summary="The setup steps (docs/console.md#onboarding-steps)"
)
def get_onboarding(request: Request, caller: ApiCaller, district: str) -> dict[str, Any]:
    engine = engine_of(request)
    run_district(engine, caller, district)
    _not_a_token(caller)
    progress = onboarding.progress(engine, district)
    if progress is None:
        raise not_found(f"district {district}")
    return progress.as_dict()


def _step(step: str) -> str:
    if step not in onboarding.BY_KEY:
        raise not_found(f"onboarding step {step}")
    return step


@router.patch("/districts/{district}/onboarding/{step}", summary="Update a step")
def patch_step(
    request: Request, caller: ApiCaller, district: str, step: str, patch: StepPatch
) -> dict[str, Any]:
    engine = engine_of(request)
    managed_district(engine, caller, district)
    change = onboarding.StepChange(
        status=onboarding.Status(patch.status) if patch.status else None,
        owner=patch.owner,
        started_on=patch.started_on,
        done_on=patch.done_on,
        notes=patch.notes,
        data={"opportunity_id": patch.opportunity_id.strip()}
        if patch.opportunity_id is not None
        else None,
    )
    try:
        progress = onboarding.update_step(engine, district, _step(step), change, by=caller.name)
    except onboarding.StepError as exc:
        raise ProblemError(
            409,
            exc.message,
            kind="step-order",
            errors=[{"field": exc.field, "message": exc.message}],
        ) from None
    return progress.as_dict()


@router.post("/districts/{district}/onboarding/{step}/check", summary="Run a step's check")
def check_step(request: Request, caller: ApiCaller, district: str, step: str) -> dict[str, Any]:
    settings = web_settings(request)
    managed_district(settings.engine, caller, district)
    if onboarding.BY_KEY.get(_step(step), None) is None or not onboarding.BY_KEY[step].check:
        raise ProblemError(409, f"step {step} has no automatic check", kind="no-check")
    ok, message = checks.run_check(
        settings.engine,
        settings.box,
        district,
        step,
        by=caller.name,
        sis_reads=runtime_of(request).sis_reads,
    )
    progress = onboarding.progress(settings.engine, district)
    assert progress is not None
    return {"ok": ok, "message": message, "step": progress.step(step).as_dict()}


@router.get(
    "/districts/{district}/plugin",
    summary="The PowerSchool plugin zip with the district's Opportunity ID",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}},
)
def get_plugin(
    request: Request, caller: ApiCaller, district: str, opportunity_id: str | None = None
) -> Response:
    settings = web_settings(request)
    found = managed_district(settings.engine, caller, district)
    registration = None
    if settings.public_url and settings.public_url.startswith("https://"):
        registration = settings.public_url.rstrip("/") + "/powerschool/registration"
    publisher = plugins.Publisher(
        settings.plugin_publisher, settings.plugin_contact_email, registration
    )
    try:
        built = plugins.build(settings.engine, found, opportunity_id, publisher)
    except plugins.PluginError as exc:
        raise invalid(exc.problems) from None
    return Response(
        built.content,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{built.filename}"'},
    )
