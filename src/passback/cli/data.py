"""`passback import FILE`: load assessments and scores from the platform's JSON format."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach the data commands to the root app."""
