"""What passback learned about a district's SIS from its refusals: grading periods closed to
writes, and capabilities (deleting) it refused. Later runs leave those alone."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import ID, Base, district_fk


class LearnedClosedPeriodRow(Base):
    """A grading period the SIS refused a write into, so later runs leave it alone."""

    __tablename__ = "learned_closed_periods"

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
    period_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    learned_at: Mapped[datetime]
    message: Mapped[str] = mapped_column(Text)


class SisRefusalRow(Base):
    """A capability the district's SIS refused (`capability`), with the SIS's words."""

    __tablename__ = "sis_refusals"

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
    capability: Mapped[str] = mapped_column(String(32), primary_key=True)
    settings: Mapped[str] = mapped_column(String(64))
    learned_at: Mapped[datetime]
    message: Mapped[str] = mapped_column(Text)
