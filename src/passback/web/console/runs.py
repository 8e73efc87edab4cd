"""Console: run history with "sync now" / "dry run" and live progress, and one run's
report with filters and CSV export."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from passback.core.plan import ACTIONS
from passback.core.report import ReportFilter
from passback.operations import history, reports, sis, syncs
from passback.operations import names as name_service
from passback.operations.sis import SisUnavailable
from passback.operations.syncs import DistrictInactive
from passback.web.console.forms import Form, text
from passback.web.console.render import flash, redirect, render
from passback.web.problems import not_found
from passback.web.security import ConsoleUser, run_district, runtime_of, web_settings

router = APIRouter()
PAGE = 200


@router.get("/districts/{district}/runs")
def runs_page(request: Request, me: ConsoleUser, district: str, job: str = "") -> Response:
    runtime = runtime_of(request)
    engine = runtime.engine
    found = run_district(engine, me, district)
    info = syncs.job(runtime, job) if job else None
    if info is not None and info.district != district:
        info = None
    return render(
        request,
        "runs.html",
        district=found,
        section="runs",
        runs=reports.history(engine, district, limit=100),
        job=syncs.progress(runtime, info) if info else None,
        as_of=web_settings(request).as_of,
        classes=_classes(request, district),
        names=name_service.names_of(engine, district),
        staff=_staff(request, district),
    )


def _classes(request: Request, district: str) -> list[tuple[str, str]]:
    try:
        titles = sis.class_titles(runtime_of(request), district)
    except SisUnavailable:
        return []
    return sorted(titles.items(), key=lambda kv: (kv[1].lower(), kv[0]))


def _staff(request: Request, district: str) -> list[sis.SisOption]:
    try:
        return sis.staff(runtime_of(request), district)
    except SisUnavailable:
        return []


@router.post("/districts/{district}/runs")
def request_run(request: Request, me: ConsoleUser, district: str, form: Form) -> Response:
    settings = web_settings(request)
    run_district(settings.engine, me, district)
    dry_run = text(form, "mode") == "dry_run"
    try:
        job = syncs.start(
            runtime_of(request),
            district,
            dry_run=dry_run,
            by=me.name,
            trigger="console",
            class_id=text(form, "class") or None,
            teacher=text(form, "teacher") or None,
            as_of=settings.as_of,
        )
    except DistrictInactive:
        flash(
            request,
            f"Sync not started: district {district} is not active, so real syncs do not run "
            "for it. Activate it on its overview page (or `passback district activate "
            f"{district}`); a dry run works meanwhile.",
            "error",
        )
        return redirect(f"/districts/{district}/runs")
    flash(request, "Dry run requested." if dry_run else "Sync requested.", "info")
    return redirect(f"/districts/{district}/runs?job={job.id}")


@router.get("/runs/{run}")
def report_page(
    request: Request,
    me: ConsoleUser,
    run: str,
    action: str = "",
    reason: str = "",
    class_: str = "",
    teacher: str = "",
    assessment: str = "",
    student: str = "",
    page: int = 1,
) -> Response:
    runtime = runtime_of(request)
    found = reports.run_of(runtime.engine, run)
    if found is None or not me.sees(found.district):
        raise not_found(f"run {run}")
    district = run_district(runtime.engine, me, found.district)
    wanted = ReportFilter(
        action=action if action in ACTIONS else None,
        reason=reason,
        class_id=class_ or request.query_params.get("class", ""),
        teacher=teacher,
        assessment=assessment,
        student=student,
    )
    # Filters take names or ids: "Rivera" finds every teacher (student, assessment) whose
    # name contains it; an id finds itself.
    selection = reports.select(runtime, found.district, wanted, by_name=True)
    names = name_service.names_of(runtime.engine, found.district)
    page = max(1, page)
    result = reports.report_page(
        runtime.engine, found, selection, offset=(page - 1) * PAGE, limit=PAGE
    )
    everything = reports.report_page(runtime.engine, found, reports.Selection(), limit=1)
    # what was typed, kept in the form and the page links (an unknown action too)
    typed = replace(wanted, action=action or None)
    query = typed.query(blanks=True)
    shown = typed.query()
    # The CSV export takes ids: the resolved ones when a name meant exactly one.
    exported = selection.exported(typed).query()
    unknown = [code for code in ([reason] if reason else []) if code not in everything.reasons]
    return render(
        request,
        "report.html",
        district=district,
        section="runs",
        run=found,
        page=result,
        page_number=page,
        filters=query,
        actions=ACTIONS,
        filtered=bool(shown),
        kinds=history.kind_counts(runtime.engine, found.id),
        all_reasons=sorted(everything.reasons),
        all_classes=everything.classes,
        names=names,
        matched_teachers=[(t, names.person(t)) for t in selection.teachers],
        unknown_reason=unknown[0] if unknown else None,
        csv_url=f"/api/v1/runs/{found.id}/items.csv"
        + (f"?{urlencode(exported)}" if exported else ""),
        next_url=f"/runs/{found.id}?{urlencode({**shown, 'page': page + 1})}",
        prev_url=f"/runs/{found.id}?{urlencode({**shown, 'page': page - 1})}",
    )
