"""Who may sign in to the console or call the API: users, their sessions, sign-in attempts,
and districts' API tokens.

A user belongs to one district unless they are an operator.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import ID, Base, district_fk


class UserRow(Base):
    """A person who signs in to the console. Operators see every district; district admins
    and teachers exactly one. A teacher is linked to their SIS user (`sis_user_id`)."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('operator', 'district_admin', 'teacher')", name="role"),
        CheckConstraint(
            "(role = 'operator' AND district_id IS NULL) "
            "OR (role <> 'operator' AND district_id IS NOT NULL)",
            name="district_per_role",
        ),
        CheckConstraint("role <> 'teacher' OR sis_user_id IS NOT NULL", name="teacher_sis_user"),
        Index(None, "district_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(Text)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    district_id: Mapped[str | None] = mapped_column(String(64), district_fk())
    sis_user_id: Mapped[str | None] = mapped_column(String(ID))
    disabled: Mapped[bool] = mapped_column(Boolean)
    # Part of every session cookie: bumping it signs the user out everywhere.
    session_epoch: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]


class ConsoleSessionRow(Base):
    """A signed-in console session. The cookie carries a random id; only its SHA-256 is
    kept. Signing out deletes the row, so a copied cookie stops working at once; a
    password change or disabling the user deletes all of that user's rows."""

    __tablename__ = "console_sessions"
    __table_args__ = (Index(None, "user_id"),)

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class LoginAttemptRow(Base):
    """Sign-in attempts of one key (`user:<name>|src:<address>` or `src:<address>`),
    counted before the password is checked, shared by every process."""

    __tablename__ = "login_attempts"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer)
    window_start: Mapped[datetime]
    lockouts: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[datetime | None]


class ApiTokenRow(Base):
    """A district's API token for the assessment platform. Only a SHA-256 of the secret
    part is kept (tokens are long random strings, so a slow hash buys nothing)."""

    __tablename__ = "api_tokens"
    __table_args__ = (Index(None, "district_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    district_id: Mapped[str] = mapped_column(String(64), district_fk())
    name: Mapped[str] = mapped_column(Text)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(120))
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
