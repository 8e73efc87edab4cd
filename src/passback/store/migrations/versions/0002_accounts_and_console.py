"""Accounts and console: users, API tokens, onboarding steps, passback group history,
audit log.

Revision ID: 0002
Revises: 0001

Self-contained on purpose (see 0001): it describes the schema as it was at this revision.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = 200


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _district_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["district_id"],
        ["districts.id"],
        name=op.f(f"fk_{table}_district_id_districts"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(120), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("district_id", sa.String(64), nullable=True),
        sa.Column("sis_user_id", sa.String(ID), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("session_epoch", sa.Integer(), nullable=False),
        _when("created_at"),
        _when("last_login_at", nullable=True),
        sa.CheckConstraint(
            "role IN ('operator', 'district_admin', 'teacher')", name=op.f("ck_users_role")
        ),
        sa.CheckConstraint(
            "(role = 'operator' AND district_id IS NULL) "
            "OR (role <> 'operator' AND district_id IS NOT NULL)",
            name=op.f("ck_users_district_per_role"),
        ),
        sa.CheckConstraint(
            "role <> 'teacher' OR sis_user_id IS NOT NULL",
            name=op.f("ck_users_teacher_sis_user"),
        ),
        _district_fk("users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_index(op.f("ix_users_district_id"), "users", ["district_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("hint", sa.String(8), nullable=False),
        _when("created_at"),
        sa.Column("created_by", sa.String(120), nullable=False),
        _when("last_used_at", nullable=True),
        _when("revoked_at", nullable=True),
        _district_fk("api_tokens"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_api_tokens_secret_hash")),
    )
    op.create_index(op.f("ix_api_tokens_district_id"), "api_tokens", ["district_id"])
    op.create_table(
        "onboarding_steps",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.Column("last_check", _json(), nullable=True),
        _when("updated_at"),
        sa.Column("updated_by", sa.String(120), nullable=False),
        sa.CheckConstraint(
            "status IN ('todo', 'in_progress', 'done')", name=op.f("ck_onboarding_steps_status")
        ),
        _district_fk("onboarding_steps"),
        sa.PrimaryKeyConstraint("district_id", "step", name=op.f("pk_onboarding_steps")),
    )
    op.create_table(
        "group_members",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("sis_user_id", sa.String(ID), nullable=False),
        _when("added_at"),
        sa.Column("added_by", sa.String(120), nullable=False),
        _district_fk("group_members"),
        sa.PrimaryKeyConstraint("district_id", "sis_user_id", name=op.f("pk_group_members")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _when("at"),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("district_id", sa.String(64), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("details", _json(), nullable=False),
        _district_fk("audit_log"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_district_id_at"), "audit_log", ["district_id", "at"])


def downgrade() -> None:
    for table in ("audit_log", "group_members", "onboarding_steps", "api_tokens", "users"):
        op.drop_table(table)
