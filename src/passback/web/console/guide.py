"""Console: the district's teacher guide (what passes back and what a teacher controls),
generated from the configuration each time, for teachers and printable for the district."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from passback.operations import guide as guide_service
from passback.web.console.render import render
from passback.web.security import ConsoleUser, visible_district, web_settings

router = APIRouter()


@router.get("/districts/{district}/guide")
def guide_page(request: Request, me: ConsoleUser, district: str) -> Response:
    settings = web_settings(request)
    found = visible_district(settings.engine, me, district)
    guide = guide_service.build(settings.engine, settings.box, found, on=settings.as_of)
    return render(request, "guide.html", district=found, section="guide", guide=guide)
