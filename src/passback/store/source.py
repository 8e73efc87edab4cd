"""The platform's data in the store: assessments (with tombstones) and scores.

Writes are upserts in batches, one `INSERT … ON CONFLICT DO UPDATE` per batch, that only
replace a stored row when the incoming `updated_at` is at least the stored one, so an old
re-send never undoes a newer change. Each upsert returns how many rows it wrote; the rest
were stale.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import chain
from typing import Any, cast

from sqlalchemy import Boolean, Column, Dialect, Float, String, Table, func, select
from sqlalchemy.orm import Session

from passback.core.domain import Assessment, AssignedTo, Score, ScoreState, Scoring
from passback.store.schema.base import UtcDateTime
from passback.store.schema.source import AssessmentRow, ScoreRow

BATCH = 2000  # rows per statement
_IN_CHUNK = 500  # ids per IN (…) list: far below every driver's parameter limit

_ASSESSMENTS: Table = AssessmentRow.__table__  # type: ignore[assignment]
_SCORES: Table = ScoreRow.__table__  # type: ignore[assignment]


def _assessment_values(assessment: Assessment) -> tuple[Any, ...]:
    """A row in `assessments` column order (checked by a test)."""
    return (
        assessment.district,
        assessment.id,
        list(assessment.classes),
        assessment.title,
        assessment.type,
        assessment.scoring.value,
        assessment.points_possible,
        assessment.include_in_final_grade,
        assessment.assigned_by,
        assessment.assigned_on,
        assessment.due_on,
        assessment.description,
        assessment.updated_at,
        assessment.deleted,
        _assigned_to_value(assessment.assigned_to),
    )


def _assigned_to_value(assigned_to: AssignedTo) -> Any:
    if isinstance(assigned_to, tuple):
        return list(assigned_to)
    return assigned_to


def _assigned_to(value: Any) -> AssignedTo:
    if isinstance(value, list):
        return tuple(value)
    return value if isinstance(value, str) else None


def _utc_text(value: datetime | None) -> str | None:
    """What SQLAlchemy stores for a `UtcDateTime` on SQLite (a test compares them),
    without its per-value overhead: this runs once per imported score."""
    if value is None:
        return None
    if value.tzinfo is UTC:  # what the importer's parser gives for "Z"
        return value.isoformat(" ", "microseconds")[:26]
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value.isoformat()} (a time zone is required)")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value.isoformat()} (a time zone is required)")
    return value


def _utc_text_as_written(text: str) -> str | None:
    """`_utc_text` of a timestamp read from `text`, made from the text itself when it is
    the plain UTC form `YYYY-MM-DDTHH:MM:SSZ`; None for any other form. `text` must be
    known to parse (`input_types.parse_timestamp`): then those places hold digits of a
    real moment, and the stored text is theirs. Formatting a datetime costs several
    times more, and this is the commonest timestamp of an import (a test compares)."""
    if (
        len(text) == 20
        and text[19] == "Z"
        and text[4] == "-"
        and text[7] == "-"
        and text[10] in "Tt "
        and text[13] == ":"
        and text[16] == ":"
    ):
        return text[:10] + " " + text[11:19] + ".000000"
    return None


# A score as a row of `scores` in column order, ready for the driver (see `score_row_maker`).
ScoreValues = tuple[str, str, str, str, float | None, bool | int, str | None, Any]
ScoreRowMaker = Callable[
    [str, str, str, ScoreState, float | None, bool, str | None, datetime, str | None],
    ScoreValues,
]
_STATE_TEXT = {state: state.value for state in ScoreState}


def score_row_maker(session: Session) -> ScoreRowMaker:
    """Makes the `ScoreValues` of one score for this session's database from its fields
    (district, assessment, student, state, points, excluded, comment, updated_at) and
    the text `updated_at` was parsed from, if at hand (else None): what `write_score_rows`
    takes. The import makes its rows with it, without building a `Score` per record."""
    states = _STATE_TEXT
    sqlite = session.get_bind().dialect.name == "sqlite"

    def row(
        district: str,
        assessment: str,
        student: str,
        state: ScoreState,
        points: float | None,
        excluded: bool,
        comment: str | None,
        updated_at: datetime,
        written: str | None,
    ) -> ScoreValues:
        if sqlite:
            # sqlite3 binds exact ints, floats and str directly but looks any other type up
            # in its adapter registry; a bool is stored as the integer anyway, so it goes as
            # one. `updated_at` goes as the stored text.
            flag: bool | int = 1 if excluded else 0
            stamp: Any = (written and _utc_text_as_written(written)) or _utc_text(updated_at)
        else:
            flag, stamp = excluded, _aware(updated_at)
        return (district, assessment, student, states[state], points, flag, comment, stamp)

    return row


def _converter(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """How a domain value goes to the driver. Text, numbers and booleans go as they are
    (the domain records hold exactly those types); the rest through the column type."""
    if isinstance(column.type, UtcDateTime) and dialect.name == "sqlite":
        return _utc_text
    if isinstance(column.type, String | Float | Boolean):
        return None
    processor: Callable[[Any], Any] | None = column.type.dialect_impl(dialect).bind_processor(
        dialect
    )
    return processor


def _upsert(
    session: Session,
    table: Table,
    rows: Sequence[tuple[Any, ...]],
    *,
    newer_only: bool,
    converted: bool = False,
) -> list[tuple[str, ...]]:
    """Write rows given in column order (their keys must be unique); returns the keys
    (without the district) of the rows written. `converted`: the rows already hold what
    the driver takes (see `score_row_maker`), so no per-value conversion is needed.

    This is the import's hot path, so it skips SQLAlchemy's per-row statement machinery:
    one multi-row `INSERT … ON CONFLICT … RETURNING` per chunk on the session's own
    driver connection (inside its transaction), values stored exactly as the ORM stores
    them (a test compares the two).
    """
    if not rows:
        return []
    connection = session.connection()
    dialect = connection.dialect
    converters = (
        []
        if converted
        else [
            (index, convert)
            for index, column in enumerate(table.columns)
            if (convert := _converter(column, dialect)) is not None
        ]
    )
    per_statement = min(BATCH, _MAX_PARAMETERS // len(table.columns))
    cursor = connection.connection.cursor()
    written: list[tuple[str, ...]] = []
    try:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values: list[Any] = list(chain.from_iterable(chunk))
            if converters:
                width = len(table.columns)
                for base in range(0, len(values), width):
                    for index, convert in converters:
                        values[base + index] = convert(values[base + index])
            cursor.execute(_upsert_sql(table, dialect, len(chunk), newer_only), values)
            written.extend(cursor.fetchall())
    finally:
        cursor.close()
    return written


_MAX_PARAMETERS = 30_000  # SQLite allows 32,766 per statement, PostgreSQL 65,535


@functools.lru_cache(maxsize=64)
def _upsert_sql(table: Table, dialect: Dialect, rows: int, newer_only: bool) -> str:
    quote = dialect.identifier_preparer.quote
    name = quote(table.name)
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    key = [c.name for c in table.primary_key.columns]
    columns = [c.name for c in table.columns]
    row = "(" + ", ".join([marker] * len(columns)) + ")"
    changes = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in columns if c not in key)
    where = f" WHERE {name}.updated_at <= excluded.updated_at" if newer_only else ""
    returning = ", ".join(quote(c) for c in key[1:])
    return (
        f"INSERT INTO {name} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES {', '.join([row] * rows)} "
        f"ON CONFLICT ({', '.join(quote(c) for c in key)}) DO UPDATE SET {changes}{where} "
        f"RETURNING {returning}"
    )


def write_assessments(
    session: Session, assessments: Iterable[Assessment], *, newer_only: bool = True
) -> list[str]:
    """Insert or replace assessments; returns the ids written. With `newer_only`, a row
    whose stored `updated_at` is later is left alone. Of several versions of one id in
    `assessments`, the last one counts."""
    rows = {(a.district, a.id): _assessment_values(a) for a in assessments}
    keys = _upsert(session, _ASSESSMENTS, list(rows.values()), newer_only=newer_only)
    return [key[0] for key in keys]


def write_scores(
    session: Session, scores: Iterable[Score], *, newer_only: bool = True
) -> list[tuple[str, str]]:
    """Like `write_assessments` for scores; returns the (assessment, student) pairs
    written. Their assessments must exist."""
    row = score_row_maker(session)
    rows = {
        (s.district, s.assessment, s.student): row(
            s.district,
            s.assessment,
            s.student,
            s.state,
            s.points,
            s.excluded,
            s.comment,
            s.updated_at,
            None,
        )
        for s in scores
    }
    return write_score_rows(session, list(rows.values()), newer_only=newer_only)


def write_score_rows(
    session: Session, rows: Sequence[ScoreValues], *, newer_only: bool = True
) -> list[tuple[str, str]]:
    """`write_scores` for rows made by `score_row_maker`, whose keys must be unique."""
    keys = _upsert(session, _SCORES, rows, newer_only=newer_only, converted=True)
    return cast(list[tuple[str, str]], keys)


def upsert_assessments(
    session: Session, assessments: Iterable[Assessment], *, newer_only: bool = True
) -> int:
    """Insert or replace assessments; returns how many were written (the others were
    older than what is stored)."""
    return len(write_assessments(session, assessments, newer_only=newer_only))


def upsert_scores(session: Session, scores: Iterable[Score], *, newer_only: bool = True) -> int:
    """Insert or replace scores; returns how many were written (the others were older
    than what is stored). Their assessments must exist."""
    return len(write_scores(session, scores, newer_only=newer_only))


def _assessment(row: Any) -> Assessment:
    return Assessment(
        id=row.id,
        district=row.district_id,
        classes=tuple(row.classes),
        title=row.title,
        type=row.type,
        scoring=Scoring(row.scoring),
        points_possible=row.points_possible,
        include_in_final_grade=row.include_in_final_grade,
        assigned_by=row.assigned_by,
        assigned_on=row.assigned_on,
        due_on=row.due_on,
        updated_at=row.updated_at,
        description=row.description,
        deleted=row.deleted,
        assigned_to=_assigned_to(row.assigned_to),
    )


def load_assessments(
    session: Session, district_id: str, *, class_ids: Collection[str] | None = None
) -> list[Assessment]:
    """The district's assessments, deleted ones included (the engine retracts what it
    sent for them), ordered by id. `class_ids` keeps those assigned to any of them;
    the filter runs here because `classes` is a JSON list."""
    query = (
        select(_ASSESSMENTS)
        .where(_ASSESSMENTS.c.district_id == district_id)
        .order_by(_ASSESSMENTS.c.id)
    )
    wanted = None if class_ids is None else set(class_ids)
    out = []
    for row in session.execute(query):
        if wanted is None or not wanted.isdisjoint(row.classes):
            out.append(_assessment(row))
    return out


def load_assessments_by_id(
    session: Session, district_id: str, assessment_ids: Collection[str]
) -> list[Assessment]:
    """These assessments (those stored), deleted ones included, ordered by id."""
    ids = sorted(set(assessment_ids))
    out: list[Assessment] = []
    for start in range(0, len(ids), _IN_CHUNK):
        query = (
            select(_ASSESSMENTS)
            .where(
                _ASSESSMENTS.c.district_id == district_id,
                _ASSESSMENTS.c.id.in_(ids[start : start + _IN_CHUNK]),
            )
            .order_by(_ASSESSMENTS.c.id)
        )
        out.extend(_assessment(row) for row in session.execute(query))
    return out


def iter_assessment_classes(
    session: Session, district_id: str
) -> Iterator[tuple[str, tuple[str, ...], str]]:
    """(id, classes, assigned_by) of every assessment of the district, deleted ones
    included: what a run needs to split the district into batches of classes, without
    loading the assessments themselves."""
    query = select(_ASSESSMENTS.c.id, _ASSESSMENTS.c.classes, _ASSESSMENTS.c.assigned_by).where(
        _ASSESSMENTS.c.district_id == district_id
    )
    for row in session.execute(query.execution_options(yield_per=5000)):
        yield row.id, tuple(row.classes), row.assigned_by


def load_scores(session: Session, district_id: str, assessment_ids: Collection[str]) -> list[Score]:
    """All scores of these assessments, ordered by assessment and student.

    A run loads every score of the district once a night, so rows come straight from the
    driver (values read as the ORM reads them: a test compares the two)."""
    ids = sorted(set(assessment_ids))
    out: list[Score] = []
    connection = session.connection()
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    states = {s.value: s for s in ScoreState}
    moments = _Moments()
    new, put = object.__new__, _SCORE_SETTERS
    cursor = connection.connection.cursor()
    try:
        for start in range(0, len(ids), _IN_CHUNK):
            chunk = ids[start : start + _IN_CHUNK]
            cursor.execute(
                "SELECT assessment_id, student_id, state, points, excluded, comment, updated_at"
                " FROM scores WHERE district_id = "
                + marker
                + " AND assessment_id IN ("
                + ", ".join([marker] * len(chunk))
                + ") ORDER BY assessment_id, student_id",
                [district_id, *chunk],
            )
            for assessment, student, state, points, excluded, comment, updated in cursor.fetchall():
                # `Score(...)` field by field, without the frozen class's per-field setattr
                score = new(Score)
                put[0](score, district_id)
                put[1](score, assessment)
                put[2](score, student)
                put[3](score, states[state])
                put[4](score, points)
                put[5](score, moments(updated))
                put[6](score, bool(excluded))
                put[7](score, comment)
                out.append(score)
    finally:
        cursor.close()
    return out


_SCORE_SETTERS = tuple(
    Score.__dict__[name].__set__
    for name in (
        "district",
        "assessment",
        "student",
        "state",
        "points",
        "updated_at",
        "excluded",
        "comment",
    )
)


class _Moments:
    """Stored times as aware UTC datetimes, as `UtcDateTime` reads them; text (SQLite)
    parsed once per distinct value (scores of one assessment often share them)."""

    def __init__(self) -> None:
        self.seen: dict[str, datetime] = {}

    def __call__(self, value: str | datetime) -> datetime:
        if isinstance(value, str):
            found = self.seen.get(value)
            if found is None:
                found = self.seen[value] = _aware_utc(datetime.fromisoformat(value))
            return found
        return _aware_utc(value)


def _aware_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def existing_assessment_ids(
    session: Session, district_id: str, assessment_ids: Collection[str]
) -> set[str]:
    """Which of these assessments are stored (deleted ones count: they exist)."""
    ids = sorted(set(assessment_ids))
    found: set[str] = set()
    for start in range(0, len(ids), _IN_CHUNK):
        found.update(
            session.scalars(
                select(_ASSESSMENTS.c.id).where(
                    _ASSESSMENTS.c.district_id == district_id,
                    _ASSESSMENTS.c.id.in_(ids[start : start + _IN_CHUNK]),
                )
            )
        )
    return found


def count_source(session: Session, district_id: str) -> tuple[int, int]:
    """(assessments, scores) stored for the district, deleted assessments included."""
    assessments = session.scalar(
        select(func.count())
        .select_from(_ASSESSMENTS)
        .where(_ASSESSMENTS.c.district_id == district_id)
    )
    scores = session.scalar(
        select(func.count()).select_from(_SCORES).where(_SCORES.c.district_id == district_id)
    )
    return int(assessments or 0), int(scores or 0)
