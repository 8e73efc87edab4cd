"""The `--database-url` option and opening the store, for the commands that use it.

Known failures (a bad config file, a missing key, an unreachable database) become
`CliError`s: one line, no traceback, nothing secret in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.markup import escape
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from passback import settings
from passback.cli.common import CliError
from passback.operations.database import open_database
from passback.operations.districts import DistrictConfigError, MissingSecret
from passback.secrets import SecretError

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        envvar=settings.DATABASE_URL_ENV,
        help="SQLAlchemy database URL (default: a SQLite file in the user data folder).",
        show_default=False,
    ),
]


def resolve(database_url: str | None) -> str:
    return database_url or settings.database_url()


def shown(url: str) -> str:
    """The URL with any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unparseable URL)"


def open_engine(url: str) -> Engine:
    """The migrated engine for `url`, or a `CliError` saying why it cannot be opened."""
    try:
        return open_database(url)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise CliError(f"{shown(url)} is not a usable database URL: {exc}") from None
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise CliError(f"cannot open the database {shown(url)}: {reason}") from None


@contextmanager
def user_errors() -> Iterator[None]:
    """Errors whose message tells the user what to fix, as `CliError`s (markup-safe)."""
    try:
        yield
    except (DistrictConfigError, SecretError, MissingSecret, settings.SettingsError) as exc:
        raise CliError(escape(str(exc))) from None
    except CliError as exc:
        raise CliError(escape(str(exc))) from None
