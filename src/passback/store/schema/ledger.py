"""The `ledger` table: what passback last wrote to the SIS, one row per lineItem or result."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Float, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import ID, Base, district_fk


class LedgerRow(Base):
    """What passback last wrote to the SIS for one object (lineItem or result)."""

    __tablename__ = "ledger"
    __table_args__ = (
        CheckConstraint("kind IN ('lineItem', 'result')", name="kind"),
        Index(None, "district_id", "class_id"),
        {"sqlite_with_rowid": False},
    )

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
    sourced_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    assessment_id: Mapped[str] = mapped_column(String(ID))
    class_id: Mapped[str] = mapped_column(String(ID))
    student_id: Mapped[str | None] = mapped_column(String(ID))
    line_item_id: Mapped[str | None] = mapped_column(String(ID))
    content_hash: Mapped[str] = mapped_column(String(128))
    score: Mapped[float | None] = mapped_column(Float)
    score_status: Mapped[str | None] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(ID))
    grading_period: Mapped[str | None] = mapped_column(String(ID))
    written_at: Mapped[datetime]
