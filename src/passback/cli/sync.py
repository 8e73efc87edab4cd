"""`passback sync`, `runs`, `report`, `explain`, `demo`: the sync engine's commands."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach the sync commands to the root app."""
