"""`passback district …`: create, update and show district configuration."""

from __future__ import annotations

import typer

app = typer.Typer(help="District configuration.", no_args_is_help=True)
