"""Tables of the SIS cache kept between runs (migration 0004).

`roster_cache`: per district and roster collection (academicSessions, classes, users,
enrollments, categories) the records a run needs, compressed, with the highest
`dateLastModified` seen (the next run reads only what changed since) and when the
collection was last read whole. A row for `lineItems` holds that state for the gradebook
cache, whose records are rows of `sis_line_items`: passback's own lineItems as the SIS has
them, read per batch of classes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import ID, Base, JsonDocument, district_fk


class RosterCacheRow(Base):
    """One cached SIS collection of a district."""

    __tablename__ = "roster_cache"

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
    collection: Mapped[str] = mapped_column(String(32), primary_key=True)
    # which SIS connection the records came from (a digest of its URL and client id)
    source: Mapped[str] = mapped_column(String(64))
    watermark: Mapped[str | None] = mapped_column(String(64))
    records: Mapped[int] = mapped_column(Integer)
    full_read_at: Mapped[datetime]
    refreshed_at: Mapped[datetime]
    # zlib-compressed JSON list of the records (NULL for lineItems: see SisLineItemRow)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)


class SisLineItemRow(Base):
    """One of passback's lineItems as the SIS last showed it (or as passback wrote it)."""

    __tablename__ = "sis_line_items"
    __table_args__ = (Index(None, "district_id", "class_id"), {"sqlite_with_rowid": False})

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
    sourced_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    class_id: Mapped[str] = mapped_column(String(ID))
    data: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
