"""Where a run's time goes: seconds per phase and a few sizes, for logs and the benchmark.

Phases: `roster` (reading or refreshing the SIS roster), `index` (which assessments each
class has), `load` (the platform's data and the ledger of a batch), `rules`, `gradebook`
(reading the SIS gradebook of a batch), `plan`, `apply` (the writes), `report` (storing the
report items). Wall-clock seconds; `rules` and `plan` are CPU bound, `roster`, `gradebook`
and `apply` mostly wait on the SIS.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RunStats:
    seconds: dict[str, float] = field(default_factory=dict)
    classes: int = 0
    batches: int = 0
    scores: int = 0  # scores evaluated (once per class they count in)
    items: int = 0
    gradebook_classes: int = 0  # classes whose gradebook was read
    gradebook_reads: int = 0  # SIS reads made to read them
    largest_batch_scores: int = 0
    roster: dict[str, Any] = field(default_factory=dict)  # how the roster was read

    @contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            self.seconds[phase] = self.seconds.get(phase, 0.0) + elapsed

    def as_dict(self) -> dict[str, Any]:
        return {
            "seconds": {k: round(v, 4) for k, v in self.seconds.items()},
            "classes": self.classes,
            "batches": self.batches,
            "scores": self.scores,
            "items": self.items,
            "gradebook_classes": self.gradebook_classes,
            "gradebook_reads": self.gradebook_reads,
            "largest_batch_scores": self.largest_batch_scores,
            "roster": dict(self.roster),
        }
