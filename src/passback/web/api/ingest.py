"""API: the assessment platform's side (docs/import-format.md): assessments and scores one by one or
as a whole document, and deletions. Bad records are refused naming the record and field;
in a document, good records are kept."""

from __future__ import annotations

import tempfile
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from passback.intake.plain_errors import Problem
from passback.intake.records import RecordError
from passback.operations import ingest
from passback.web.api.models import JsonObject, ScoreKeys
from passback.web.middleware import BodyTooLarge
from passback.web.problems import ProblemError, forbidden, invalid, not_found
from passback.web.security import (
    ApiCaller,
    engine_of,
    runtime_of,
    visible_district,
    web_settings,
)

router = APIRouter()
SPOOL_IN_MEMORY = 4 << 20


def _ingesting(request: Request, caller: ApiCaller, district: str) -> None:
    visible_district(engine_of(request), caller, district)
    if not caller.can_ingest(district):
        raise forbidden("teachers cannot send data; the assessment platform does")


def _refused(error: RecordError) -> ProblemError:
    problem = invalid([Problem(error.field, error.message)], str(error))
    problem.errors = [{"record": error.where, **e} for e in problem.errors]
    return problem


@router.post("/districts/{district}/assessments", summary="Create or replace one assessment")
def put_assessment(
    request: Request, caller: ApiCaller, district: str, record: Annotated[JsonObject, Body()]
) -> dict[str, Any]:
    _ingesting(request, caller, district)
    result = ingest.upsert_assessment(runtime_of(request), district, record)
    if isinstance(result, RecordError):
        raise _refused(result)
    return result


@router.delete("/districts/{district}/assessments/{assessment}", summary="Delete an assessment")
def delete_assessment(
    request: Request, caller: ApiCaller, district: str, assessment: str
) -> dict[str, Any]:
    _ingesting(request, caller, district)
    if not ingest.delete_assessment(runtime_of(request), district, assessment):
        raise not_found(f"assessment {assessment}")
    return {"assessment": assessment, "deleted": True}


@router.post("/districts/{district}/scores", summary="Create or replace one score")
def put_score(
    request: Request, caller: ApiCaller, district: str, record: Annotated[JsonObject, Body()]
) -> dict[str, Any]:
    _ingesting(request, caller, district)
    result = ingest.upsert_score(runtime_of(request), district, record)
    if isinstance(result, RecordError):
        raise _refused(result)
    return result


@router.delete("/districts/{district}/scores/{assessment}/{student}", summary="Delete one score")
def delete_score(
    request: Request, caller: ApiCaller, district: str, assessment: str, student: str
) -> dict[str, Any]:
    _ingesting(request, caller, district)
    if not ingest.remove_scores(runtime_of(request), district, [(assessment, student)]):
        raise not_found(f"score of student {student} on assessment {assessment}")
    return {"assessment": assessment, "student": student, "deleted": True}


@router.post("/districts/{district}/scores/delete", summary="Delete many scores")
def delete_scores(
    request: Request, caller: ApiCaller, district: str, keys: ScoreKeys
) -> dict[str, Any]:
    _ingesting(request, caller, district)
    removed = ingest.remove_scores(
        runtime_of(request), district, [(k.assessment, k.student) for k in keys.scores]
    )
    return {"requested": len(keys.scores), "deleted": removed}


@router.post(
    "/districts/{district}/import",
    summary="A batch: a document (docs/import-format.md) of assessments and scores",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
async def import_document(request: Request, caller: ApiCaller, district: str) -> JSONResponse:
    _ingesting(request, caller, district)
    limit = web_settings(request).max_import_bytes
    # Streamed into a temporary file (memory up to a few MiB, then disk), the limit
    # enforced while reading; the importer then streams it from there.
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as spool:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge(limit)
            await run_in_threadpool(spool.write, chunk)
        spool.seek(0)
        summary = await run_in_threadpool(
            ingest.import_document, runtime_of(request), district, spool
        )
    if summary.problem is not None and summary.stored == 0:
        raise ProblemError(
            422,
            summary.problem,
            kind="invalid-document",
            errors=[e.as_dict() for e in summary.errors],
        )
    return JSONResponse(summary.as_dict())
