"""A district's setup process (docs/console.md#onboarding-steps): the steps, their order, and where
each one is.

People record manual steps (status, owner, dates, notes); checked steps are done only when
their automatic check passes (`record_check`); steps 7 and 8 are derived from the others
and from the run history, never typed in. `steps` is the pure part, `service` the store.
"""

from passback.onboarding.activation import (
    ActivationChange,
    DistrictInactive,
    activate,
    deactivate,
    ensure_active,
)
from passback.onboarding.service import (
    StepChange,
    all_progress,
    mark_notified,
    progress,
    record_check,
    update_step,
)
from passback.onboarding.steps import (
    BY_KEY,
    STEPS,
    Kind,
    Progress,
    Status,
    StepDef,
    StepError,
    StepState,
    compute,
)

__all__ = [
    "BY_KEY",
    "STEPS",
    "ActivationChange",
    "DistrictInactive",
    "Kind",
    "Progress",
    "Status",
    "StepChange",
    "StepDef",
    "StepError",
    "StepState",
    "activate",
    "all_progress",
    "compute",
    "deactivate",
    "ensure_active",
    "mark_notified",
    "progress",
    "record_check",
    "update_step",
]
