"""Mail against a real SMTP server on loopback: the first-sync mail arrives once with the
report summary; nothing is lost while the server is down; failed runs; the digest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from passback.notify.deliver import deliver_due
from passback.notify.settings import NotifySettings
from passback.store.db import session_scope
from passback.store.schema.notifications import NotificationRow

from .conftest import District, Mail


def deliveries(district: District) -> list[NotificationRow]:
    with session_scope(district.engine) as session:
        return list(session.scalars(select(NotificationRow).order_by(NotificationRow.recipient)))


def test_first_sync_mail_arrives_once_with_the_summary(district: District, smtp: Mail) -> None:
    dry = district.sync(dry_run=True)
    assert dry["dry_run"]
    assert (
        deliver_due(district.engine, NotifySettings.from_env()).sent == 0
    )  # a dry run is not a sync
    report = district.sync()
    assert report["status"] in ("succeeded", "partial")
    outcome = deliver_due(district.engine, NotifySettings.from_env())
    assert outcome.sent == 2
    inbox = smtp.inbox
    assert sorted(to for _, tos in inbox.envelopes for to in tos) == [
        "grades@unified.example.org",
        "it@unified.example.org",
    ]
    message = inbox.messages[0]
    assert message["From"] == "passback@vendor.example.com"
    assert "passback is live for Unified School District (demo)" in message["Subject"]
    body = message.get_payload(decode=True).decode()
    assert report["run"] in body
    created = report["counts"]["created"]
    assert f"{created:>6}  created in the SIS" in body
    skipped_reasons = {r for i in report["items"] if i["action"] == "skip" for r in i["reasons"]}
    assert any(code in body for code in skipped_reasons)
    # later runs, and later deliveries, send nothing more
    district.sync()
    assert deliver_due(district.engine, NotifySettings.from_env()).sent == 0
    assert len(inbox.messages) == 2
    assert {d.status for d in deliveries(district)} == {"sent"}


def test_nothing_is_lost_while_the_mail_server_is_down(district: District, smtp_env: Mail) -> None:
    district.sync()
    t0 = datetime.now(UTC)
    down = deliver_due(district.engine, NotifySettings.from_env(), clock=lambda: t0)
    assert (down.sent, down.failed) == (0, 2)
    waiting = deliveries(district)
    assert {d.status for d in waiting} == {"pending"}
    assert all(d.attempts == 1 and "SMTP 127.0.0.1" in (d.last_error or "") for d in waiting)
    assert all(d.next_attempt_at == t0 + timedelta(seconds=30) for d in waiting)
    # still down a minute later: the wait grows
    t1 = t0 + timedelta(seconds=31)
    assert deliver_due(district.engine, NotifySettings.from_env(), clock=lambda: t1).failed == 2
    assert all(d.next_attempt_at == t1 + timedelta(minutes=1) for d in deliveries(district))
    smtp_env.start()
    # up again, but not yet time to retry: nothing sent
    assert (
        deliver_due(
            district.engine, NotifySettings.from_env(), clock=lambda: t1 + timedelta(seconds=5)
        ).sent
        == 0
    )
    t2 = t1 + timedelta(minutes=1)
    assert deliver_due(district.engine, NotifySettings.from_env(), clock=lambda: t2).sent == 2
    assert (
        deliver_due(
            district.engine, NotifySettings.from_env(), clock=lambda: t2 + timedelta(hours=2)
        ).sent
        == 0
    )
    assert len(smtp_env.inbox.messages) == 2
    assert {d.status for d in deliveries(district)} == {"sent"}


def test_a_failed_run_is_mailed_once(district: District, smtp: Mail) -> None:
    district.reconfigure(sis={**district.config["sis"], "client_secret": "wrong-secret"})
    report = district.sync()
    assert report["status"] == "failed"
    assert deliver_due(district.engine, NotifySettings.from_env()).sent == 2
    deliver_due(district.engine, NotifySettings.from_env())
    subjects = {m["Subject"] for m in smtp.inbox.messages}
    assert subjects == {"passback run failed for Unified School District (demo)"}
    body = smtp.inbox.messages[0].get_payload(decode=True).decode()
    assert report["run"] in body and "Why:" in body
    assert "wrong-secret" not in body


def test_nightly_digest_groups_skips_by_teacher(
    district: District, smtp: Mail, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PASSBACK_NOTIFY_DIGEST", "true")
    report = district.sync(trigger="nightly")
    deliver_due(district.engine, NotifySettings.from_env())
    digests = [m for m in smtp.inbox.messages if "nightly digest" in m["Subject"]]
    assert len(digests) == 2  # one per contact
    body = digests[0].get_payload(decode=True).decode()
    skipped = [i for i in report["items"] if i["action"] == "skip" and i["kind"] == "result"]
    assert "Teacher " in body
    reasons = {r for i in skipped for r in i["reasons"]}
    assert reasons and all(code in body for code in reasons)
    # same night again: no second digest
    district.sync(trigger="nightly")
    deliver_due(district.engine, NotifySettings.from_env())
    assert len([m for m in smtp.inbox.messages if "nightly digest" in m["Subject"]]) == 2


def test_a_line_break_in_the_district_name_cannot_add_headers(
    district: District, smtp: Mail
) -> None:
    district.reconfigure(name="Unified\r\nBcc: attacker@evil.example\r\nX-Evil: 1")
    district.sync()
    outcome = deliver_due(district.engine, NotifySettings.from_env())
    assert (outcome.sent, outcome.failed) == (2, 0)
    recipients = sorted(to for _, tos in smtp.inbox.envelopes for to in tos)
    assert recipients == ["grades@unified.example.org", "it@unified.example.org"]
    for message in smtp.inbox.messages:
        assert message["Bcc"] is None and message["X-Evil"] is None
        assert "Unified Bcc: attacker@evil.example X-Evil: 1" in message["Subject"]


def test_a_delivery_failing_for_any_reason_is_marked_and_others_go_out(
    district: District, smtp: Mail, monkeypatch: pytest.MonkeyPatch
) -> None:
    from passback.notify import deliver

    real = deliver.send_email

    def flaky(settings: object, *, to: str, **kw: str) -> None:
        if to.startswith("grades@"):
            raise RuntimeError("something nobody planned for")
        real(settings, to=to, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(deliver, "send_email", flaky)
    district.sync()
    outcome = deliver_due(district.engine, NotifySettings.from_env())
    assert (outcome.sent, outcome.failed) == (1, 1)
    rows = {d.recipient: d for d in deliveries(district)}
    assert rows["it@unified.example.org"].status == "sent"
    broken = rows["grades@unified.example.org"]
    assert broken.status == "failed"
    assert "RuntimeError: something nobody planned for" in (broken.last_error or "")
    assert deliver_due(district.engine, NotifySettings.from_env()).sent == 0  # not claimed again
