"""Mail and webhook settings, read from the environment once by a composition root (the
CLI, the web server, the worker) into `NotifySettings`, which is passed down.

PASSBACK_SMTP_HOST (unset: e-mail is recorded but not sent), PASSBACK_SMTP_PORT (587 with
STARTTLS, else 25), PASSBACK_SMTP_USERNAME, PASSBACK_SMTP_PASSWORD, PASSBACK_SMTP_STARTTLS
(true/false, default true unless the port is 25), PASSBACK_SMTP_SSL (implicit TLS, port
465), PASSBACK_SMTP_FROM (default passback@<host>), PASSBACK_SMTP_TIMEOUT (seconds, 20).
PASSBACK_WEBHOOK_URL and PASSBACK_WEBHOOK_SECRET (both or neither) add a signed webhook.
PASSBACK_NOTIFY_DIGEST=true turns on the nightly digest of skipped scores per teacher.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from passback.settings import SettingsError

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = True
    ssl: bool = False
    sender: str = "passback@localhost"
    timeout: float = 20.0

    @classmethod
    def from_env(cls) -> SmtpSettings | None:
        host = os.environ.get("PASSBACK_SMTP_HOST", "").strip()
        if not host:
            return None
        ssl = _flag("PASSBACK_SMTP_SSL", False)
        raw_port = os.environ.get("PASSBACK_SMTP_PORT", "").strip()
        try:
            port = int(raw_port) if raw_port else (465 if ssl else 587)
        except ValueError:
            raise SettingsError(f"PASSBACK_SMTP_PORT must be a number, not {raw_port!r}") from None
        raw_timeout = os.environ.get("PASSBACK_SMTP_TIMEOUT", "20").strip()
        try:
            timeout = float(raw_timeout)
        except ValueError:
            raise SettingsError(
                f"PASSBACK_SMTP_TIMEOUT must be seconds, not {raw_timeout!r}"
            ) from None
        return cls(
            host=host,
            port=port,
            username=os.environ.get("PASSBACK_SMTP_USERNAME") or None,
            password=os.environ.get("PASSBACK_SMTP_PASSWORD") or None,
            starttls=_flag("PASSBACK_SMTP_STARTTLS", port != 25 and not ssl),
            ssl=ssl,
            sender=os.environ.get("PASSBACK_SMTP_FROM", "").strip() or f"passback@{host}",
            timeout=timeout,
        )


@dataclass(frozen=True)
class WebhookSettings:
    url: str
    secret: str = field(repr=False)
    timeout: float = 10.0

    @classmethod
    def from_env(cls) -> WebhookSettings | None:
        url = os.environ.get("PASSBACK_WEBHOOK_URL", "").strip()
        secret = os.environ.get("PASSBACK_WEBHOOK_SECRET", "").strip()
        if not url and not secret:
            return None
        if not url or not secret:
            raise SettingsError(
                "set both PASSBACK_WEBHOOK_URL and PASSBACK_WEBHOOK_SECRET (or neither)"
            )
        if not url.startswith(("http://", "https://")):
            raise SettingsError("PASSBACK_WEBHOOK_URL must be an http(s) URL")
        return cls(url=url, secret=secret)


@dataclass(frozen=True)
class NotifySettings:
    """Everything notifications need from the environment. `problem`: why the environment
    could not be read (nothing is sent then, and the problem is logged where it matters),
    so a mistyped setting never stops a server or a worker from starting."""

    smtp: SmtpSettings | None = None
    webhook: WebhookSettings | None = None
    digest: bool = False  # the nightly digest of skipped scores per teacher
    problem: str | None = None

    @classmethod
    def from_env(cls) -> NotifySettings:
        problem: str | None = None
        try:
            smtp = SmtpSettings.from_env()
        except SettingsError as exc:
            smtp, problem = None, str(exc)
        try:
            webhook = WebhookSettings.from_env()
        except SettingsError as exc:
            webhook, problem = None, problem or str(exc)
        try:
            digest = _flag("PASSBACK_NOTIFY_DIGEST", False)
        except SettingsError as exc:
            digest, problem = False, problem or str(exc)
        return cls(smtp=smtp, webhook=webhook, digest=digest, problem=problem)
