"""imsx status bodies of every shape, and how responses map onto the error tree."""

from __future__ import annotations

import json

import httpx
import pytest

from passback.oneroster import (
    DistrictFatal,
    RecordRejected,
    RetryableError,
    classify,
    parse_status,
)

NESTED = {
    "imsx_codeMajor": "failure",
    "imsx_severity": "error",
    "imsx_description": "resultValueMax is required",
    "imsx_CodeMinor": {
        "imsx_codeMinorField": [
            {
                "imsx_codeMinorFieldName": "TargetEndSystem",
                "imsx_codeMinorFieldValue": "invalid data",
            }
        ]
    },
}


def body(value: object) -> bytes:
    return json.dumps(value).encode()


def test_bare_status_object() -> None:
    status = parse_status(body(NESTED))
    assert status.code_major == "failure"
    assert status.severity == "error"
    assert status.description == "resultValueMax is required"
    assert status.code_minor == ("invalid data",)


def test_status_info_set_list_is_merged() -> None:
    second = {**NESTED, "imsx_description": "title too long", "imsx_CodeMinor": "invalid_data"}
    status = parse_status(body({"statusInfoSet": [NESTED, second]}))
    assert status.description == "resultValueMax is required; title too long"
    assert status.code_minor == ("invalid data", "invalid_data")


def test_imsx_status_info_wrapper_and_key_case() -> None:
    wrapped = {
        "imsx_StatusInfo": {
            "IMSX_CODEMAJOR": "failure",
            "imsx_Description": "Grading period GP-Q1 is closed",
            "imsx_codeMinor": "forbidden",
        }
    }
    status = parse_status(body(wrapped))
    assert status.description == "Grading period GP-Q1 is closed"
    assert status.code_minor == ("forbidden",)


def test_single_code_minor_field_object_instead_of_a_list() -> None:
    odd = {
        "imsx_description": "unknown",
        "imsx_CodeMinor": {
            "imsx_codeMinorField": {
                "imsx_codeMinorFieldName": "TargetEndSystem",
                "imsx_codeMinorFieldValue": "unknownobject",
            }
        },
    }
    assert parse_status(body(odd)).code_minor == ("unknownobject",)


def test_oauth_style_error_body() -> None:
    status = parse_status(body({"error": "invalid_client", "error_description": "bad secret"}))
    assert status.description == "bad secret"
    assert status.code_minor == ("invalid_client",)


@pytest.mark.parametrize(
    ("raw", "description"),
    [
        (b"<html><body>401 Authorization Required</body></html>", "<html><body>401 Authorization"),
        (b"", None),
        (b"   ", None),
        (b"[1, 2]", None),
        (b'"just a string"', "just a string"),
        (b"\xff\xfe garbage", "\ufffd\ufffd garbage"),
    ],
)
def test_non_json_and_odd_bodies_never_raise(raw: bytes, description: str | None) -> None:
    status = parse_status(raw)
    if description is None:
        assert status.description is None
    else:
        assert status.description is not None and status.description.startswith(description)


def test_long_bodies_are_shortened() -> None:
    status = parse_status(b"x" * 5000)
    assert status.description is not None and len(status.description) <= 200


def response(status: int, payload: object = None, text: str | None = None) -> httpx.Response:
    request = httpx.Request("PUT", "https://sis.test/ims/oneroster/v1p1/lineItems/li-1?x=1")
    if text is not None:
        return httpx.Response(status, text=text, request=request)
    return httpx.Response(status, json=payload, request=request)


def test_success_is_not_an_error() -> None:
    assert classify(response(200, {})) is None
    assert classify(response(201, {})) is None
    assert classify(response(204, None)) is None


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_busy_or_failing_is_retryable(status: int) -> None:
    assert isinstance(classify(response(status, NESTED)), RetryableError)


@pytest.mark.parametrize("status", [400, 404, 409, 410, 422])
def test_client_errors_reject_the_record_and_keep_the_details(status: int) -> None:
    error = classify(response(status, NESTED))
    assert isinstance(error, RecordRejected)
    assert error.status == status
    assert error.description == "resultValueMax is required"
    assert error.code_minor == ("invalid data",)
    assert str(error) == f"PUT /ims/oneroster/v1p1/lineItems/li-1 was rejected with {status}: " + (
        "resultValueMax is required"
    )


@pytest.mark.parametrize("status", [401, 403])
def test_auth_failures_are_district_fatal(status: int) -> None:
    error = classify(response(status, text="<html>denied</html>"))
    assert isinstance(error, DistrictFatal)
    assert str(status) in str(error)


@pytest.mark.parametrize(
    ("description", "closed"),
    [
        ("Grading period GP-Q1 is closed", True),
        ("grading period 'Q1 2026' is locked for edits", True),
        ("The reporting term has been finalized", True),
        ("Cannot write into a closed grading period", True),
        ("Grading window closed", True),
        ("Grading period GP-Q1 not found", False),
        ("title must be fewer than 50 characters", False),
        ("The class is closed", False),
    ],
)
def test_grading_period_closed(description: str, closed: bool) -> None:
    error = classify(response(409, {"imsx_description": description}))
    assert isinstance(error, RecordRejected)
    assert error.grading_period_closed is closed
