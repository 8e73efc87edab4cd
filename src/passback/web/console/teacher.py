"""Console: the teacher view: a teacher's own classes and assessments, each score's status
and, for every one that did not pass back, the reason in plain words and how to fix it.
Admins and operators can open it for any teacher of the district."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from passback.accounts import Role
from passback.web.console.render import render
from passback.web.problems import forbidden
from passback.web.security import ConsoleUser, visible_district, web_settings
from passback.web.services import reports, sis
from passback.web.services.sis import SisUnavailable

router = APIRouter()


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
    if me.role is Role.TEACHER:
        if teacher and teacher != me.sis_user:
            raise forbidden("a teacher sees their own classes only")
        teacher = me.sis_user or ""
    else:
        try:
            staff = sis.staff(settings.engine, settings.box, district)
        except SisUnavailable:
            staff = []
    view = None
    if teacher:
        scope = reports.teacher_scope(settings.engine, settings.box, district, teacher)
        view = reports.teacher_view(settings.engine, district, scope, class_id=class_id or None)
    return render(
        request,
        "teacher.html",
        district=found,
        section="teacher",
        teacher=teacher,
        staff=staff,
        view=view,
        class_id=class_id,
        only_problems=only == "problems",
    )
