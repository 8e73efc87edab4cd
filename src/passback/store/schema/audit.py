"""The `audit_log` table: who changed what (configuration, onboarding, tokens, users, sync
requests)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import Base, JsonDocument, district_fk


class AuditRow(Base):
    """Who changed what: configuration, onboarding, tokens, users, sync requests."""

    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "district_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(120))
    district_id: Mapped[str | None] = mapped_column(String(64), district_fk())
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
