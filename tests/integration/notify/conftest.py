"""A real SMTP server (aiosmtpd) and a real webhook receiver on loopback, and a district
synced against the real sandbox."""

from __future__ import annotations

import asyncio
import copy
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine

from passback.demo import data as demo_data
from passback.intake.district_file import DistrictConfig
from passback.intake.records import validate_assessment, validate_score
from passback.notify.events import run_listener
from passback.notify.settings import NotifySettings
from passback.sandbox import SandboxServer, SandboxState, sample_fixture
from passback.secrets import SecretBox
from passback.store import districts, source
from passback.store.db import make_engine, session_scope, upgrade
from passback.sync.service import SyncRequest, run_sync


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.original_content))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


@dataclass
class Mail:
    port: int
    inbox: Inbox = field(default_factory=Inbox)
    controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mail]:
    """SMTP settings pointing at a loopback port; the server is started by the test."""
    mail = Mail(free_port())
    monkeypatch.setenv("PASSBACK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PASSBACK_SMTP_PORT", str(mail.port))
    monkeypatch.setenv("PASSBACK_SMTP_STARTTLS", "false")
    monkeypatch.setenv("PASSBACK_SMTP_FROM", "passback@vendor.example.com")
    monkeypatch.delenv("PASSBACK_WEBHOOK_URL", raising=False)
    monkeypatch.delenv("PASSBACK_WEBHOOK_SECRET", raising=False)
    monkeypatch.delenv("PASSBACK_NOTIFY_DIGEST", raising=False)
    yield mail
    mail.stop()


@pytest.fixture
def smtp(smtp_env: Mail) -> Mail:
    smtp_env.start()
    return smtp_env


@dataclass
class Hook:
    url: str
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    status: int = 200


@pytest.fixture
def hook_server() -> Iterator[Hook]:
    hook = Hook("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            hook.received.append((dict(self.headers), body))
            self.send_response(hook.status)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    hook.url = f"http://127.0.0.1:{server.server_address[1]}/passback"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield hook
    server.shutdown()
    server.server_close()


@dataclass
class District:
    engine: Engine
    box: SecretBox
    sandbox: SandboxServer
    config: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.config["id"])

    def sync(self, **kw: Any) -> dict[str, Any]:
        """A run as a composition root starts it: notifications from the environment."""
        request = SyncRequest(self.id, as_of=demo_data.AS_OF, **kw)
        listeners = (run_listener(NotifySettings.from_env()),)
        return asyncio.run(run_sync(self.engine, request, box=self.box, listeners=listeners))

    def reconfigure(self, **changes: Any) -> None:
        self.config.update(changes)
        district, secret = DistrictConfig.parse(self.config).to_domain()
        with session_scope(self.engine) as session:
            districts.save_district(session, district, secret, self.box)


@pytest.fixture
def district(tmp_path: Path, secret_key: str) -> Iterator[District]:
    url = f"sqlite:///{tmp_path / 'notify.db'}"
    engine = make_engine(url)
    upgrade(engine)
    box = SecretBox.for_database(url)
    fixture = copy.deepcopy(sample_fixture())
    with SandboxServer(SandboxState.from_fixture(fixture)) as srv:
        config = demo_data.district_config(srv.base_url, srv.token_url, fixture)
        config["contacts"] = ["it@unified.example.org", "grades@unified.example.org"]
        data = demo_data.platform_data(fixture)
        the = District(engine, box, srv, config)
        the.reconfigure()
        did = the.id
        with session_scope(engine) as session:
            source.upsert_assessments(
                session,
                [validate_assessment(a, "a", did) for a in data["assessments"]],  # type: ignore[misc]
            )
            source.upsert_scores(
                session,
                [validate_score(s, "s", did) for s in data["scores"]],  # type: ignore[misc]
            )
        yield the
    engine.dispose()
