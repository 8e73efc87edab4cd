"""What a running passback process holds: built once by a composition root (the CLI entry,
the web server factory, the worker) and handed to the operations, instead of module globals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from passback.core.clock import Clock, utc_now
from passback.operations.sis_reads import SisReads
from passback.operations.sync_requests import RequestBoard
from passback.secrets import SecretBox


@dataclass
class Runtime:
    """The process's engine, secret box and clock, plus the in-process state the front ends
    share (caches, pending requests), each owned by this object rather than by a module."""

    engine: Engine
    box: SecretBox
    clock: Clock = field(default=utc_now)
    # recent SIS reads for the console's pickers (a few minutes per district)
    sis_reads: SisReads = field(default_factory=SisReads)
    # syncs asked for from this process: their jobs, and teachers' class syncs
    requests: RequestBoard = field(default_factory=RequestBoard)
