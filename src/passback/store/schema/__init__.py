"""The database schema as SQLAlchemy 2 typed ORM classes (the Alembic migrations build it).

One module per concern, all built on `base.Base`; importing this package loads every one, so
`Base.metadata` is the whole schema (what the migrations' environment, the schema test and
the purge read). Every row belongs to a district and goes with it (`ON DELETE CASCADE`). Rows
are named `…Row` so they are never mistaken for the frozen domain records in
`passback.core.domain`; the store modules translate between the two. Times are `UtcDateTime`
(aware, UTC).
"""

from __future__ import annotations

from passback.store.schema.accounts import ApiTokenRow, ConsoleSessionRow, LoginAttemptRow, UserRow
from passback.store.schema.audit import AuditRow
from passback.store.schema.base import Base
from passback.store.schema.districts import DistrictRow
from passback.store.schema.jobs import NightlyStateRow, SyncJobRow
from passback.store.schema.ledger import LedgerRow
from passback.store.schema.names import NameRow
from passback.store.schema.notifications import NotificationEventRow, NotificationRow
from passback.store.schema.onboarding import GroupMemberRow, OnboardingStepRow
from passback.store.schema.roster_cache import RosterCacheRow, SisLineItemRow
from passback.store.schema.runs import RunItemRow, RunRow
from passback.store.schema.sis_learned import LearnedClosedPeriodRow, SisRefusalRow
from passback.store.schema.source import AssessmentRow, ScoreRow

__all__ = [
    "ApiTokenRow",
    "AssessmentRow",
    "AuditRow",
    "Base",
    "ConsoleSessionRow",
    "DistrictRow",
    "GroupMemberRow",
    "LearnedClosedPeriodRow",
    "LedgerRow",
    "LoginAttemptRow",
    "NameRow",
    "NightlyStateRow",
    "NotificationEventRow",
    "NotificationRow",
    "OnboardingStepRow",
    "RosterCacheRow",
    "RunItemRow",
    "RunRow",
    "ScoreRow",
    "SisLineItemRow",
    "SisRefusalRow",
    "SyncJobRow",
    "UserRow",
]
