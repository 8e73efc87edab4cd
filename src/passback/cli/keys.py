"""`passback key rotate`: re-seal every district's SIS secret under a new key."""

from __future__ import annotations

import typer

from passback.cli import common
from passback.cli.common import guarded
from passback.cli.database import DatabaseUrl, open_engine, resolve, user_errors
from passback.operations.keys import rotate
from passback.operations.purge import cli_actor

app = typer.Typer(help="The key that seals SIS secrets.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="key")


@app.command("rotate")
@guarded
def rotate_command(database_url: DatabaseUrl = None) -> None:
    """Seal every secret under a new key (key file), or under PASSBACK_SECRET_KEY with the
    previous key listed in PASSBACK_OLD_SECRET_KEYS. Safe while syncs run."""
    url = resolve(database_url)
    with user_errors():
        engine = open_engine(url)
        done = rotate(engine, url, actor=cli_actor())
    common.stderr.print(
        f"re-sealed {done.resealed} of {done.districts} district secrets under key {done.key_id}",
        highlight=False,
    )
