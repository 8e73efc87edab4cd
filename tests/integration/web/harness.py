"""A console world for the web tests: the real sandbox on loopback, a real database, the
demo district with its data and one finished sync, a second district (to prove isolation),
users of every role and an API token."""

from __future__ import annotations

import asyncio
import copy
import io
import json
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from passback.demo import data as demo_data
from passback.onboarding import activation
from passback.operations import districts as district_service
from passback.operations.accounts import tokens, users
from passback.operations.ingest import ingest_file
from passback.operations.runtime import Runtime
from passback.sandbox import SandboxServer
from passback.secrets import SecretBox
from passback.sync.service import SyncRequest, run_sync
from passback.web import WebSettings, create_app

PASSWORD = "correct horse battery"
OTHER = "other-1"
AS_OF = demo_data.AS_OF


@dataclass
class World:
    engine: Engine
    box: SecretBox
    sandbox: SandboxServer
    fixture: dict[str, Any]
    settings: WebSettings
    district: str
    teacher: str  # SIS id of the demo's main teacher (the teacher user's link)
    token: str  # an API token of the demo district
    other_token: str  # an API token of the other district
    run_id: str  # the finished sync of the demo district
    other_run_id: str
    # one process's runtime, shared by every client's app (as one server's requests share it)
    runtime: Runtime = field(init=False)

    def __post_init__(self) -> None:
        self.runtime = Runtime(self.settings.engine, self.settings.box)

    def client(self, who: str | None = None) -> TestClient:
        client = TestClient(create_app(self.settings, self.runtime), base_url="http://testserver")
        if who is not None:
            login(client, who)
        return client

    def api(self, token: str | None = None) -> TestClient:
        client = TestClient(create_app(self.settings, self.runtime))
        client.headers["Authorization"] = f"Bearer {token or self.token}"
        return client


def csrf_of(client: TestClient) -> str:
    page = client.get("/login").text
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def login(client: TestClient, username: str, password: str = PASSWORD) -> None:
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"]).text
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    client.headers["X-CSRF-Token"] = page[start : page.index('"', start)]


def page_csrf(client: TestClient, path: str) -> str:
    page = client.get(path).text
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def build_world(engine: Engine, sandbox: SandboxServer, fixture: dict[str, Any]) -> World:
    box = SecretBox(b"k" * 32)
    config = demo_data.district_config(sandbox.base_url, sandbox.token_url, fixture)
    district_service.apply_config(engine, box, config, by="test")
    other = copy.deepcopy(config)
    other.update(id=OTHER, name="Other District")
    district_service.apply_config(engine, box, other, by="test")
    for district in (config["id"], OTHER):  # live districts (the activation tests pause one)
        activation.activate(engine, district, by="test")
    data = demo_data.platform_data(fixture)
    for district in (config["id"], OTHER):
        document = json.dumps({**data, "district": district}).encode()
        ingest_file(engine, district, io.BytesIO(document))
    main_teacher = data["assessments"][0]["assigned_by"]
    users.create_user(engine, username="op", password=PASSWORD, role="operator")
    users.create_user(
        engine, username="admin", password=PASSWORD, role="district_admin", district=config["id"]
    )
    users.create_user(
        engine,
        username="teacher",
        password=PASSWORD,
        role="teacher",
        district=config["id"],
        sis_user=main_teacher,
        display_name="Main Teacher",
    )
    users.create_user(
        engine, username="other-admin", password=PASSWORD, role="district_admin", district=OTHER
    )
    _, token = tokens.create_token(engine, config["id"], "platform", by="test")
    _, other_token = tokens.create_token(engine, OTHER, "platform", by="test")
    runs = {}
    for district in (config["id"], OTHER):
        report = asyncio.run(
            run_sync(engine, SyncRequest(district, as_of=AS_OF, trigger="test"), box=box)
        )
        runs[district] = report["run"]
    settings = WebSettings(
        engine=engine,
        box=box,
        session_key="test-session-key",
        as_of=AS_OF,
        plugin_contact_email="support@passback.example.org",
    )
    return World(
        engine=engine,
        box=box,
        sandbox=sandbox,
        fixture=fixture,
        settings=settings,
        district=config["id"],
        teacher=main_teacher,
        token=token,
        other_token=other_token,
        run_id=runs[config["id"]],
        other_run_id=runs[OTHER],
    )
