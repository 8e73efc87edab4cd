"""Webhooks: HMAC-signed POSTs to a real receiver on loopback, retried until accepted."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from passback.notify.deliver import deliver_due
from passback.notify.settings import NotifySettings
from passback.notify.webhook import SIGNATURE_HEADER, sign, verify

from .conftest import District, Hook

SECRET = "whsec-test-0123456789"


def test_signature_round_trip_and_tampering() -> None:
    now = datetime(2026, 11, 10, 12, tzinfo=UTC)
    body = b'{"event":"first_sync"}'
    header = sign(SECRET, int(now.timestamp()), body)
    assert verify(SECRET, header, body, now=now)
    assert not verify(SECRET, header, body + b" ", now=now)
    assert not verify("another-secret", header, body, now=now)
    assert not verify(SECRET, header, body, now=now + timedelta(minutes=10))  # replayed
    assert not verify(SECRET, "garbage", body, now=now)


def test_events_are_posted_signed_and_retried(
    district: District, hook_server: Hook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PASSBACK_SMTP_HOST", raising=False)
    monkeypatch.setenv("PASSBACK_WEBHOOK_URL", hook_server.url)
    monkeypatch.setenv("PASSBACK_WEBHOOK_SECRET", SECRET)
    hook_server.status = 503  # the receiver is having a bad day
    report = district.sync()
    t0 = datetime.now(UTC)
    assert deliver_due(district.engine, NotifySettings.from_env(), clock=lambda: t0).failed == 1
    hook_server.status = 204
    assert (
        deliver_due(
            district.engine, NotifySettings.from_env(), clock=lambda: t0 + timedelta(seconds=31)
        ).sent
        == 1
    )
    assert (
        deliver_due(
            district.engine, NotifySettings.from_env(), clock=lambda: t0 + timedelta(hours=1)
        ).sent
        == 0
    )
    assert len(hook_server.received) == 2
    (first_headers, _first_body), (headers, body) = hook_server.received
    assert headers["X-Passback-Delivery"] == first_headers["X-Passback-Delivery"]
    assert headers["X-Passback-Event"] == "first_sync"
    assert verify(SECRET, headers[SIGNATURE_HEADER], body, now=datetime.now(UTC))
    payload = json.loads(body)
    assert payload["district"] == district.id
    assert payload["report"]["run"] == report["run"]
    assert payload["report"]["counts"] == report["counts"]
    assert "items" not in payload["report"]
    assert SECRET not in body.decode()
