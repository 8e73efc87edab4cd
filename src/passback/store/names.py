"""Names for ids, wherever a person reads them: students, teachers and classes as the SIS
roster has them (refreshed with the roster, `save_roster_names`), assessments by the title
the platform sent. A lookup falls back to the id when no name is known (a student who left
the SIS, an assessment never imported), so a caller always has something to show.

Names are personal data: they are shown to people who may see the district's reports and
never logged.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import Engine, Table, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from passback.store.db import session_scope
from passback.store.schema.names import NameRow
from passback.store.schema.source import AssessmentRow

_NAMES: Table = NameRow.__table__  # type: ignore[assignment]
_ASSESSMENTS: Table = AssessmentRow.__table__  # type: ignore[assignment]
_CHUNK = 500

STUDENT, TEACHER, CLASS, ASSESSMENT = "student", "teacher", "class", "assessment"
ROSTER_KINDS = (STUDENT, TEACHER, CLASS)
KINDS = (*ROSTER_KINDS, ASSESSMENT)
# roster collection (`passback.sync.roster.ROSTER`) -> the kind of name its records give
COLLECTION_KINDS = {"students": STUDENT, "users": TEACHER, "classes": CLASS}


def person_name(record: Mapping[str, Any]) -> str:
    """A OneRoster user's given and family name, "Sara Ruiz" ("" when the SIS has neither)."""
    parts = (str(record.get(k) or "").strip() for k in ("givenName", "familyName"))
    return " ".join(p for p in parts if p)


def names_of(collection: str, records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """id -> name of a roster collection's records (users: people; classes: titles). Records
    the SIS marks `tobedeleted` keep their names while it still lists them."""
    out: dict[str, str] = {}
    for record in records:
        sid = str(record.get("sourcedId") or "").strip()
        if not sid:
            continue
        name = (
            str(record.get("title") or "").strip()
            if collection == "classes"
            else person_name(record)
        )
        if name:
            out[sid] = name
    return out


def replace_names(session: Session, district_id: str, kind: str, names: Mapping[str, str]) -> None:
    """Make the stored names of one kind exactly `names`, writing only what differs (a
    large district's students rarely change from one night to the next)."""
    of_kind = (_NAMES.c.district_id == district_id) & (_NAMES.c.kind == kind)
    query = select(_NAMES.c.id, _NAMES.c.name).where(of_kind)
    stored: dict[str, str] = {row[0]: row[1] for row in session.execute(query)}
    gone = [i for i in stored if i not in names]
    changed = [i for i, name in names.items() if stored.get(i) != name]
    for ids in (gone, [i for i in changed if i in stored]):
        for start in range(0, len(ids), _CHUNK):
            session.execute(
                delete(_NAMES).where(of_kind, _NAMES.c.id.in_(ids[start : start + _CHUNK]))
            )
    rows = [{"district_id": district_id, "kind": kind, "id": i, "name": names[i]} for i in changed]
    for start in range(0, len(rows), 2000):
        session.execute(insert(_NAMES), rows[start : start + 2000])


def save_roster_names(
    engine: Engine, district_id: str, records: Mapping[str, Iterable[Mapping[str, Any]]]
) -> None:
    """Store the names found in these roster collections (those given; others are kept)."""
    with session_scope(engine) as session:
        for collection, kind in COLLECTION_KINDS.items():
            if collection in records:
                replace_names(session, district_id, kind, names_of(collection, records[collection]))


def lookup(session: Session, district_id: str, kind: str, ids: Collection[str]) -> dict[str, str]:
    """id -> name of those ids that have one."""
    wanted = sorted({i for i in ids if i})
    found: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        if kind == ASSESSMENT:
            query = select(_ASSESSMENTS.c.id, _ASSESSMENTS.c.title).where(
                _ASSESSMENTS.c.district_id == district_id, _ASSESSMENTS.c.id.in_(chunk)
            )
        else:
            query = select(_NAMES.c.id, _NAMES.c.name).where(
                _NAMES.c.district_id == district_id,
                _NAMES.c.kind == kind,
                _NAMES.c.id.in_(chunk),
            )
        found.update((row[0], row[1]) for row in session.execute(query) if row[1])
    return found


def search(
    session: Session, district_id: str, kind: str, text: str, *, limit: int = 20
) -> list[tuple[str, str]]:
    """(id, name) pairs whose name contains `text` or whose id starts with it, any case,
    sorted by name: what a filter or picker offers for what was typed."""
    needle = text.strip().lower()
    if kind == ASSESSMENT:
        id_col, name_col = _ASSESSMENTS.c.id, _ASSESSMENTS.c.title
        query = select(id_col, name_col).where(
            _ASSESSMENTS.c.district_id == district_id, _ASSESSMENTS.c.deleted.is_(False)
        )
    else:
        id_col, name_col = _NAMES.c.id, _NAMES.c.name
        query = select(id_col, name_col).where(
            _NAMES.c.district_id == district_id, _NAMES.c.kind == kind
        )
    if needle:
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(
            or_(
                func.lower(name_col).like(f"%{escaped}%", escape="\\"),
                func.lower(id_col).like(f"{escaped}%", escape="\\"),
            )
        )
    query = query.order_by(func.lower(name_col), id_col).limit(limit)
    return [(row[0], row[1]) for row in session.execute(query)]


class AmbiguousName(LookupError):
    """A name that more than one record has: the person must give the id."""

    def __init__(self, kind: str, text: str, ids: list[str]) -> None:
        super().__init__(
            f"{len(ids)} {kind}s are named {text!r} ({', '.join(ids[:10])}): give the id"
        )
        self.ids = ids


def resolve(session: Session, district_id: str, kind: str, text: str) -> str:
    """The id a person meant by `text`: the id itself when it is one, else the one record
    whose name is `text` (any case); `AmbiguousName` when several are. Text that matches
    nothing comes back as it was (a filter on it then finds nothing)."""
    if lookup(session, district_id, kind, [text]):
        return text
    wanted = text.strip().lower()
    exact = [
        i for i, n in search(session, district_id, kind, text, limit=50) if n.lower() == wanted
    ]
    if len(exact) > 1:
        raise AmbiguousName(kind, text, exact)
    return exact[0] if exact else text


class NameBook:
    """Names of one district, looked up as needed and remembered: `fill` a batch of ids
    (one query per kind), then ask one by one."""

    def __init__(self, district_id: str) -> None:
        self.district_id = district_id
        self._known: dict[str, dict[str, str | None]] = {kind: {} for kind in KINDS}

    def fill(self, session: Session, **ids: Iterable[str | None]) -> None:
        """Look up the ids not asked about yet, by kind: `fill(s, student=[…], class_=[…])`."""
        for key, values in ids.items():
            kind = key.rstrip("_")
            known = self._known[kind]
            missing = {v for v in values if v and v not in known}
            if not missing:
                continue
            found = lookup(session, self.district_id, kind, missing)
            for value in missing:
                known[value] = found.get(value)

    def get(self, kind: str, id_: str) -> str | None:
        """The name, or None when none is known (or it was never looked up)."""
        return self._known[kind].get(id_)

    def name(self, kind: str, id_: str) -> str:
        """The name, or the id when none is known."""
        return self._known[kind].get(id_) or id_

    def item_names(self, row: Mapping[str, Any]) -> dict[str, str | None]:
        """The `names` object of a report item: each id's name, or the id itself."""
        student = row.get("student")
        return {
            "assessment": self.name(ASSESSMENT, row["assessment"]),
            "class": self.name(CLASS, row["class"]),
            "student": self.name(STUDENT, student) if student else None,
        }

    def fill_items(self, session: Session, rows: list[dict[str, Any]]) -> None:
        self.fill(
            session,
            assessment=[r["assessment"] for r in rows],
            class_=[r["class"] for r in rows],
            student=[r.get("student") for r in rows],
        )


def with_names(
    session: Session, district_id: str, rows: Iterable[dict[str, Any]], *, batch: int = 2000
) -> Iterator[dict[str, Any]]:
    """Report rows with their `names` object, looked up a batch at a time."""
    book = NameBook(district_id)
    pending: list[dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        book.fill_items(session, pending)
        # `item_names` inlined: this runs once per item of reports with millions of them
        titles, classes, students = (book._known[k] for k in (ASSESSMENT, CLASS, STUDENT))
        for row in pending:
            a, c, s = row["assessment"], row["class"], row.get("student")
            row["names"] = {
                "assessment": titles.get(a) or a,
                "class": classes.get(c) or c,
                "student": (students.get(s) or s) if s else None,
            }
            yield row

    for row in rows:
        pending.append(row)
        if len(pending) >= batch:
            yield from flush()
            pending = []
    yield from flush()
