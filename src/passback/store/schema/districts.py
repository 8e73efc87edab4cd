"""The `districts` table: one row per tenant. Every other district-owned table has a foreign
key to it with `ON DELETE CASCADE`, so deleting a district deletes all its rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, LargeBinary, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import Base


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
