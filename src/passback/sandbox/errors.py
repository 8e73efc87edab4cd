"""imsx status bodies and the one exception every sandbox handler raises to answer with one.

The codeMinor values follow the OneRoster 1.1 spelling (reference §8).
"""

from __future__ import annotations

from typing import Any

INVALID_DATA = "invalid data"
INVALID_FILTER_FIELD = "invalid_filter_field"
INVALID_BLANK_SELECTION_FIELD = "invalid_blank_selection_field"
UNAUTHORIZED = "unauthorized"
FORBIDDEN = "forbidden"
UNKNOWN_OBJECT = "unknown object"
SERVER_BUSY = "server_busy"
INTERNAL_SERVER_ERROR = "internal_server_error"


class ApiError(Exception):
    """A failure answered as an imsx status body with the given HTTP status."""

    def __init__(
        self,
        status: int,
        code_minor: str,
        description: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.code_minor = code_minor
        self.description = description
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return imsx_failure(self.description, self.code_minor)


def imsx_failure(description: str, code_minor: str) -> dict[str, Any]:
    return {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_CodeMinor": {
            "imsx_codeMinorField": [
                {
                    "imsx_codeMinorFieldName": "TargetEndSystem",
                    "imsx_codeMinorFieldValue": code_minor,
                }
            ]
        },
    }


def invalid(description: str) -> ApiError:
    """400 invalid data: a malformed request or a PowerSchool rule the body breaks."""
    return ApiError(400, INVALID_DATA, description)


def unknown(collection: str, sourced_id: str) -> ApiError:
    return ApiError(404, UNKNOWN_OBJECT, f"{collection} {sourced_id!r} not found")


def closed_period(period: str, detail: str) -> ApiError:
    # Callers detect closed periods by the leading phrase: keep it exactly.
    return ApiError(409, INVALID_DATA, f"Grading period {period} is closed: {detail}")
