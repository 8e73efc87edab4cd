"""Names for people reading the console, from the names cache (`passback.store.names`:
students, teachers and classes as the SIS roster has them, refreshed with it; assessment
titles from the platform). Ids stay the keys and stay visible beside the names; an id
without a known name is shown as it is.

Filters and pickers search by name through `matching`: "Rivera" finds every person whose
name contains it, "T-1" the id itself. The command line takes an id or an exact name
(`resolve`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine

from passback.store import names as name_store
from passback.store.db import session_scope

TEACHER, STUDENT, CLASS, ASSESSMENT = (
    name_store.TEACHER,
    name_store.STUDENT,
    name_store.CLASS,
    name_store.ASSESSMENT,
)
AmbiguousName = name_store.AmbiguousName

KINDS = {
    "teacher": (name_store.TEACHER,),
    "student": (name_store.STUDENT,),
    "person": (name_store.TEACHER, name_store.STUDENT),
    "class": (name_store.CLASS,),
    "assessment": (name_store.ASSESSMENT,),
}


class Names:
    """One district's names, looked up when first asked for and remembered (one page)."""

    def __init__(self, engine: Engine | None = None, district: str = "") -> None:
        self.engine = engine
        self.district = district
        self._known: dict[str, dict[str, str]] = {k: {} for k in name_store.KINDS}

    def fill(self, kind: str, ids: Iterable[str | None]) -> None:
        wanted = {i for i in ids if i and i not in self._known[kind]}
        if not wanted or self.engine is None:
            return
        with session_scope(self.engine, read_only=True) as session:
            found = name_store.lookup(session, self.district, kind, wanted)
        for i in wanted:
            self._known[kind][i] = found.get(i, "")

    def _name(self, kind: str, id_: str | None) -> str:
        if not id_:
            return ""
        self.fill(kind, [id_])
        return self._known[kind].get(id_, "")

    def person(self, id_: str | None) -> str:
        return self._name(name_store.TEACHER, id_) or self._name(name_store.STUDENT, id_)

    def class_title(self, id_: str | None) -> str:
        return self._name(name_store.CLASS, id_)

    def assessment(self, id_: str | None) -> str:
        return self._name(name_store.ASSESSMENT, id_)

    def matching(self, kind: str, typed: str) -> frozenset[str]:
        """The ids a typed filter means: the id itself when it is one, else every id whose
        name contains the text (any case); the text itself when nothing matches (so the
        filter shows nothing rather than everything)."""
        typed = typed.strip()
        if not typed:
            return frozenset()
        if self.engine is None:
            return frozenset({typed})
        found: set[str] = set()
        with session_scope(self.engine, read_only=True) as session:
            for store_kind in KINDS[kind]:
                if name_store.lookup(session, self.district, store_kind, [typed]):
                    return frozenset({typed})
                found |= {
                    i
                    for i, _ in name_store.search(
                        session, self.district, store_kind, typed, limit=500
                    )
                }
        return frozenset(found) or frozenset({typed})


def names_of(engine: Engine, district: str) -> Names:
    return Names(engine, district)


def resolve(engine: Engine, district: str, kind: str, text: str) -> str:
    """The id meant by an id or an exact name (any case); `AmbiguousName` when the name is
    several people's (only the id says which). Text that is neither comes back as it is."""
    with session_scope(engine, read_only=True) as session:
        return name_store.resolve(session, district, kind, text)
