"""The token endpoint (OAuth 2 client credentials, as PowerSchool answers it) and the Bearer
check on every OneRoster call, including expiry."""

from __future__ import annotations

import base64
import time

import httpx
import pytest

from passback.sandbox import FaultConfig, SandboxServer

from .helpers import TLS, Api, imsx_minor

GRANT = {"grant_type": "client_credentials"}


@pytest.fixture(scope="module")
def http() -> httpx.Client:
    with httpx.Client(verify=TLS, timeout=10) as client:
        yield client


def test_basic_auth_token_as_powerschool_answers_it(
    shared_server: SandboxServer, http: httpx.Client
) -> None:
    response = http.post(shared_server.token_url, auth=("demo", "demo-secret"), data=GRANT)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "scope"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == "3600"  # a string, as PowerSchool sends it
    assert "gradebook.createput" in body["scope"]
    assert response.headers["Cache-Control"] == "no-store"


def test_client_credentials_in_the_form_body(
    shared_server: SandboxServer, http: httpx.Client
) -> None:
    form = {**GRANT, "client_id": "demo", "client_secret": "demo-secret"}
    token = http.post(shared_server.token_url, data=form).json()["access_token"]
    api = http.get(f"{shared_server.base_url}/orgs", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200


def test_basic_credentials_are_form_urlencoded_per_rfc6749(
    shared_server: SandboxServer, http: httpx.Client
) -> None:
    raw = base64.b64encode(b"demo:demo%2Dsecret").decode()
    response = http.post(
        shared_server.token_url, headers={"Authorization": f"Basic {raw}"}, data=GRANT
    )
    assert response.status_code == 200


def test_read_only_client_gets_no_write_scopes(
    shared_server: SandboxServer, http: httpx.Client
) -> None:
    body = http.post(
        shared_server.token_url, auth=("readonly", "readonly-secret"), data=GRANT
    ).json()
    assert "gradebook.readonly" in body["scope"]
    assert "createput" not in body["scope"] and "delete" not in body["scope"]


def test_requested_scope_is_narrowed_to_what_the_client_may_have(
    shared_server: SandboxServer, http: httpx.Client
) -> None:
    scope = "https://purl.imsglobal.org/spec/or/v1p1/scope/gradebook.readonly gradebook.delete"
    body = http.post(
        shared_server.token_url,
        auth=("readonly", "readonly-secret"),
        data={**GRANT, "scope": scope},
    ).json()
    assert body["scope"] == "https://purl.imsglobal.org/spec/or/v1p1/scope/gradebook.readonly"


@pytest.mark.parametrize(
    ("auth", "data", "status", "error"),
    [
        (("demo", "wrong"), GRANT, 401, "invalid_client"),
        (("nobody", "demo-secret"), GRANT, 401, "invalid_client"),
        (None, GRANT, 401, "invalid_client"),
        (("demo", "demo-secret"), {"grant_type": "password"}, 400, "unsupported_grant_type"),
        (("demo", "demo-secret"), {}, 400, "invalid_request"),
    ],
)
def test_token_errors_follow_rfc6749(
    shared_server: SandboxServer,
    http: httpx.Client,
    auth: tuple[str, str] | None,
    data: dict[str, str],
    status: int,
    error: str,
) -> None:
    response = http.post(shared_server.token_url, auth=auth, data=data)
    assert response.status_code == status
    assert response.json()["error"] == error
    assert "demo-secret" not in response.text


@pytest.mark.parametrize(
    ("headers", "fragment"),
    [
        ({}, "Bearer access token is required"),
        ({"Authorization": "Bearer not-a-token"}, "not valid"),
        ({"Authorization": "Basic ZGVtbzpkZW1vLXNlY3JldA=="}, "Bearer access token is required"),
    ],
)
def test_api_calls_need_a_valid_bearer_token(
    shared_server: SandboxServer, http: httpx.Client, headers: dict[str, str], fragment: str
) -> None:
    response = http.get(f"{shared_server.base_url}/orgs", headers=headers)
    assert response.status_code == 401
    assert imsx_minor(response.json()) == "unauthorized"
    assert fragment in response.json()["imsx_description"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_token_expires_after_its_lifetime(server: SandboxServer) -> None:
    server.set_faults(FaultConfig(token_lifetime_s=1))
    api = Api(server)
    try:
        assert api.get("/orgs").status_code == 200
        time.sleep(1.05)
        expired = api.get("/orgs")
        assert expired.status_code == 401
        assert "expired" in expired.json()["imsx_description"]
        fresh = Api(server)  # a new token works again
        assert fresh.get("/orgs").status_code == 200
        fresh.close()
    finally:
        api.close()


def test_earlier_tokens_stay_valid_when_a_new_one_is_issued(server: SandboxServer) -> None:
    first, second = Api(server), Api(server)
    assert first.get("/orgs").status_code == second.get("/orgs").status_code == 200
    first.close()
    second.close()


def test_control_route_expires_every_token(server: SandboxServer) -> None:
    api = Api(server)
    assert api.control("POST", "tokens/expire").json() == {"expired": 1}
    assert api.get("/orgs").status_code == 401
    api.close()
