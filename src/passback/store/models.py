"""The database schema as SQLAlchemy 2 typed ORM classes (the Alembic migrations build it).

Every row belongs to a district and goes with it (`ON DELETE CASCADE`). Rows are named
`…Row` so they are never mistaken for the frozen domain records in `passback.core.domain`; the
store modules translate between the two. Times are `UtcDateTime` (aware, UTC).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    false,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from passback.store.types import JsonDocument, UtcDateTime

ID = 200  # longest id accepted from the platform or the SIS

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: JsonDocument,
    }


def _district_fk() -> Any:
    return ForeignKey("districts.id", ondelete="CASCADE")


class DistrictRow(Base):
    """A tenant. `config` holds the configuration (docs/district-file.md) except id, name, time zone
    and the client secret, which is only ever stored encrypted in `secret_ciphertext`."""

    __tablename__ = "districts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    config: Mapped[dict[str, Any]]
    secret_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # docs/scheduling.md#activation: no nightly, on-change or real run until active
    active: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    activated_at: Mapped[datetime | None]  # the last activation (kept while paused)
    activated_by: Mapped[str | None] = mapped_column(Text)
    paused_at: Mapped[datetime | None]  # the last deactivation
    paused_by: Mapped[str | None] = mapped_column(Text)


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

    district_id: Mapped[str] = mapped_column(String(64), _district_fk(), primary_key=True)
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

    district_id: Mapped[str] = mapped_column(String(64), _district_fk(), primary_key=True)
    assessment_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    student_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    points: Mapped[float | None] = mapped_column(Float)
    excluded: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]


class LedgerRow(Base):
    """What passback last wrote to the SIS for one object (lineItem or result)."""

    __tablename__ = "ledger"
    __table_args__ = (
        CheckConstraint("kind IN ('lineItem', 'result')", name="kind"),
        Index(None, "district_id", "class_id"),
        {"sqlite_with_rowid": False},
    )

    district_id: Mapped[str] = mapped_column(String(64), _district_fk(), primary_key=True)
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


def _run_id() -> str:
    return uuid.uuid4().hex


class RunRow(Base):
    """One sync run (or dry run) and its totals."""

    __tablename__ = "runs"
    __table_args__ = (Index(None, "district_id", "started_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=_run_id)
    district_id: Mapped[str] = mapped_column(String(64), _district_fk())
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


class LearnedClosedPeriodRow(Base):
    """A grading period the SIS refused a write into, so later runs leave it alone."""

    __tablename__ = "learned_closed_periods"

    district_id: Mapped[str] = mapped_column(String(64), _district_fk(), primary_key=True)
    period_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    learned_at: Mapped[datetime]
    message: Mapped[str] = mapped_column(Text)


# Tables of other concerns live in their own modules; importing them here registers them on
# Base.metadata, so the migrations and the schema test always see the whole schema.
from passback.store import cache_models as _cache_models  # noqa: E402, F401
from passback.store import job_models as _job_models  # noqa: E402, F401
from passback.store import sis_refusals as _sis_refusals  # noqa: E402, F401
from passback.store import web_models as _web_models  # noqa: E402, F401
