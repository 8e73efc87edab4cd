"""`passback sandbox …`: the PowerSchool-profile OneRoster sandbox."""

from __future__ import annotations

import typer

app = typer.Typer(help="The PowerSchool-profile OneRoster 1.1 SIS sandbox.", no_args_is_help=True)
