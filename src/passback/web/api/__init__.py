"""The HTTP API, versioned under /api/v1 (OpenAPI at /api/v1/openapi.json)."""

from __future__ import annotations

from fastapi import APIRouter

from passback.web.api import districts, ingest, runs, tokens
from passback.web.api.models import ERRORS

PREFIX = "/api/v1"


def router() -> APIRouter:
    api = APIRouter(prefix=PREFIX, responses=ERRORS)
    api.include_router(districts.router, tags=["districts"])
    api.include_router(ingest.router, tags=["ingest"])
    api.include_router(runs.router, tags=["runs"])
    api.include_router(tokens.router, tags=["tokens"])
    return api
