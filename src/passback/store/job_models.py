"""Tables of scheduling and notifications: jobs, schedules, notifications sent.
(Filled in by the scheduling work; imported by `models` so the schema is whole.)"""

from __future__ import annotations
