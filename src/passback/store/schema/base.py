"""The declarative `Base` every table module builds on, with what they share: the
constraint naming convention, the longest id, the district foreign key and the column types
that behave the same on SQLite and PostgreSQL.

Importing this module alone gives an incomplete `Base.metadata`; import `passback.store.schema`
(the package), which loads every table module, when the whole schema matters.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Dialect, ForeignKey, MetaData, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase

ID = 200  # longest id accepted from the platform or the SIS

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A point in time, stored in UTC and always read back time-zone aware.

    SQLite has no time zones: SQLAlchemy would store the wall-clock digits of whatever
    offset the value had, so two instants could compare in the wrong order. Storing UTC
    everywhere keeps `ORDER BY` and `<=` on the stored text correct.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} (a time zone is required)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# JSONB on PostgreSQL: it has equality and indexes, unlike `json`.
JsonDocument: Any = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: JsonDocument,
    }


def district_fk() -> Any:
    """The foreign key every district-owned row has: the row goes with its district."""
    return ForeignKey("districts.id", ondelete="CASCADE")
