"""Initial schema: districts, source data (assessments, scores), ledger, runs.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

Self-contained on purpose: a migration describes the schema as it was at its revision, so
it must not import today's models.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = 200


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "districts",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("config", _json(), nullable=False),
        sa.Column("secret_ciphertext", sa.LargeBinary(), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_districts")),
    )
    op.create_table(
        "assessments",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("classes", _json(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("type", sa.String(ID), nullable=False),
        sa.Column("scoring", sa.String(16), nullable=False),
        sa.Column("points_possible", sa.Float(), nullable=True),
        sa.Column("include_in_final_grade", sa.Boolean(), nullable=False),
        sa.Column("assigned_by", sa.String(ID), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        _when("updated_at"),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "scoring IN ('points', 'standards')", name=op.f("ck_assessments_scoring")
        ),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name=op.f("fk_assessments_district_id_districts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("district_id", "id", name=op.f("pk_assessments")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "scores",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("assessment_id", sa.String(ID), nullable=False),
        sa.Column("student_id", sa.String(ID), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("excluded", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        _when("updated_at"),
        sa.CheckConstraint(
            "state IN ('graded', 'in_progress', 'submitted', 'not_submitted')",
            name=op.f("ck_scores_state"),
        ),
        sa.ForeignKeyConstraint(
            ["district_id", "assessment_id"],
            ["assessments.district_id", "assessments.id"],
            name=op.f("fk_scores_district_id_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name=op.f("fk_scores_district_id_districts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "district_id", "assessment_id", "student_id", name=op.f("pk_scores")
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "ledger",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("sourced_id", sa.String(ID), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("assessment_id", sa.String(ID), nullable=False),
        sa.Column("class_id", sa.String(ID), nullable=False),
        sa.Column("student_id", sa.String(ID), nullable=True),
        sa.Column("line_item_id", sa.String(ID), nullable=True),
        sa.Column("content_hash", sa.String(128), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("score_status", sa.String(32), nullable=True),
        sa.Column("category", sa.String(ID), nullable=True),
        sa.Column("grading_period", sa.String(ID), nullable=True),
        _when("written_at"),
        sa.CheckConstraint("kind IN ('lineItem', 'result')", name=op.f("ck_ledger_kind")),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name=op.f("fk_ledger_district_id_districts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("district_id", "sourced_id", name=op.f("pk_ledger")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_ledger_district_id_class_id"), "ledger", ["district_id", "class_id"])
    op.create_table(
        "runs",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("scope", _json(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _when("started_at"),
        _when("finished_at", nullable=True),
        sa.Column("counts", _json(), nullable=False),
        sa.Column("api_calls", _json(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name=op.f("fk_runs_district_id_districts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runs")),
    )
    op.create_index(op.f("ix_runs_district_id_started_at"), "runs", ["district_id", "started_at"])
    op.create_table(
        "run_items",
        sa.Column("run_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("assessment_id", sa.String(ID), nullable=False),
        sa.Column("class_id", sa.String(ID), nullable=False),
        sa.Column("student_id", sa.String(ID), nullable=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("reasons", _json(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("details", _json(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_run_items_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", "seq", name=op.f("pk_run_items")),
    )
    op.create_index(op.f("ix_run_items_run_id_action"), "run_items", ["run_id", "action"])
    op.create_table(
        "learned_closed_periods",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("period_id", sa.String(ID), nullable=False),
        _when("learned_at"),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name=op.f("fk_learned_closed_periods_district_id_districts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("district_id", "period_id", name=op.f("pk_learned_closed_periods")),
    )


def downgrade() -> None:
    for table in (
        "learned_closed_periods",
        "run_items",
        "runs",
        "ledger",
        "scores",
        "assessments",
        "districts",
    ):
        op.drop_table(table)
