"""The `names` table: people's and classes' names from the SIS roster, shown beside ids."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import ID, Base, district_fk


class NameRow(Base):
    """A person's or class's name as the SIS roster has it (migration 0005_names): refreshed
    with the roster cache, read wherever a person reads an id (`passback.store.names`)."""

    __tablename__ = "names"
    __table_args__ = ({"sqlite_with_rowid": False},)

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
    # student | teacher (any SIS user who is not a student) | class
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
