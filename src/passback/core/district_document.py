"""A district as a plain document: the shape of the district file, and of what the store
keeps. Pure: no validation beyond the domain's own types (the file's rules live in
`passback.intake.district_file`, which checks a document before anything stores it).

`config_document` writes the document; `district_from_document` reads one back. A key
missing from an older stored document takes the domain's default, as the file would.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

from passback.core.domain import District, DistrictOptions, ExcludedAs, SisConnection, SisEdits

# What the secret shows as wherever a document leaves the service (it is write-only).
MASK = "********"


def config_document(district: District, *, secret_stored: bool) -> dict[str, Any]:
    """The district as a config document (the shape of the file), the secret masked."""
    sis: dict[str, Any] = {
        "profile": district.sis.profile,
        "base_url": district.sis.base_url,
        "token_url": district.sis.token_url,
        "client_id": district.sis.client_id,
    }
    if district.sis.teacher_dcids:
        sis["teacher_dcids"] = dict(sorted(district.sis.teacher_dcids.items()))
    if district.sis.scopes is not None:
        sis["scopes"] = list(district.sis.scopes)
    if secret_stored:
        sis["client_secret"] = MASK
    return {
        "id": district.id,
        "name": district.name,
        "timezone": district.timezone,
        "sis": sis,
        "effective_date": _iso(district.effective_date),
        "category_map": dict(sorted(district.category_map.items())),
        "passback_group": sorted(district.passback_group),
        "closed_grading_periods": sorted(district.closed_grading_periods),
        "contacts": list(district.contacts),
        "options": {
            "excluded_as": district.options.excluded_as.value,
            "sis_edits": district.options.sis_edits.value,
            "nightly_at": district.options.nightly_at.strftime("%H:%M"),
            "on_change": district.options.on_change,
        },
    }


def district_from_document(document: Mapping[str, Any]) -> District:
    """The domain district of a document `config_document` wrote (any secret in it is
    ignored). Trusts the document: it was validated before it was stored."""
    sis: Mapping[str, Any] = document["sis"]
    connection: dict[str, Any] = {
        key: sis[key] for key in ("base_url", "token_url", "client_id", "profile") if key in sis
    }
    if sis.get("teacher_dcids"):
        connection["teacher_dcids"] = dict(sis["teacher_dcids"])
    if sis.get("scopes") is not None:
        connection["scopes"] = tuple(sis["scopes"])
    written: Mapping[str, Any] = document.get("options") or {}
    options: dict[str, Any] = {}
    if "excluded_as" in written:
        options["excluded_as"] = ExcludedAs(written["excluded_as"])
    if "sis_edits" in written:
        options["sis_edits"] = SisEdits(written["sis_edits"])
    if "nightly_at" in written:
        options["nightly_at"] = time.fromisoformat(written["nightly_at"])
    if "on_change" in written:
        options["on_change"] = bool(written["on_change"])
    effective = document.get("effective_date")
    return District(
        id=document["id"],
        name=document["name"],
        timezone=document["timezone"],
        sis=SisConnection(**connection),
        effective_date=date.fromisoformat(effective) if effective else None,
        category_map=dict(document.get("category_map") or {}),
        passback_group=frozenset(document.get("passback_group") or ()),
        closed_grading_periods=frozenset(document.get("closed_grading_periods") or ()),
        contacts=tuple(document.get("contacts") or ()),
        options=DistrictOptions(**options),
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
