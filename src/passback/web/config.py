"""What the web app needs to run: the store, the secret box, the session key and a few
choices, gathered once by `passback serve`, the demo or a test."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from passback import settings
from passback.observability.metrics import Metrics
from passback.observability.settings import MetricsSettings
from passback.operations.accounts.ratelimit import LoginLimiter
from passback.operations.plugins import PLUGIN_CONTACT_ENV
from passback.secrets import SecretBox

SESSION_KEY_ENV = "PASSBACK_SESSION_KEY"
PLUGIN_PUBLISHER_ENV = "PASSBACK_PLUGIN_PUBLISHER"
PUBLIC_URL_ENV = "PASSBACK_PUBLIC_URL"
MAX_BODY_ENV = "PASSBACK_MAX_BODY_BYTES"
MAX_IMPORT_ENV = "PASSBACK_MAX_IMPORT_BYTES"


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
    # Request bodies: every route, and `/import` (streamed to a temporary file).
    max_body_bytes: int = 2 << 20
    max_import_bytes: int = 256 << 20
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
        "max_body_bytes": _bytes(MAX_BODY_ENV),
        "max_import_bytes": _bytes(MAX_IMPORT_ENV),
    }
    metrics = MetricsSettings.from_env()
    if metrics.enabled:
        values["metrics"] = Metrics(engine)
        values["metrics_token"] = metrics.token
    values.update({k: v for k, v in overrides.items() if v is not None})
    return WebSettings(**{k: v for k, v in values.items() if v is not None})  # type: ignore[arg-type]


def _bytes(name: str) -> int | None:
    """A byte count from the environment (`2097152`, `2MiB`, `512KiB`), None when unset."""
    raw = os.environ.get(name, "").strip().lower().replace(" ", "")
    if not raw:
        return None
    for suffix, factor in (("gib", 1 << 30), ("mib", 1 << 20), ("kib", 1 << 10), ("b", 1)):
        if raw.endswith(suffix):
            raw, scale = raw.removesuffix(suffix), factor
            break
    else:
        scale = 1
    try:
        value = int(raw) * scale
    except ValueError:
        raise settings.SettingsError(f"{name} must be a number of bytes, like 2MiB") from None
    if value < 1024:
        raise settings.SettingsError(f"{name} must be at least 1KiB")
    return value
