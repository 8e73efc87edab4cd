"""The one clock: what "now" means to passback.

Pure code takes the time as a parameter; the code that needs the current time takes a
`Clock` (any callable returning an aware UTC datetime) and defaults to `utc_now`. Tests and
benchmarks pass their own clock instead of patching this module.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)
