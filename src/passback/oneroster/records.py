"""OneRoster records as the rules see them: the small, pure readers that turn one record of
the wire format (a dict as the SIS sent it) into a value or a domain record. Shared by the
run's roster read (`passback.sync.roster`), the console's SIS reads and the demo's data.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from passback.core.domain import SisCategory


def flag(value: Any, default: bool = False) -> bool:
    """A boolean field: a JSON boolean, or the string "true" in any case."""
    if isinstance(value, bool):
        return value
    if value is None:
        return default
    return str(value).strip().lower() == "true"


def iso_day(value: Any) -> date | None:
    """The date a field starts with (`YYYY-MM-DD…`), or None when it has none."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def active(obj: Mapping[str, Any]) -> bool:
    """OneRoster's `status`: active unless it says otherwise (tobedeleted)."""
    return str(obj.get("status", "active")).lower() == "active"


def meta(obj: Mapping[str, Any], key: str) -> str | None:
    """A vendor extension field under `metadata`, trimmed, or None."""
    extensions = obj.get("metadata")
    if isinstance(extensions, Mapping) and extensions.get(key) is not None:
        return str(extensions[key]).strip()
    return None


def category_from_record(c: Mapping[str, Any]) -> SisCategory:
    """A category as the rules see it, from the SIS's record. PowerSchool's shape
    (sis-vendors.md §1.3): `metadata.userDcid` (the owning teacher's dcid) and
    `metadata.TermID` (the school year); the first sandbox's `metadata.teacher` (a user
    sourcedId) is read too. `categoryType` and `isActive` are used when present (None /
    active when absent); `metadata.classId` scopes a category to one class (Canvas's
    extension, sis-vendors.md §9)."""
    kind = (meta(c, "categoryType") or "").lower()
    is_active = meta(c, "isActive")
    return SisCategory(
        str(c["sourcedId"]).strip(),
        str(c.get("title", "")).strip(),
        meta(c, "teacher") or None,
        district_level=True if kind == "district" else False if kind == "user" else None,
        active=active(c) and (is_active is None or flag(is_active, True)),
        teacher_dcid=meta(c, "userDcid") or None,
        term=meta(c, "TermID") or None,
        class_id=meta(c, "classId") or None,
    )


def user_dcid(user: Mapping[str, Any]) -> str | None:
    """PowerSchool's dcid of a user: the identifier of its `userIds` entry of type "dcid"
    (docs/sandbox.md); None when the SIS gives none (the sourcedId then stands for it)."""
    for entry in user.get("userIds") or ():
        if isinstance(entry, Mapping) and str(entry.get("type", "")).strip().lower() == "dcid":
            value = str(entry.get("identifier", "")).strip()
            if value:
                return value
    return None
