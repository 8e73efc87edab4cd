"""The operator's metrics setting: `PASSBACK_METRICS` (off | on, default off) and
`PASSBACK_METRICS_TOKEN` (optional; when set, `/metrics` wants `Authorization: Bearer
<token>`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from passback.settings import SettingsError

METRICS_ENV = "PASSBACK_METRICS"
METRICS_TOKEN_ENV = "PASSBACK_METRICS_TOKEN"  # noqa: S105 - the variable's name, not a token

_ON = {"on", "1", "true", "yes"}
_OFF = {"", "off", "0", "false", "no"}


@dataclass(frozen=True)
class MetricsSettings:
    enabled: bool = False
    token: str | None = field(default=None, repr=False)  # a secret: never shown

    @classmethod
    def from_env(cls) -> MetricsSettings:
        value = os.environ.get(METRICS_ENV, "").strip().lower()
        if value not in _ON | _OFF:
            raise SettingsError(f"{METRICS_ENV} must be 'on' or 'off', got {value!r}")
        token = os.environ.get(METRICS_TOKEN_ENV, "").strip() or None
        return cls(enabled=value in _ON, token=token)
