"""Sample-district facts and valid write bodies the sandbox tests build on.

Facts are looked up in the sample fixture rather than hard-coded where they are incidental
(which students a class has); the ids docs/sandbox.md promises are used as they are.
"""

from __future__ import annotations

import ssl
from typing import Any

import httpx

from passback.sandbox import SandboxServer, sample_fixture

OPEN_CLASS = "CLS-HS-1"  # year-long, teacher T-1
OPEN_PERIOD = "GP-HS-Q2"  # 2026-10-17 .. 2027-01-15
CLOSED_PERIOD = "GP-HS-Q1"  # closed in the sample
CATEGORY = "CAT-T-1-TESTS"

_SAMPLE = sample_fixture()


# One TLS context for every test client: building one per client costs ~0.1 s, and these
# clients only ever talk plain HTTP to loopback anyway.
TLS = ssl.create_default_context()


class Api:
    """A OneRoster caller holding a token for one client, plus the no-token control API."""

    def __init__(self, srv: SandboxServer, client_id: str = "demo") -> None:
        self.srv = srv
        self.http = httpx.Client(base_url=srv.base_url, timeout=10, verify=TLS)
        token = self.http.post(
            srv.token_url,
            auth=(client_id, f"{client_id}-secret"),
            data={"grant_type": "client_credentials"},
        )
        assert token.status_code == 200, token.text
        self.http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.http.get(path, params=params)

    def put(self, path: str, key: str, obj: dict[str, Any]) -> httpx.Response:
        return self.http.put(path, json={key: obj})

    def delete(self, path: str) -> httpx.Response:
        return self.http.delete(path)

    def control(self, method: str, route: str, body: Any = None) -> httpx.Response:
        """The control API needs no token (the one this client sends is ignored)."""
        return self.http.request(method, f"{self.srv.root_url}/sandbox/{route}", json=body)

    def close(self) -> None:
        self.http.close()


def imsx_minor(body: dict[str, Any]) -> str:
    value: str = body["imsx_CodeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"]
    return value


def enrolled(class_id: str, status: str = "active") -> list[str]:
    return [
        e["user"]["sourcedId"]
        for e in _SAMPLE["enrollments"]
        if e["class"]["sourcedId"] == class_id and e["role"] == "student" and e["status"] == status
    ]


def not_enrolled(class_id: str) -> str:
    """A student of the same school with no enrollment in the class at all."""
    inside = set(enrolled(class_id)) | set(enrolled(class_id, "tobedeleted"))
    school = next(
        c["school"]["sourcedId"] for c in _SAMPLE["classes"] if c["sourcedId"] == class_id
    )
    return next(
        u["sourcedId"]
        for u in _SAMPLE["users"]
        if u["role"] == "student"
        and u["orgs"][0]["sourcedId"] == school
        and u["sourcedId"] not in inside
    )


def line_item(**overrides: Any) -> dict[str, Any]:
    """A lineItem PowerSchool accepts: CLS-HS-1, T-1's Tests copy, due in open Q2."""
    body: dict[str, Any] = {
        "title": "Unit 3 Test",
        "description": "Sent by passback",
        "assignDate": "2026-10-20T12:00:00Z",
        "dueDate": "2026-10-28T12:00:00Z",
        "class": {"sourcedId": OPEN_CLASS},
        "category": {"sourcedId": CATEGORY},
        "gradingPeriod": {"sourcedId": OPEN_PERIOD},
        "resultValueMin": 0,
        "resultValueMax": 20,
        "metadata": {"scoreType": "POINTS"},
    }
    body.update(overrides)
    return body


def result(line_item_id: str, student: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "lineItem": {"sourcedId": line_item_id},
        "student": {"sourcedId": student},
        "scoreStatus": "fully graded",
        "score": 18,
        "scoreDate": "2026-10-29",
    }
    body.update(overrides)
    return body
