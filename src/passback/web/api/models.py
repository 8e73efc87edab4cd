"""Request bodies of the HTTP API (pydantic, strict, unknown fields refused). Records of
the platform's format are validated by `passback.intake.records` instead, so the API and
`passback import` word their errors the same way."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SyncIn(_Strict):
    dry_run: bool = False
    class_id: str | None = Field(None, alias="class", max_length=200)
    teacher: str | None = Field(None, max_length=200)
    as_of: date | None = None


class TokenIn(_Strict):
    name: str = Field(min_length=1, max_length=200)


class StepPatch(_Strict):
    status: Literal["todo", "in_progress", "done"] | None = None
    owner: str | None = Field(None, max_length=200)
    started_on: date | None = None
    done_on: date | None = None
    notes: str | None = Field(None, max_length=10_000)
    opportunity_id: str | None = Field(None, max_length=40)


class ScoreKey(_Strict):
    assessment: str = Field(min_length=1, max_length=200)
    student: str = Field(min_length=1, max_length=200)


class ScoreKeys(_Strict):
    scores: list[ScoreKey] = Field(max_length=10_000)


JsonObject = dict[str, Any]

PROBLEM = {
    "description": "An RFC 9457 problem (application/problem+json), naming the field at fault",
    "content": {
        "application/problem+json": {
            "schema": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "title": {"type": "string"},
                    "status": {"type": "integer"},
                    "detail": {"type": "string"},
                    "instance": {"type": "string"},
                    "errors": {"type": "array", "items": {"type": "object"}},
                },
                "required": ["type", "title", "status", "detail"],
            }
        }
    },
}
ERRORS: dict[int | str, dict[str, Any]] = {
    code: PROBLEM for code in (400, 401, 403, 404, 409, 422, 429, 502)
}
