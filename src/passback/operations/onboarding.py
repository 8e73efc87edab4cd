"""Onboarding and activation as the front ends ask for them: a district's setup steps (read
them, update one; a step's check is `operations.checks.run_check`) and activating or
pausing the district. Both are audited where they are done, in `passback.onboarding` (the
tracker: steps, their order, what is derived from the run history), which the scheduler
and the notifier use too; the front ends come through here.
"""

from __future__ import annotations

from passback.onboarding import (
    BY_KEY,
    ActivationChange,
    Kind,
    Progress,
    Status,
    StepChange,
    StepError,
    activate,
    deactivate,
    progress,
    update_step,
)
from passback.onboarding.activation import activate_command, state, state_dict

__all__ = [
    "BY_KEY",
    "ActivationChange",
    "Kind",
    "Progress",
    "Status",
    "StepChange",
    "StepError",
    "activate",
    "activate_command",
    "deactivate",
    "progress",
    "state",
    "state_dict",
    "update_step",
]
