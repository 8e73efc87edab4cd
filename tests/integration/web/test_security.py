"""Security findings of issue #14, one test (or a few) per finding, in process against the
real app, the real sandbox on loopback and a real database. The findings that are about
process memory or response headers of `passback serve` are in test_serve_security.py."""

from __future__ import annotations

import asyncio
import base64
import csv
import io
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from passback.demo import data as demo_data
from passback.operations import sis as sis_service
from passback.operations.accounts import users
from passback.operations.accounts.ratelimit import LoginLimiter
from passback.store import audit
from passback.store.db import session_scope
from passback.sync.service import SyncRequest, run_sync
from passback.web import create_app
from passback.web.server import ConsoleServer

from .harness import AS_OF, OTHER, PASSWORD, World, csrf_of, login, page_csrf

CANARY = "INTERNAL-CANARY-7f3a"


def _config(client: TestClient, district: str) -> dict[str, Any]:
    config = client.get(f"/api/v1/districts/{district}/config").json()
    config["sis"].pop("client_secret_stored")
    return config


def _user(world: World, name: str, role: str = "district_admin") -> str:
    users.create_user(
        world.engine, username=name, password=PASSWORD, role=role, district=world.district
    )
    return name


# --- high: the stored secret stays with the SIS it was entered for ----------------------


@pytest.mark.parametrize(
    "change",
    [
        {"token_url": "/oauth/elsewhere"},
        {"base_url": "/ims/other/v1p1"},
        {"client_id": "someone-else"},
    ],
)
def test_changing_where_the_secret_goes_needs_the_secret_again(
    world: World, change: dict[str, str]
) -> None:
    op = world.client("op")
    config = _config(op, OTHER)
    before = dict(config["sis"])
    field, value = next(iter(change.items()))
    if value.startswith("/"):
        value = world.sandbox.root_url + value
    config["sis"][field] = value
    refused = op.put(f"/api/v1/districts/{OTHER}/config", json=config)
    assert refused.status_code == 422
    errors = refused.json()["errors"]
    assert errors[0]["field"] == "sis.client_secret"
    assert f"sis.{field} changed" in errors[0]["message"]
    assert _config(op, OTHER)["sis"] == before  # nothing was saved
    # with the secret entered again the change is saved, and audited
    config["sis"]["client_secret"] = "demo-secret"
    assert op.put(f"/api/v1/districts/{OTHER}/config", json=config).status_code == 200
    with session_scope(world.engine) as session:
        entry = audit.recent(session, OTHER, limit=1)[0]
    assert entry.details["sis_changed"] == [f"sis.{field}"]
    assert entry.details["secret_changed"] is True
    # back as it was (the secret again, since the URLs change back)
    config["sis"] = {**before, "client_secret": "demo-secret"}
    assert op.put(f"/api/v1/districts/{OTHER}/config", json=config).status_code == 200


def test_the_console_form_refuses_a_new_token_url_without_the_secret(world: World) -> None:
    admin = world.client("other-admin")
    page = f"/districts/{OTHER}/config"
    sis = _config(world.client("op"), OTHER)["sis"]
    response = admin.post(
        f"{page}/connection",
        data={
            "csrf_token": page_csrf(admin, page),
            "base_url": sis["base_url"],
            "token_url": sis["base_url"].split("/ims/")[0] + "/elsewhere/token",
            "client_id": sis["client_id"],
            "client_secret": "",
        },
    )
    assert response.status_code == 422  # the form is shown again, as typed, with the error
    assert "Not saved" in response.text and "sis.client_secret" in response.text
    assert _config(world.client("op"), OTHER)["sis"]["token_url"] == sis["token_url"]


def test_the_token_url_must_share_the_base_urls_origin(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    op = world.client("op")
    config = _config(op, OTHER)
    config["sis"].update(
        token_url="https://login.example.org/oauth/access_token", client_secret="demo-secret"
    )
    refused = op.put(f"/api/v1/districts/{OTHER}/config", json=config)
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert error["field"] == "sis.token_url"
    assert "same origin" in error["message"]
    # the operator may allow another origin
    monkeypatch.setenv("PASSBACK_SIS_TOKEN_ORIGINS", "https://login.example.org")
    checked = op.put(f"/api/v1/districts/{OTHER}/config", json={**config, "name": "x"})
    assert checked.status_code == 200
    restore = _config(op, OTHER)
    restore["sis"].update(token_url=world.sandbox.token_url, client_secret="demo-secret")
    restore["name"] = "Other District"
    assert op.put(f"/api/v1/districts/{OTHER}/config", json=restore).status_code == 200


# --- medium: outbound SIS requests ------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data",
        "http://metadata.google.internal/computeMetadata/v1",
        "http://[fe80::1]/ims/oneroster/v1p1",
    ],
)
def test_link_local_and_metadata_addresses_are_refused(world: World, url: str) -> None:
    op = world.client("op")
    config = _config(op, OTHER)
    config["sis"].update(base_url=url, token_url=url + "/token", client_secret="x-secret")
    response = op.put(f"/api/v1/districts/{OTHER}/config", json=config)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "sis.base_url"
    assert "refused by the operator's policy" in response.json()["errors"][0]["message"]


def test_the_policy_is_checked_again_before_connecting(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A saved URL whose host now falls under the policy is not contacted at all."""
    sis_service.forget(world.runtime, world.district)
    monkeypatch.setenv("PASSBACK_SIS_DENIED_HOSTS", "127.0.0.0/8")
    before = _sis_calls(world)
    response = world.client("admin").get(f"/api/v1/districts/{world.district}/sis/categories")
    assert response.status_code == 502
    assert "refused by the operator's policy" in response.json()["detail"]
    assert _sis_calls(world) == before
    sis_service.forget(world.runtime, world.district)


def _sis_calls(world: World) -> int:
    seen = world.sandbox.runtime.stats.snapshot()
    return int(seen["reads"] + seen["writes"] + seen["token_calls"])


def test_a_sync_to_a_refused_address_sends_nothing(
    fresh_world: Callable[[], World], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Syncs go through the same check: the secret never leaves for a refused address."""
    world = fresh_world()
    monkeypatch.setenv("PASSBACK_SIS_DENIED_HOSTS", "127.0.0.1")
    before = _sis_calls(world)
    report = asyncio.run(
        run_sync(
            world.engine, SyncRequest(world.district, as_of=AS_OF, trigger="test"), box=world.box
        )
    )
    assert report["status"] == "failed"
    assert "refused by the operator's policy" in str(report["error"])
    assert _sis_calls(world) == before


class _Gateway(BaseHTTPRequestHandler):
    """A SIS gateway that fails every request with a page full of internal details."""

    hits = 0

    def _fail(self) -> None:
        type(self).hits += 1
        body = f"<html><body>{CANARY} db=10.0.0.5 stack trace …</body></html>".encode()
        self.send_response(502)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _fail

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def gateway() -> Iterator[str]:
    _Gateway.hits = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_sis_bodies_are_never_echoed_and_page_views_do_not_retry(
    world: World, gateway: str
) -> None:
    op = world.client("op")
    config = _config(op, OTHER)
    original = dict(config["sis"])
    config["sis"].update(
        base_url=f"{gateway}/ims/oneroster/v1p1",
        token_url=f"{gateway}/oauth/access_token",
        client_secret="gateway-secret",
    )
    assert op.put(f"/api/v1/districts/{OTHER}/config", json=config).status_code == 200
    try:
        api = op.get(f"/api/v1/districts/{OTHER}/sis/categories")
        assert api.status_code == 502
        assert CANARY not in api.text and "10.0.0.5" not in api.text
        assert "HTTP 502" in api.json()["detail"]
        admin = world.client("other-admin")
        for _ in range(3):
            page = admin.get(f"/districts/{OTHER}/config")
            assert page.status_code == 200
            assert CANARY not in page.text
            assert "HTTP 502" in page.text
        # one request in all: no retries, and the failure is remembered for a while
        assert _Gateway.hits == 1
    finally:
        config["sis"] = {**original, "client_secret": "demo-secret"}
        assert op.put(f"/api/v1/districts/{OTHER}/config", json=config).status_code == 200


# --- medium: sessions end on the server -----------------------------------------------


def _copy(client: TestClient, world: World) -> TestClient:
    thief = world.client()
    thief.cookies.update(client.cookies)
    return thief


def test_a_copied_cookie_stops_working_after_logout(world: World) -> None:
    name = _user(world, "sess-logout")
    browser = world.client(name)
    thief = _copy(browser, world)
    assert thief.get("/api/v1/me").status_code == 200
    browser.post("/logout", data={"csrf_token": page_csrf(browser, f"/districts/{world.district}")})
    assert thief.get("/api/v1/me").status_code == 401
    assert thief.get(f"/districts/{world.district}", follow_redirects=False).status_code == 303


def test_changing_the_password_ends_every_other_session(world: World) -> None:
    name = _user(world, "sess-passwd")
    browser, other = world.client(name), world.client(name)
    page = "/account/password"
    wrong = browser.post(
        page,
        data={
            "csrf_token": page_csrf(browser, page),
            "current_password": "not the password",
            "new_password": "a brand new secret",
            "confirm_password": "a brand new secret",
        },
    )
    assert "current password is not right" in wrong.text
    assert other.get("/api/v1/me").status_code == 200
    changed = browser.post(
        page,
        data={
            "csrf_token": page_csrf(browser, page),
            "current_password": PASSWORD,
            "new_password": "a brand new secret",
            "confirm_password": "a brand new secret",
        },
    )
    assert "Password changed" in changed.text
    assert browser.get("/api/v1/me").status_code == 200  # this one signed in again
    assert other.get("/api/v1/me").status_code == 401
    fresh = world.client()
    login(fresh, name, "a brand new secret")


# --- medium: logins ------------------------------------------------------------------


def _attempt(client: TestClient, name: str, password: str) -> int:
    return client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": csrf_of(client)},
        follow_redirects=False,
    ).status_code


def test_simultaneous_guesses_are_counted_before_the_password_check(world: World) -> None:
    name = _user(world, "burst-target")
    with ConsoleServer(world.settings) as server:
        barrier = threading.Barrier(12)

        def guess() -> int:
            with httpx.Client(base_url=server.url, timeout=60) as client:
                page = client.get("/login").text
                marker = 'name="csrf_token" value="'
                start = page.index(marker) + len(marker)
                token = page[start : page.index('"', start)]
                barrier.wait()
                return client.post(
                    "/login",
                    data={"username": name, "password": "wrong!", "csrf_token": token},
                    timeout=60,  # five argon2 checks on a busy machine can take a while
                ).status_code

        results: list[int] = []
        threads = [threading.Thread(target=lambda: results.append(guess())) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(results) == 12
    assert sorted(results).count(401) == world.settings.limiter.max_failures
    assert results.count(429) == 12 - world.settings.limiter.max_failures


def test_the_count_is_shared_by_every_process(world: World) -> None:
    """Two apps (as two workers would be) on one database share one count."""
    name = _user(world, "shared-count")
    first = TestClient(create_app(world.settings))
    second_settings = type(world.settings)(
        engine=world.engine, box=world.box, session_key="test-session-key"
    )
    second = TestClient(create_app(second_settings))
    assert [_attempt(first, name, "wrong") for _ in range(3)] == [401] * 3
    assert [_attempt(second, name, "wrong") for _ in range(2)] == [401] * 2
    assert _attempt(first, name, PASSWORD) == 429
    assert _attempt(second, name, PASSWORD) == 429


def test_a_lockout_holds_for_one_source_only(world: World) -> None:
    name = _user(world, "per-source")
    app = create_app(world.settings)
    stranger = TestClient(app, client=("203.0.113.9", 4000))
    for _ in range(6):
        _attempt(stranger, name, "wrong")
    assert _attempt(stranger, name, PASSWORD) == 429
    at_school = TestClient(app, client=("198.51.100.20", 4000))
    assert _attempt(at_school, name, PASSWORD) == 303


def test_lockouts_back_off() -> None:
    limiter = LoginLimiter(base_lock_s=60, max_lock_s=3600)
    assert [limiter.lock_seconds(n) for n in range(8)] == [
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
    ]


def test_password_checks_are_bounded_per_process(world: World) -> None:
    name = _user(world, "busy-console")
    settings = type(world.settings)(
        engine=world.engine,
        box=world.box,
        session_key="test-session-key",
        limiter=LoginLimiter(max_concurrent_checks=1, check_wait_s=0.05),
    )
    client = TestClient(create_app(settings))
    with settings.limiter.password_check() as slot:
        assert slot
        response = client.post(
            "/login",
            data={"username": name, "password": PASSWORD, "csrf_token": csrf_of(client)},
        )
    assert response.status_code == 429
    assert "busy" in response.text
    assert _attempt(client, name, PASSWORD) == 303


# --- medium: request bodies -----------------------------------------------------------


def test_an_anonymous_invalid_body_gets_401_not_422(world: World) -> None:
    anonymous = TestClient(create_app(world.settings))
    url = f"/api/v1/districts/{world.district}/assessments"
    for body in (b"{not json", b"[" * 5000, json.dumps({"id": 1}).encode()):
        response = anonymous.post(url, content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 401
        assert response.json()["status"] == 401


def test_bodies_over_the_limit_get_413_with_a_problem(world: World) -> None:
    settings = type(world.settings)(
        engine=world.engine,
        box=world.box,
        session_key="test-session-key",
        max_body_bytes=64 << 10,
        max_import_bytes=128 << 10,
    )
    api = TestClient(create_app(settings))
    api.headers["Authorization"] = f"Bearer {world.token}"
    big = b'{"id": "' + b"x" * (80 << 10) + b'"}'
    url = f"/api/v1/districts/{world.district}"
    declared = api.post(f"{url}/assessments", content=big)
    assert declared.status_code == 413
    assert declared.headers["content-type"].startswith("application/problem+json")
    assert "64 KiB" in declared.json()["detail"]

    def chunks(total: int) -> Iterator[bytes]:
        yield b'{"scores": ['
        for _ in range(total // 1024):
            yield b" " * 1024
        yield b"]}"

    # no Content-Length: counted while read, /import streams with its own limit
    streamed = api.post(f"{url}/import", content=chunks(200 << 10))
    assert streamed.status_code == 413
    assert "128 KiB" in streamed.json()["detail"]
    fine = api.post(f"{url}/import", content=chunks(100 << 10))
    assert fine.status_code == 200, fine.text
    # the console's forms are bounded too
    form = api.post("/login", content=b"a=" + b"b" * (70 << 10))
    assert form.status_code == 413


# --- low ------------------------------------------------------------------------------


def test_csv_cells_cannot_start_a_formula(fresh_world) -> None:  # type: ignore[no-untyped-def]
    world: World = fresh_world()
    api = world.api()
    url = f"/api/v1/districts/{world.district}"
    assessment = dict(demo_data.platform_data(world.fixture)["assessments"][0])
    assessment.update(id='=HYPERLINK("http://evil.example","x")', title="@SUM(1+1)")
    assert api.post(f"{url}/assessments", json=assessment).status_code == 200, "stored"
    job = api.post(f"{url}/syncs", json={"dry_run": True}).json()["job"]
    info = _wait(api, job)
    exported = api.get(f"/api/v1/runs/{info['run']['id']}/items.csv")
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.text)))
    cells = [cell for row in rows for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def _wait(client: TestClient, job: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        info = client.get(f"/api/v1/jobs/{job}").json()
        if info["status"] in ("done", "failed"):
            return dict(info)
        time.sleep(0.2)
    raise AssertionError("the job did not finish")


def _cookie_text(client: TestClient) -> str:
    raw = client.cookies.get("passback_session") or ""
    payload = raw.split(".")[0]
    return base64.b64decode(payload + "=" * (-len(payload) % 4)).decode(errors="replace")


def test_a_new_token_is_shown_once_never_in_the_cookie(world: World) -> None:
    admin = world.client("admin")
    page = f"/districts/{world.district}/tokens"
    created = admin.post(page, data={"csrf_token": page_csrf(admin, page), "name": "once"})
    assert created.status_code == 201
    assert created.headers["cache-control"] == "no-store"
    start = created.text.index('id="new-token">') + len('id="new-token">')
    token = created.text[start : created.text.index("<", start)]
    assert token.startswith("pbt_")
    assert token not in _cookie_text(admin)
    again = admin.get(page)
    assert token not in again.text
    assert again.headers["cache-control"] == "no-store"
    assert world.api(token).get("/api/v1/me").status_code == 200


def test_bad_unicode_and_deep_nesting_are_4xx(world: World) -> None:
    api = world.api()
    url = f"/api/v1/districts/{world.district}"
    surrogate = b'{"id": "\\ud800", "classes": ["CLS-HS-1"]}'
    for path in ("assessments", "scores"):
        response = api.post(
            f"{url}/{path}", content=surrogate, headers={"Content-Type": "application/json"}
        )
        assert 400 <= response.status_code < 500, response.text
    assert api.get(f"{url}/runs/%ED%A0%80").status_code in (400, 404)
    deep = b'{"assessments": [' + b"[" * 2000 + b"]" * 2000 + b"]}"
    nested = api.post(f"{url}/import", content=deep)
    assert 400 <= nested.status_code < 500, nested.text
    record = b'{"id": ' + b"[" * 2000 + b"]" * 2000 + b"}"
    response = api.post(
        f"{url}/assessments", content=record, headers={"Content-Type": "application/json"}
    )
    assert 400 <= response.status_code < 500


# --- info -----------------------------------------------------------------------------


def test_tokens_reach_data_runs_reports_and_syncs_only(world: World) -> None:
    api = world.api()
    url = f"/api/v1/districts/{world.district}"
    assert api.get(f"{url}/config").status_code == 403
    assert api.get(f"{url}/onboarding").status_code == 403
    assert api.get(f"{url}/runs").status_code == 200


def test_taken_usernames_of_other_districts_are_not_confirmed(world: World) -> None:
    admin = world.client("admin")
    response = admin.post(
        "/users",
        data={
            "csrf_token": page_csrf(admin, "/users"),
            "username": "other-admin",
            "password": PASSWORD,
            "role": "district_admin",
        },
    )
    assert "other-admin is taken" not in response.text
    assert "not available" in response.text
    same = admin.post(
        "/users",
        data={
            "csrf_token": page_csrf(admin, "/users"),
            "username": "teacher",
            "password": PASSWORD,
            "role": "district_admin",
        },
    )
    assert "teacher is taken" in same.text


def test_the_api_docs_are_served_from_the_package(world: World) -> None:
    client = world.client()
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "<script>" not in page.text
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in page.text
    bundle = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and "SwaggerUIBundle" in bundle.text
    assert client.get("/static/swagger-init.js").status_code == 200
