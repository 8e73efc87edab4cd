"""Validation of one assessment or score record of the platform's format (docs/import-format.md).

Shared by `passback import` and the HTTP API: each takes the decoded JSON object and a
label for where it came from, and returns a domain record or one `RecordError` that names
the record and every bad field in plain words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, NotRequired

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter
from pydantic import ValidationError as PydanticValidationError
from typing_extensions import TypedDict

from passback.core.domain import WHOLE_CLASS, Assessment, Score, ScoreState, Scoring
from passback.intake.input_types import NOT_BLANK, Id, IsoDate, Timestamp
from passback.intake.plain_errors import Problem, problems

# Free text is never repeated back in an error: it may hold a student's name.
_FREE_TEXT = frozenset({"title", "description", "comment"})

Number = Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)]


Title = Annotated[
    str, StringConstraints(strict=True, min_length=1, max_length=1000, pattern=NOT_BLANK)
]
LongText = Annotated[str, StringConstraints(strict=True, max_length=4000)]
# An id the platform sends (assessment, class, user, student): blanks around it are
# trimmed, as passback trims the SIS's sourcedIds, so " C-1" and "C-1" are one class.
# The import summary counts the records whose ids were trimmed (`ids_trimmed`).
ImportedId = Annotated[
    str,
    StringConstraints(
        strict=True, strip_whitespace=True, min_length=1, max_length=200, pattern=NOT_BLANK
    ),
]
_ID_FIELDS = ("id", "assigned_by")


def had_padded_ids(obj: Mapping[str, Any], fields: tuple[str, ...]) -> bool:
    """Whether the raw record had blanks around one of its ids (`fields`, and `classes`)."""
    for name in fields:
        value = obj.get(name)
        if isinstance(value, str) and value != value.strip():
            return True
    classes = obj.get("classes")
    if isinstance(classes, list):
        return any(isinstance(c, str) and c != c.strip() for c in classes)
    return False


class AssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, hide_input_in_errors=True)

    id: ImportedId
    classes: Annotated[list[ImportedId], Field(min_length=1)]
    title: Title
    type: Id
    scoring: Literal["points", "standards"]
    points_possible: Number | None = None
    include_in_final_grade: bool
    assigned_by: ImportedId
    assigned_on: IsoDate
    due_on: IsoDate | None = None
    description: LongText | None = None
    updated_at: Timestamp
    deleted: bool = False
    # omitted or "class": the whole class; a list narrows it to those students (checked
    # in `_assigned_to`, for one plain message rather than one per alternative)
    assigned_to: Any = WHOLE_CLASS


class ScoreIn(TypedDict):
    """A score record. A TypedDict rather than a model: validating a million of them into
    plain dicts takes half the time."""

    __pydantic_config__ = ConfigDict(extra="forbid", strict=True, hide_input_in_errors=True)  # type: ignore[misc]

    assessment: ImportedId
    student: ImportedId
    state: Annotated[ScoreState, Field(strict=False)]
    points: NotRequired[Number | None]
    excluded: NotRequired[bool]
    comment: NotRequired[LongText | None]
    updated_at: Timestamp


# The core validator itself: TypeAdapter.validate_python adds a Python call per record.
_SCORE = TypeAdapter(ScoreIn).validator


@dataclass(frozen=True, slots=True)
class RecordError:
    """Why one record was rejected. `where` names the record (`scores[12] (assessment A-1,
    student S-4)`), `field` the first bad field ("" for the record as a whole), and
    `message` says what is wrong; further bad fields follow it, each named."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.where}: {self.field}: {self.message}"
            if self.field
            else f"{self.where}: {self.message}"
        )

    @classmethod
    def of(cls, where: str, found: list[Problem]) -> RecordError:
        first, rest = found[0], found[1:]
        message = "; ".join([first.message, *(str(p) for p in rest)])
        return cls(where, first.field, message)

    def as_dict(self) -> dict[str, str]:
        return {"record": self.where, "field": self.field, "message": self.message}


def _label(where: str, obj: object, keys: tuple[str, ...]) -> str:
    """`where` plus the record's ids, so a person can find it in their own system."""
    if not isinstance(obj, Mapping):
        return where
    parts = []
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            parts.append(f"{key} {value if len(value) <= 60 else value[:59] + '…'}")
    return f"{where} ({', '.join(parts)})" if parts else where


def assessment_label(where: str, obj: object) -> str:
    return _label(where, obj, ("id",))


def score_label(where: str, obj: object) -> str:
    return _label(where, obj, ("assessment", "student"))


def validate_assessment(obj: Any, where: str, district: str) -> Assessment | RecordError:
    """An `Assessment` of `district`, or the error naming the record and its bad fields."""
    label = assessment_label(where, obj)
    if not isinstance(obj, dict):
        return RecordError(label, "", "must be a JSON object")
    try:
        record = AssessmentIn.model_validate(obj)
    except PydanticValidationError as exc:
        return RecordError.of(label, problems(exc, hide_values_of=_FREE_TEXT))
    if len(set(record.classes)) != len(record.classes):
        return RecordError(label, "classes", "lists the same class more than once")
    assigned_to = _assigned_to(record.assigned_to)
    if isinstance(assigned_to, Problem):
        return RecordError(label, assigned_to.field, assigned_to.message)
    return Assessment(
        id=record.id,
        district=district,
        classes=tuple(record.classes),
        title=record.title,
        type=record.type,
        scoring=Scoring(record.scoring),
        points_possible=record.points_possible,
        include_in_final_grade=record.include_in_final_grade,
        assigned_by=record.assigned_by,
        assigned_on=record.assigned_on,
        due_on=record.due_on,
        updated_at=record.updated_at,
        description=record.description,
        deleted=record.deleted,
        assigned_to=assigned_to,
    )


_STUDENT_IDS = TypeAdapter(list[Id])


def _assigned_to(value: Any) -> str | tuple[str, ...] | Problem:
    """`assigned_to` as the domain holds it ("class" or the sorted student ids), or what
    is wrong with it."""
    if value == WHOLE_CLASS and isinstance(value, str):
        return WHOLE_CLASS
    if not isinstance(value, list):
        shown = repr(value) if isinstance(value, str | int | float) else "an object"
        return Problem("assigned_to", f'must be "class" or a list of student ids (got {shown})')
    try:
        ids = _STUDENT_IDS.validate_python(value, strict=True)
    except PydanticValidationError as exc:
        found = problems(exc)
        first = found[0]
        return Problem(f"assigned_to{first.field}", first.message)
    if len(set(ids)) != len(ids):
        return Problem("assigned_to", "lists the same student more than once")
    return tuple(sorted(ids))


def validate_score(obj: Any, where: str, district: str) -> Score | RecordError:
    """A `Score` of `district`, or the error naming the record and its bad fields.
    Whether its assessment exists is checked by the caller, against the store."""
    record = score_fields(obj, where)
    if isinstance(record, RecordError):
        return record
    return Score(
        district,
        record["assessment"],
        record["student"],
        record["state"],
        record.get("points"),
        record["updated_at"],
        record.get("excluded", False),
        record.get("comment"),
    )


def score_fields(obj: Any, where: str) -> ScoreIn | RecordError:
    """The checked fields of a score record (what `validate_score` makes a `Score` of), or
    the error naming the record and its bad fields. The import stores them as they are:
    a `Score` per record would be built only to be taken apart again."""
    if not isinstance(obj, dict):
        return RecordError(score_label(where, obj), "", "must be a JSON object")
    try:
        record: ScoreIn = _SCORE.validate_python(obj)
    except PydanticValidationError as exc:
        return RecordError.of(score_label(where, obj), problems(exc, hide_values_of=_FREE_TEXT))
    if record["state"] is ScoreState.GRADED and record.get("points") is None:
        return RecordError(score_label(where, obj), "points", "is required when state is graded")
    return record
