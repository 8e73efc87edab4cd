"""API: runs and reports, "sync now" and dry runs with their progress, explain, plots'
numbers and the teacher's status view."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from passback.core.plan import Action
from passback.core.report import ReportFilter, RunSummary
from passback.operations import history, reports, syncs, teacher_view
from passback.operations.accounts import Principal, Role
from passback.operations.syncs import DistrictInactive
from passback.web.api.models import SyncIn
from passback.web.problems import ProblemError, forbidden, not_found
from passback.web.security import (
    ApiCaller,
    engine_of,
    run_district,
    runtime_of,
    visible_district,
    web_settings,
)

router = APIRouter()

Text = Annotated[str | None, Query(max_length=200)]


def _run(request: Request, caller: Principal, run_id: str) -> RunSummary:
    run = reports.run_of(engine_of(request), run_id)
    if run is None or not caller.sees(run.district):
        raise not_found(f"run {run_id}")
    run_district(engine_of(request), caller, run.district)
    return run


def _brief(run: RunSummary) -> dict[str, Any]:
    return run.as_dict()


@router.get("/districts/{district}/runs", summary="Run history, newest first")
def list_runs(
    request: Request,
    caller: ApiCaller,
    district: str,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    run_district(engine_of(request), caller, district)
    return {"runs": [_brief(r) for r in reports.history(engine_of(request), district, limit=limit)]}


@router.post(
    "/districts/{district}/syncs",
    status_code=202,
    summary='"Sync now" or a dry run; poll the returned job',
)
def start_sync(request: Request, caller: ApiCaller, district: str, body: SyncIn) -> dict[str, Any]:
    settings = web_settings(request)
    runtime = runtime_of(request)
    run_district(settings.engine, caller, district)
    try:
        job = syncs.start(
            runtime,
            district,
            dry_run=body.dry_run,
            by=caller.name,
            trigger="api",
            class_id=body.class_id,
            teacher=body.teacher,
            as_of=body.as_of or settings.as_of,
        )
    except DistrictInactive as exc:
        raise ProblemError(409, str(exc), kind="district-inactive") from None
    return syncs.progress(runtime, job)


@router.get("/jobs/{job}", summary="A requested sync: status, its run, live counts")
def get_job(request: Request, caller: ApiCaller, job: str) -> dict[str, Any]:
    runtime = runtime_of(request)
    info = syncs.job(runtime, job)
    if info is None or not caller.sees(info.district):
        raise not_found(f"job {job}")
    run_district(runtime.engine, caller, info.district)
    return syncs.progress(runtime, info)


def _wanted(
    action: Action | None = None,
    reason: Text = None,
    class_: Annotated[str | None, Query(alias="class", max_length=200)] = None,
    teacher: Text = None,
    assessment: Text = None,
    student: Text = None,
) -> ReportFilter:
    """The report's filters from the query (an unknown action was refused already: 422)."""
    return ReportFilter(
        action.value if action else None, reason, class_, teacher, assessment, student
    )


Wanted = Annotated[ReportFilter, Depends(_wanted)]


@router.get("/runs/{run}", summary="A run's report, filtered and paged")
def get_report(
    request: Request,
    caller: ApiCaller,
    run: str,
    wanted: Wanted,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> dict[str, Any]:
    found = _run(request, caller, run)
    runtime = runtime_of(request)
    page = reports.report_page(
        runtime.engine,
        found,
        reports.select(runtime, found.district, wanted),
        offset=offset,
        limit=limit,
    )
    return {
        **_brief(found),
        "matching": page.matching,
        "offset": page.offset,
        "limit": page.limit,
        "skip_reasons": dict(page.reasons.most_common()),
        "items": page.items,
    }


@router.get(
    "/runs/{run}/items.csv",
    summary="A run's report as CSV (same filters)",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
def get_report_csv(
    request: Request, caller: ApiCaller, run: str, wanted: Wanted
) -> StreamingResponse:
    found = _run(request, caller, run)
    runtime = runtime_of(request)
    return StreamingResponse(
        reports.report_csv(runtime.engine, found, reports.select(runtime, found.district, wanted)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="passback-run-{found.id}.csv"'},
    )


@router.get("/districts/{district}/explain", summary="Every decision for one assessment, now")
def get_explain(
    request: Request,
    caller: ApiCaller,
    district: str,
    assessment: Annotated[str, Query(min_length=1, max_length=200)],
    student: Text = None,
    as_of: date | None = None,
) -> dict[str, Any]:
    runtime = runtime_of(request)
    run_district(runtime.engine, caller, district)
    try:
        return asyncio.run(
            syncs.explain(
                runtime,
                district,
                assessment,
                student=student,
                as_of=as_of or web_settings(request).as_of,
            )
        )
    except syncs.UnknownDistrict:
        raise not_found(f"district {district}") from None
    except syncs.SisUnavailable as exc:  # say so, never a traceback
        raise ProblemError(502, str(exc), kind="sis-unavailable") from None


@router.get("/districts/{district}/stats", summary="Scores per night and top skip reasons")
def get_stats(request: Request, caller: ApiCaller, district: str) -> dict[str, Any]:
    engine = engine_of(request)
    found = run_district(engine, caller, district)
    nights = history.nightly(engine, district, found.timezone)
    latest = reports.latest_run(engine, district)
    top = history.top_skip_reasons(engine, latest.id) if latest else []
    return {
        "nights": [
            {"date": n.day.isoformat(), "sent": n.sent, "skipped": n.skipped, "failed": n.failed}
            for n in nights
        ],
        "top_skip_reasons": {
            "run": latest.id if latest else None,
            "reasons": [{"code": code, "count": count} for code, count in top],
        },
    }


@router.get(
    "/districts/{district}/teacher-status",
    summary="A teacher's classes and assessments, each score's status and why",
)
def teacher_status(
    request: Request,
    caller: ApiCaller,
    district: str,
    teacher: Text = None,
    class_: Annotated[str | None, Query(alias="class", max_length=200)] = None,
) -> dict[str, Any]:
    settings = web_settings(request)
    visible_district(settings.engine, caller, district)
    if caller.role is Role.TEACHER:
        if teacher and teacher != caller.sis_user:
            raise forbidden("a teacher sees their own classes only")
        teacher = caller.sis_user
    elif caller.role is Role.PLATFORM:
        raise forbidden("the teacher view is for signed-in users")
    if not teacher:
        raise ProblemError(
            422,
            "teacher: is required (the teacher's SIS sourcedId)",
            kind="invalid-input",
            errors=[{"field": "teacher", "message": "is required"}],
        )
    scope = reports.teacher_scope(runtime_of(request), district, teacher)
    return teacher_view.teacher_view(settings.engine, district, scope, class_id=class_).as_dict()
