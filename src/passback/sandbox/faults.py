"""Seeded, reproducible fault injection for the OneRoster routes.

One `random.Random(seed)` drives every decision. Each API call draws exactly five numbers
(jitter, 429, 5xx, 500-or-503, drop) whatever the rates, so for a given seed and the same
sequence of calls the same calls fail. Setting a configuration reseeds the generator.
"""

from __future__ import annotations

import dataclasses
import math
import random
import threading
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FaultConfig:
    """What to inject. Rates are fractions of API calls (drops: of successful writes)."""

    seed: int = 0
    latency_ms: float = 0
    jitter_ms: float = 0
    rate_429: float = 0.0
    retry_after_s: int = 1
    rate_5xx: float = 0.0
    rate_drop_after_commit: float = 0.0
    token_lifetime_s: int = 3600
    # The next N OneRoster calls answer 401 whatever their token (then it counts down).
    unauthorized_next: int = 0

    def __post_init__(self) -> None:
        for name in ("rate_429", "rate_5xx", "rate_drop_after_commit"):
            value = getattr(self, name)
            if not _is_number(value) or not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be a fraction between 0 and 1, got {value!r}")
        for name in ("latency_ms", "jitter_ms"):
            value = getattr(self, name)
            if not _is_number(value) or value < 0:
                raise ValueError(f"{name} must be a number >= 0, got {value!r}")
        for name, minimum in (
            ("seed", None),
            ("retry_after_s", 0),
            ("token_lifetime_s", 1),
            ("unauthorized_next", 0),
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{name} must be a whole number, got {value!r}")
            if minimum is not None and value < minimum:
                raise ValueError(f"{name} must be >= {minimum}, got {value!r}")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def merged(self, changes: dict[str, Any]) -> FaultConfig:
        """A copy with some fields changed; unknown keys raise ValueError naming them."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValueError(
                f"unknown fault setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        return dataclasses.replace(self, **changes)


def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


@dataclass(frozen=True, slots=True)
class FaultDecision:
    delay_s: float = 0.0
    unauthorized: bool = False
    status: int | None = None  # 429, 500 or 503
    drop_after_commit: bool = False


class FaultInjector:
    """Turns the configuration into one decision per API call; thread-safe."""

    def __init__(self, config: FaultConfig | None = None) -> None:
        self._lock = threading.Lock()
        self.configure(config or FaultConfig())

    def configure(self, config: FaultConfig) -> None:
        with self._lock:
            self._config = config
            self._rng = random.Random(config.seed)
            self._unauthorized_left = config.unauthorized_next

    @property
    def config(self) -> FaultConfig:
        return self._config

    @property
    def unauthorized_left(self) -> int:
        return self._unauthorized_left

    def token_delay(self) -> float:
        """Token calls get the fixed latency only: they draw nothing, so a token refresh
        never shifts which API calls fail."""
        return self._config.latency_ms / 1000.0

    def decide(self, *, write: bool) -> FaultDecision:
        with self._lock:
            cfg = self._config
            jitter, r429, r5xx, which, rdrop = (self._rng.random() for _ in range(5))
            unauthorized = self._unauthorized_left > 0
            if unauthorized:
                self._unauthorized_left -= 1
        status = None
        if r429 < cfg.rate_429:
            status = 429
        elif r5xx < cfg.rate_5xx:
            status = 500 if which < 0.5 else 503
        return FaultDecision(
            delay_s=(cfg.latency_ms + jitter * cfg.jitter_ms) / 1000.0,
            unauthorized=unauthorized,
            status=status,
            drop_after_commit=write and rdrop < cfg.rate_drop_after_commit,
        )
