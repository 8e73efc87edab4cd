"""What the web app needs to run: the store, the secret box, the session key and a few
choices, gathered once by `passback serve`, the demo or a test."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from passback import settings
from passback.accounts.ratelimit import LoginLimiter
from passback.observability.metrics import Metrics
from passback.observability.settings import MetricsSettings
from passback.secrets import SecretBox

SESSION_KEY_ENV = "PASSBACK_SESSION_KEY"
PLUGIN_CONTACT_ENV = "PASSBACK_PLUGIN_CONTACT_EMAIL"
PLUGIN_PUBLISHER_ENV = "PASSBACK_PLUGIN_PUBLISHER"
PUBLIC_URL_ENV = "PASSBACK_PUBLIC_URL"


@dataclass
class WebSettings:
    engine: Engine
    box: SecretBox
    session_key: str
    # Cookies only over HTTPS; off for plain-HTTP loopback (the demo, tests).
    secure_cookies: bool = False
    # Evaluate on-demand runs as of this date instead of today (the demo, rehearsals).
    as_of: date | None = None
    plugin_publisher: str = "passback"
    plugin_contact_email: str | None = None
    # Where PowerSchool reaches this server (https): enables plugin self-registration.
    public_url: str | None = None
    session_hours: int = 12
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    # Prometheus metrics on /metrics (None: off) and the bearer token they want, if any
    metrics: Metrics | None = None
    metrics_token: str | None = field(default=None, repr=False)


def session_key(database_url: str) -> str:
    """The key that signs session cookies: `PASSBACK_SESSION_KEY`, else derived from the
    secret key (environment or key file), so every process of one deployment agrees."""
    explicit = os.environ.get(SESSION_KEY_ENV, "").strip()
    if explicit:
        return explicit
    source = settings.secret_key_source(database_url)
    if source.env_var is not None:
        material = os.environ[source.env_var].strip().encode()
    else:
        assert source.key_file is not None
        SecretBox.for_database(database_url)  # creates the key file when it is missing
        material = source.key_file.read_bytes().strip()
    return hashlib.sha256(b"passback-session-key\0" + material).hexdigest()


def from_environment(engine: Engine, database_url: str, **overrides: object) -> WebSettings:
    """Settings for `passback serve`: the environment, then explicit overrides."""
    values: dict[str, object] = {
        "engine": engine,
        "box": SecretBox.for_database(database_url),
        "session_key": session_key(database_url),
        "plugin_contact_email": os.environ.get(PLUGIN_CONTACT_ENV) or None,
        "plugin_publisher": os.environ.get(PLUGIN_PUBLISHER_ENV) or "passback",
        "public_url": os.environ.get(PUBLIC_URL_ENV) or None,
    }
    metrics = MetricsSettings.from_env()
    if metrics.enabled:
        values["metrics"] = Metrics(engine)
        values["metrics_token"] = metrics.token
    values.update({k: v for k, v in overrides.items() if v is not None})
    return WebSettings(**values)  # type: ignore[arg-type]
