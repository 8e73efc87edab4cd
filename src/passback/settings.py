"""Where passback keeps its data and where the key that encrypts SIS secrets comes from.

Read from the environment each time it is asked, so tests and the CLI can change it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DATABASE_URL_ENV = "PASSBACK_DATABASE_URL"
SECRET_KEY_ENV = "PASSBACK_SECRET_KEY"  # noqa: S105 - the variable's name, not a key
KEY_FILE_NAME = "passback.key"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


def data_dir() -> Path:
    """The per-user folder of the embedded mode (created on demand by `database_url`)."""
    return Path(platformdirs.user_data_dir("passback"))


def database_url() -> str:
    """`PASSBACK_DATABASE_URL`, or a SQLite file in the user's data folder."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        return url
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'passback.db'}"


def sqlite_file(url: str) -> Path | None:
    """The database file of a file-backed SQLite URL; None for anything else."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite":
        return None
    name = parsed.database or ""
    if name in ("", ":memory:") or parsed.query.get("mode") == "memory":
        return None
    return Path(name).expanduser().resolve()


@dataclass(frozen=True, slots=True)
class SecretKeySource:
    """Where the secret key comes from: the environment variable, or a key file beside
    the SQLite database (embedded mode only). Exactly one of the two is set."""

    env_var: str | None = None
    key_file: Path | None = None

    def describe(self) -> str:
        return f"${self.env_var}" if self.env_var else f"key file {self.key_file}"


def secret_key_source(database_url: str) -> SecretKeySource:
    """Pick the key source for a database; PostgreSQL and in-memory SQLite need the
    environment variable because there is no safe place for a key file."""
    if os.environ.get(SECRET_KEY_ENV, "").strip():
        return SecretKeySource(env_var=SECRET_KEY_ENV)
    path = sqlite_file(database_url)
    if path is None:
        raise SettingsError(
            f"{SECRET_KEY_ENV} is not set; it is required unless the database is a SQLite "
            "file (set it to the urlsafe base64 encoding of 32 random bytes)"
        )
    return SecretKeySource(key_file=path.parent / KEY_FILE_NAME)


# --- the operator's SIS policy (docs/deployment.md, "Outbound SIS requests") ------------

SIS_ALLOWED_HOSTS_ENV = "PASSBACK_SIS_ALLOWED_HOSTS"
SIS_DENIED_HOSTS_ENV = "PASSBACK_SIS_DENIED_HOSTS"
SIS_TOKEN_ORIGINS_ENV = "PASSBACK_SIS_TOKEN_ORIGINS"  # noqa: S105 - a variable name


def _listed(name: str) -> tuple[str, ...]:
    raw = os.environ.get(name, "")
    return tuple(part.strip() for part in raw.replace("\n", ",").split(",") if part.strip())


def sis_allowed_hosts() -> tuple[str, ...]:
    """`PASSBACK_SIS_ALLOWED_HOSTS`: host names (`*.example.org` too), addresses and networks
    (CIDR) the SIS URLs may point at. Empty: any host but the refused ones."""
    return _listed(SIS_ALLOWED_HOSTS_ENV)


def sis_denied_hosts() -> tuple[str, ...]:
    """`PASSBACK_SIS_DENIED_HOSTS`: more hosts and networks to refuse, beside link-local and
    cloud metadata addresses (always refused unless an allowed network names them)."""
    return _listed(SIS_DENIED_HOSTS_ENV)


def sis_token_origins() -> tuple[str, ...]:
    """`PASSBACK_SIS_TOKEN_ORIGINS`: origins (`https://login.example.org`) a token URL may
    have besides its base URL's own; `*` allows any."""
    return _listed(SIS_TOKEN_ORIGINS_ENV)
