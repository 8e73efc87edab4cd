"""Console: the teacher view: a teacher's own classes and assessments, each score's status
(what passback sent and what the SIS holds now) and, for every one that did not pass back,
the reason in plain words and how to fix it; classes that need attention are marked, and a
teacher can ask for a sync of one class. Admins and operators can open it for any teacher
of the district."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from passback.operations import names as name_service
from passback.operations import onboarding as onboarding_service
from passback.operations import reports, sis, syncs, teacher_view
from passback.operations.accounts import Role
from passback.operations.sis import SisUnavailable
from passback.operations.syncs import DistrictInactive
from passback.web.console.forms import Form, text
from passback.web.console.render import flash, redirect, render
from passback.web.problems import forbidden
from passback.web.security import ConsoleUser, runtime_of, visible_district, web_settings

router = APIRouter()


def _teacher_of(me: ConsoleUser, teacher: str) -> str:
    if me.role is Role.TEACHER:
        if teacher and teacher != me.sis_user:
            raise forbidden("a teacher sees their own classes only")
        return me.sis_user or ""
    return teacher


@router.get("/districts/{district}/teacher")
def teacher_page(
    request: Request,
    me: ConsoleUser,
    district: str,
    teacher: str = "",
    class_id: str = "",
    only: str = "",
) -> Response:
    settings = web_settings(request)
    found = visible_district(settings.engine, me, district)
    staff = None
    teacher = _teacher_of(me, teacher)
    if me.role is not Role.TEACHER:
        try:
            staff = sis.staff(runtime_of(request), district)
        except SisUnavailable:
            staff = []
    view = None
    names = name_service.names_of(settings.engine, district)
    if teacher:
        scope = reports.teacher_scope(runtime_of(request), district, teacher)
        view = teacher_view.teacher_view(
            settings.engine,
            district,
            scope,
            class_id=class_id or None,
            box=settings.box,
            names=names,
        )
    return render(
        request,
        "teacher.html",
        district=found,
        section="teacher",
        teacher=teacher,
        teacher_name=names.person(teacher),
        staff=staff,
        view=view,
        class_id=class_id,
        only_problems=only == "problems",
    )


@router.post("/districts/{district}/teacher/sync")
def request_class_sync(request: Request, me: ConsoleUser, district: str, form: Form) -> Response:
    """ "Request a sync of this class": queued like any on-demand sync, at most one per class
    every few minutes."""
    settings = web_settings(request)
    visible_district(settings.engine, me, district)
    teacher = _teacher_of(me, text(form, "teacher"))
    class_id = text(form, "class")
    back = f"/districts/{district}/teacher" + (
        f"?teacher={teacher}" if me.role is not Role.TEACHER else ""
    )
    scope = reports.teacher_scope(runtime_of(request), district, teacher)
    if class_id not in scope.classes:
        raise forbidden("a sync can be requested only for a class the teacher teaches")
    title = scope.classes[class_id]
    inactive = (
        f"No sync of {title} was queued: passback is not active for this district yet "
        "(or is paused). The district's administrator or the operator activates it."
    )
    state = onboarding_service.state(settings.engine, district)
    if state is None or not state.active:  # checked before the rate limit is spent
        flash(request, inactive, "error")
        return redirect(back)
    wait = syncs.claim_class_sync(runtime_of(request), district, class_id)
    if wait > 0:
        minutes = max(1, round(wait / 60))
        flash(
            request,
            f"A sync of {title} was requested a moment ago; you can ask again in {minutes} "
            "minute(s). The page shows its result once it has run.",
            "info",
        )
        return redirect(back)
    try:
        syncs.start(
            runtime_of(request),
            district,
            dry_run=False,
            by=me.name,
            trigger="teacher",
            class_id=class_id,
            as_of=settings.as_of,
        )
    except DistrictInactive:  # paused in the meantime
        flash(request, inactive, "error")
        return redirect(back)
    flash(request, f"A sync of {title} is queued. Reload this page in a minute to see its result.")
    return redirect(back)
