"""OneRoster references: the `{"sourcedId": …, "type": …}` objects by which one record
names another (a class's terms, an enrollment's user and class, a result's lineItem).

Every reader of SIS objects takes the id out the same way, so a padded or missing id means
the same thing in the roster, the cache, the planner and the fingerprints of written objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def ref_id(value: Any) -> str | None:
    """The id a reference points to, trimmed; None when `value` is not a reference object or
    names no id (missing, null or blank). Called for every object of a run's plan: the usual
    case (a dict holding a string) is tried first, without the generic checks."""
    if value.__class__ is dict:
        sid = value.get("sourcedId")
        if sid.__class__ is str:
            return sid.strip() or None
    if isinstance(value, Mapping):
        sid = value.get("sourcedId")
        if sid is None:
            return None
        return str(sid).strip() or None
    return None
