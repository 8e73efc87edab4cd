"""SIS profiles: the one place where one SIS vendor's OneRoster answers differ from another's.

A district's configuration names its profile (`sis.profile`); everything that depends on
the vendor (how gradebook categories are tied to teachers, which fields a write must carry,
title limits, OAuth scopes, page size, rejections known in advance) is read from the
profile object, never from `if profile == "…"` branches elsewhere.

Each fact about a vendor cites where it comes from (`shared/reference/sis-vendors.md`,
`shared/reference/oneroster-1.1.md`) or says that it is an assumption.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

SCOPE_PREFIX = "https://purl.imsglobal.org/spec/or/v1p1/scope/"

_ALL_SCOPES: tuple[str, ...] = tuple(
    SCOPE_PREFIX + name
    for name in (
        "roster-core.readonly",
        "roster.readonly",
        "gradebook.readonly",
        "gradebook.createput",
        "gradebook.delete",
    )
)

CategoryStyle = Literal["powerschool", "title"]


@dataclass(frozen=True, slots=True)
class SisProfile:
    """What passback assumes about one kind of SIS. Small and declarative: data, no I/O."""

    name: str
    label: str
    # How a lineItem's category is found (see passback.sis_context): "powerschool" — per
    # teacher rows tied by metadata.userDcid; "title" — the category with the mapped title.
    category_style: CategoryStyle
    # OAuth 2 scopes asked for on the token call (a district may override them).
    scopes: tuple[str, ...] = _ALL_SCOPES
    # Rows asked for per page; the SIS may cap it lower, paging copes with that.
    page_size: int = 1000
    # A lineItem title must be shorter than this many characters (None: no limit known).
    title_limit: int | None = None
    # Fields a lineItem write must carry (beyond sourcedId, title, class, dates).
    requires_category: bool = True
    requires_grading_period: bool = True
    # Vendor metadata added to every lineItem passback writes.
    line_item_metadata: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Whether PUT bodies carry dateLastModified and references carry href (1.1 object model).
    full_put_bodies: bool = True


POWERSCHOOL = SisProfile(
    name="powerschool",
    label="PowerSchool (PowerTeacher Pro)",
    category_style="powerschool",
    title_limit=50,
    line_item_metadata=MappingProxyType({"scoreType": "POINTS"}),
)

ONEROSTER = SisProfile(
    name="oneroster",
    label="OneRoster 1.1 (spec-literal)",
    category_style="title",
    requires_category=False,
    requires_grading_period=False,
)

PROFILES: Mapping[str, SisProfile] = MappingProxyType({p.name: p for p in (POWERSCHOOL, ONEROSTER)})


def profile_for(name: str) -> SisProfile:
    """The profile called `name` (case-insensitive); KeyError names the known ones."""
    try:
        return PROFILES[name.strip().lower()]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise KeyError(f"unknown SIS profile {name!r}; known: {known}") from None
