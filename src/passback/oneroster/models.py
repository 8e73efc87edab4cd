"""Pydantic models of the OneRoster 1.1 wire format, as lenient as real servers need.

Unknown fields and vendor `metadata` are kept (extra="allow"); booleans may come as the
strings "true"/"false"; dates and datetimes are read in any common ISO shape; sourcedIds are
stripped of the whitespace PowerSchool is known to leave around them. Only the fields
passback relies on are required. `to_domain()` turns a record into the small frozen domain
record the rules use.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from passback.core import domain


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _as_text(value: Any) -> Any:
    # schoolYear and friends arrive as numbers from some servers.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return _strip(value)


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _lenient_bool(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        if text == "":
            return None
    return value


def _lenient_datetime(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if len(text) == 10:  # a bare date where a datetime belongs: midnight UTC
            return datetime.combine(date.fromisoformat(text), time(0), tzinfo=UTC)
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _lenient_date(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if len(text) > 10 and text[10] in "T ":  # a datetime where a date belongs: its date
            return text[:10]
        return text
    if isinstance(value, datetime):
        return value.date()
    return value


SourcedId = Annotated[str, BeforeValidator(_strip), Field(min_length=1)]
Flag = Annotated[bool | None, BeforeValidator(_lenient_bool)]
Timestamp = Annotated[datetime | None, BeforeValidator(_lenient_datetime)]
Day = Annotated[date | None, BeforeValidator(_lenient_date)]
RequiredDay = Annotated[date, BeforeValidator(_lenient_date)]
Text = Annotated[str | None, BeforeValidator(_as_text)]
Number = Annotated[float | None, BeforeValidator(_blank_to_none)]


class GUIDRef(BaseModel):
    """A reference to another object: `{href, sourcedId, type}`; only sourcedId is relied on."""

    model_config = ConfigDict(extra="allow", frozen=True)

    sourcedId: SourcedId
    href: str | None = None
    type: str | None = None


class Base(BaseModel):
    """Fields every OneRoster object has."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    sourcedId: SourcedId
    status: str = "active"
    dateLastModified: Timestamp = None
    metadata: dict[str, Any] | None = None

    @property
    def active(self) -> bool:
        return self.status.strip().lower() != "tobedeleted"


class AcademicSession(Base):
    """A school year, term, semester or grading period (`/academicSessions`, `/terms`,
    `/gradingPeriods`)."""

    title: Text = None
    type: Annotated[str, BeforeValidator(_strip)]
    startDate: RequiredDay
    endDate: RequiredDay
    schoolYear: Annotated[str | None, BeforeValidator(_as_text)] = None
    parent: GUIDRef | None = None
    children: list[GUIDRef] = Field(default_factory=list)

    def to_domain(self, term: str | None = None) -> domain.GradingPeriod:
        """This session as a grading period; `term` defaults to its parent."""
        return domain.GradingPeriod(
            sourced_id=self.sourcedId,
            title=self.title or self.sourcedId,
            start=self.startDate,
            end=self.endDate,
            term=term if term is not None else (self.parent.sourcedId if self.parent else None),
        )


class OneRosterClass(Base):
    """A class (section). `class` is a Python keyword, hence the name."""

    title: Text = None
    classCode: Text = None
    classType: Text = None
    course: GUIDRef | None = None
    school: GUIDRef | None = None
    terms: list[GUIDRef] = Field(default_factory=list)

    def to_domain(self) -> domain.SisClass:
        return domain.SisClass(
            sourced_id=self.sourcedId,
            title=self.title or self.sourcedId,
            terms=tuple(ref.sourcedId for ref in self.terms),
            active=self.active,
        )


class User(Base):
    """A user (student, teacher, ...). Names are personal data: never log them."""

    role: Annotated[str, BeforeValidator(_strip)]
    username: Text = None
    enabledUser: Flag = None
    givenName: Text = None
    familyName: Text = None
    identifier: Text = None
    email: Text = None
    orgs: list[GUIDRef] = Field(default_factory=list)
    userIds: list[dict[str, Any]] = Field(default_factory=list)

    def to_domain(self) -> domain.SisUser:
        return domain.SisUser(
            sourced_id=self.sourcedId,
            role=self.role,
            enabled=self.enabledUser is not False,
            active=self.active,
        )


class Enrollment(Base):
    """A user's enrolment in a class."""

    user: GUIDRef
    class_: GUIDRef = Field(alias="class")
    school: GUIDRef | None = None
    role: Annotated[str, BeforeValidator(_strip)]
    primary: Flag = None
    beginDate: Day = None
    endDate: Day = None

    def to_domain(self) -> domain.Enrollment:
        return domain.Enrollment(
            user=self.user.sourcedId,
            class_id=self.class_.sourcedId,
            role=self.role,
            primary=bool(self.primary),
            active=self.active,
            begin=self.beginDate,
            end=self.endDate,
        )


class Category(Base):
    """A gradebook category. PowerSchool keeps per-teacher copies and says whose in
    `metadata.userDcid` and of which year in `metadata.TermID` (sis-vendors.md §1.3); the
    first sandbox said `metadata.teacher`, `categoryType` and `isActive`."""

    title: Annotated[str, BeforeValidator(_strip)]

    def _meta(self, key: str) -> Any:
        return (self.metadata or {}).get(key)

    def _text(self, key: str) -> str | None:
        value = _strip(self._meta(key))
        if value is None:
            return None
        value = str(value).strip()
        return value or None

    @property
    def teacher(self) -> str | None:
        """The sourcedId of the teacher owning this copy (`metadata.teacher`)."""
        return self._text("teacher")

    @property
    def user_dcid(self) -> str | None:
        """PowerSchool's dcid of the teacher owning this row (`metadata.userDcid`)."""
        return self._text("userDcid")

    @property
    def term_id(self) -> str | None:
        """PowerSchool's `metadata.TermID`: the school year the row belongs to."""
        return self._text("TermID")

    @property
    def category_type(self) -> str | None:
        """ "district" (a copy of a district category) or "user" (the teacher's own)."""
        value = _strip(self._meta("categoryType"))
        return value.lower() if isinstance(value, str) and value else None

    @property
    def is_active(self) -> bool:
        """`metadata.isActive` (default true) and the record's own status both active."""
        flag = _lenient_bool(self._meta("isActive"))
        return self.active and flag is not False

    def to_domain(self) -> domain.SisCategory:
        kind = self.category_type
        return domain.SisCategory(
            sourced_id=self.sourcedId,
            title=self.title,
            teacher=self.teacher,
            district_level=True if kind == "district" else False if kind == "user" else None,
            active=self.is_active,
            teacher_dcid=self.user_dcid,
            term=self.term_id,
            class_id=self._text("classId"),
        )


class LineItem(Base):
    """A gradebook column (an assignment in PowerTeacher Pro)."""

    title: Text = None
    description: Text = None
    assignDate: Timestamp = None
    dueDate: Timestamp = None
    class_: GUIDRef = Field(alias="class")
    category: GUIDRef | None = None
    gradingPeriod: GUIDRef | None = None
    resultValueMin: Number = None
    resultValueMax: Number = None


class Result(Base):
    """One student's score on one lineItem."""

    lineItem: GUIDRef
    student: GUIDRef
    scoreStatus: Text = None
    score: Number = None
    scoreDate: Day = None
    comment: Text = None
