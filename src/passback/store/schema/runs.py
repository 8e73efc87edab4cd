"""Sync runs (and dry runs) with their totals, and the items of each run's report."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import ID, Base, JsonDocument, district_fk


def _run_id() -> str:
    return uuid.uuid4().hex


class RunRow(Base):
    """One sync run (or dry run) and its totals."""

    __tablename__ = "runs"
    __table_args__ = (Index(None, "district_id", "started_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=_run_id)
    district_id: Mapped[str] = mapped_column(String(64), district_fk())
    trigger: Mapped[str] = mapped_column(String(16))
    dry_run: Mapped[bool] = mapped_column(Boolean)
    as_of: Mapped[date] = mapped_column(Date)
    scope: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    counts: Mapped[dict[str, Any]]
    api_calls: Mapped[dict[str, Any]]
    error: Mapped[str | None] = mapped_column(Text)


class RunItemRow(Base):
    """One line of a run's report: a decision or outcome for one SIS object."""

    __tablename__ = "run_items"
    __table_args__ = (Index(None, "run_id", "action"),)

    run_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))
    assessment_id: Mapped[str] = mapped_column(String(ID))
    class_id: Mapped[str] = mapped_column(String(ID))
    student_id: Mapped[str | None] = mapped_column(String(ID))
    action: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[list[str]] = mapped_column(JsonDocument)
    message: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)
