"""What the assessment platform sent: assessments (kept as tombstones once deleted) and
students' scores."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKeyConstraint,
    String,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import ID, Base, JsonDocument, district_fk

# None stored as SQL NULL (what a row inserted without the column holds), not JSON null
_JSON_OR_NULL: Any = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class AssessmentRow(Base):
    """An assessment as the platform last sent it; `deleted` rows are kept as tombstones
    so a run can retract what it sent."""

    __tablename__ = "assessments"
    __table_args__ = (
        CheckConstraint("scoring IN ('points', 'standards')", name="scoring"),
        {"sqlite_with_rowid": False},
    )

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    classes: Mapped[list[str]] = mapped_column(JsonDocument)
    title: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(ID))
    scoring: Mapped[str] = mapped_column(String(16))
    points_possible: Mapped[float | None] = mapped_column(Float)
    include_in_final_grade: Mapped[bool] = mapped_column(Boolean)
    assigned_by: Mapped[str] = mapped_column(String(ID))
    assigned_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]
    deleted: Mapped[bool] = mapped_column(Boolean)
    # "class", a list of student ids, or NULL: not stated (rows stored before the field
    # existed; no automatic zeros)
    assigned_to: Mapped[Any] = mapped_column(_JSON_OR_NULL, nullable=True)


class ScoreRow(Base):
    """One student's score. The primary key starts with (district, assessment), which is
    the index used to load all scores of a set of assessments; on SQLite the table is
    clustered on it (WITHOUT ROWID), so that load is a range scan."""

    __tablename__ = "scores"
    __table_args__ = (
        ForeignKeyConstraint(
            ["district_id", "assessment_id"],
            ["assessments.district_id", "assessments.id"],
            ondelete="CASCADE",
        ),
        CheckConstraint(
            "state IN ('graded', 'in_progress', 'submitted', 'not_submitted')", name="state"
        ),
        {"sqlite_with_rowid": False},
    )

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
    assessment_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    student_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    points: Mapped[float | None] = mapped_column(Float)
    excluded: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]
