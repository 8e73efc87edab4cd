"""Tables of a district's setup: onboarding steps as people recorded them, and when each
SIS user joined the district's passback group."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import ID, Base, JsonDocument, district_fk


class OnboardingStepRow(Base):
    """One step of a district's setup (docs/console.md#onboarding-steps) as people recorded it.
    Steps without a row have not been touched; automatic steps are derived, not stored."""

    __tablename__ = "onboarding_steps"
    __table_args__ = (CheckConstraint("status IN ('todo', 'in_progress', 'done')", name="status"),)

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
    step: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    owner: Mapped[str | None] = mapped_column(Text)
    started_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    last_check: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(120))


class GroupMemberRow(Base):
    """When each SIS user joined the district's passback group, and who added them."""

    __tablename__ = "group_members"

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
    sis_user_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    added_at: Mapped[datetime]
    added_by: Mapped[str] = mapped_column(String(120))
