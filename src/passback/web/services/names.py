"""Names for people reading the console: students, teachers and classes from the district's
SIS roster, assessment titles from the platform's records. Ids stay the keys (and stay
visible beside the names); a name that cannot be had falls back to the id.

Filters and pickers search by name through `matching`: "Rivera" finds every person whose
name contains it, "T-1" the id itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Engine

from passback.secrets import SecretBox
from passback.store import source
from passback.store.db import session_scope
from passback.web.services import sis
from passback.web.services.sis import SisUnavailable


@dataclass(frozen=True)
class Names:
    people: Mapping[str, str] = field(default_factory=dict)
    classes: Mapping[str, str] = field(default_factory=dict)
    assessments: Mapping[str, str] = field(default_factory=dict)
    notice: str | None = None  # why names are missing, when they are

    def person(self, sourced_id: str | None) -> str:
        return self.people.get(sourced_id or "", "") if sourced_id else ""

    def class_title(self, sourced_id: str | None) -> str:
        return self.classes.get(sourced_id or "", "") if sourced_id else ""

    def assessment(self, assessment_id: str | None) -> str:
        return self.assessments.get(assessment_id or "", "") if assessment_id else ""

    def matching(self, kind: str, typed: str) -> frozenset[str]:
        """The ids a typed filter means: the id itself when it is one, else every id whose
        name contains the text (case-insensitive)."""
        typed = typed.strip()
        table = {"person": self.people, "class": self.classes, "assessment": self.assessments}[kind]
        if not typed:
            return frozenset()
        if typed in table:
            return frozenset({typed})
        needle = typed.casefold()
        found = frozenset(i for i, name in table.items() if needle in name.casefold())
        return found or frozenset({typed})


def names_of(engine: Engine, box: SecretBox, district: str) -> Names:
    with session_scope(engine, read_only=True) as session:
        titles = {a.id: a.title for a in source.load_assessments(session, district) if a.title}
    try:
        people = sis.people(engine, box, district)
        classes = sis.class_titles(engine, box, district)
    except SisUnavailable as exc:
        return Names({}, {}, titles, f"Names could not be read from the SIS, ids are shown: {exc}")
    return Names(people, classes, titles)
