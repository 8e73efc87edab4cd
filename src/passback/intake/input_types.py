"""Annotated pydantic types for outside input (import files, district files, the API).

Strict where JSON is unambiguous (a number is a number, never a string or a boolean) and
exact about text formats: dates are `YYYY-MM-DD`, timestamps ISO 8601 with a time zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import BeforeValidator, StringConstraints

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_MESSAGE = "must be a date written YYYY-MM-DD"
_TIMESTAMP_MESSAGE = "must be an ISO 8601 timestamp with a time zone, like 2026-09-01T15:00:00Z"


def parse_date(value: object) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError(_DATE_MESSAGE)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{_DATE_MESSAGE}, and be a real day") from None


def parse_timestamp(value: object) -> datetime:
    # Cheap shape checks first: this runs once per score of a million-score import.
    if type(value) is not str or len(value) < 16 or value[4] != "-" or value[10] not in "Tt ":
        raise ValueError(_TIMESTAMP_MESSAGE)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(_TIMESTAMP_MESSAGE) from None
    if moment.tzinfo is None:
        raise ValueError("needs a time zone (Z or an offset such as +02:00)")
    return moment


# Matched in pydantic's Rust core; `plain_errors` words a mismatch as "must not be blank".
NOT_BLANK = r"\S"

IsoDate = Annotated[date, BeforeValidator(parse_date)]
Timestamp = Annotated[datetime, BeforeValidator(parse_timestamp)]
# An id from the platform or the SIS (sourcedId): non-empty text up to 200 characters.
# Surrounding blanks are kept: some SIS sourcedIds carry them.
Id = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=200, pattern=NOT_BLANK)]
NonEmptyText = Annotated[str, StringConstraints(strict=True, min_length=1, pattern=NOT_BLANK)]
