"""Tables of the web console and HTTP API: accounts, sessions, API tokens, onboarding,
audit. (Filled in by the console/API work; imported by `models` so the schema is whole.)"""

from __future__ import annotations
