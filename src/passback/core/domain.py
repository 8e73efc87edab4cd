"""The domain: districts, assessments, scores and the slice of the SIS the rules look at.

Small frozen records with no I/O. Validation of outside input happens at the edges
(`passback.intake.importer`, the HTTP API, the OneRoster wire models); by the time a value is one
of these records it is well formed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo


class Scoring(enum.StrEnum):
    POINTS = "points"
    STANDARDS = "standards"


class ScoreState(enum.StrEnum):
    GRADED = "graded"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    NOT_SUBMITTED = "not_submitted"


class ExcludedAs(enum.StrEnum):
    SKIP = "skip"
    EXEMPT = "exempt"


class SisEdits(enum.StrEnum):
    PRESERVE = "preserve"
    OVERWRITE = "overwrite"


@dataclass(frozen=True, slots=True)
class Assessment:
    """An assessment as the platform sent it. One assessment may go to several classes."""

    id: str
    district: str
    classes: tuple[str, ...]
    title: str
    type: str
    scoring: Scoring
    points_possible: float | None
    include_in_final_grade: bool
    assigned_by: str
    assigned_on: date
    due_on: date | None
    updated_at: datetime
    description: str | None = None
    deleted: bool = False
    # who gets an automatic zero when they have no score record past the due date
    # (docs/import-format.md): "class" (every student enrolled on the due date), those student ids,
    # or None: not stated (a record stored before passback knew the field): no automatic zeros
    assigned_to: AssignedTo = None


# `Assessment.assigned_to`
AssignedTo = str | tuple[str, ...] | None
WHOLE_CLASS = "class"


@dataclass(frozen=True, slots=True)
class Score:
    """One student's result on one assessment (keyed by assessment and student)."""

    district: str
    assessment: str
    student: str
    state: ScoreState
    points: float | None
    updated_at: datetime
    excluded: bool = False
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class SisConnection:
    """Where the district's SIS is. The client secret is not part of it: it lives encrypted
    in the store and is handed to the OneRoster client only when a run needs it."""

    base_url: str
    token_url: str
    client_id: str
    profile: str = "powerschool"
    # Corrections to the SIS's teacher identity: teacher sourcedId -> PowerSchool dcid, for
    # a teacher whose `userIds` carry no dcid or a wrong one (see SisContext.teacher_dcid).
    teacher_dcids: Mapping[str, str] = field(default_factory=dict)
    # OAuth scopes when the district overrides its profile's (full URIs or short names)
    scopes: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class DistrictOptions:
    excluded_as: ExcludedAs = ExcludedAs.SKIP
    sis_edits: SisEdits = SisEdits.PRESERVE
    nightly_at: time = time(2, 0)
    on_change: bool = False


@dataclass(frozen=True, slots=True)
class District:
    id: str
    name: str
    timezone: str
    sis: SisConnection
    effective_date: date | None = None
    category_map: Mapping[str, str] = field(default_factory=dict)
    passback_group: frozenset[str] = frozenset()
    closed_grading_periods: frozenset[str] = frozenset()
    contacts: tuple[str, ...] = ()
    options: DistrictOptions = DistrictOptions()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local_date(self, moment: datetime) -> date:
        """The calendar date of an instant in the district's time zone."""
        return moment.astimezone(self.tz).date()


# --- the slice of the SIS the rules need -------------------------------------------------


@dataclass(frozen=True, slots=True)
class SisUser:
    sourced_id: str
    role: str
    enabled: bool = True
    active: bool = True
    # the identifier of the user's `userIds` entry of type "dcid" (PowerSchool), if any
    dcid: str | None = None


@dataclass(frozen=True, slots=True)
class SisClass:
    sourced_id: str
    title: str
    terms: tuple[str, ...]
    active: bool = True


@dataclass(frozen=True, slots=True)
class GradingPeriod:
    sourced_id: str
    title: str
    start: date
    end: date
    term: str | None

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and first <= self.end


@dataclass(frozen=True, slots=True)
class SisCategory:
    """A gradebook category as the SIS lists it. In PowerTeacher Pro every row belongs to one
    teacher (a copy of a district category, or the teacher's own); a spec-literal OneRoster
    server may list a category once for everyone, or scope it to a class.

    Whose row it is: `teacher` holds a user sourcedId (the first sandbox's
    `metadata.teacher`), `teacher_dcid` PowerSchool's `metadata.userDcid`; which teacher a
    dcid is is decided in one place, `SisContext.teacher_dcid`. `district_level` and
    `active` say what the SIS says: None where it does not say (PowerSchool documents no
    such flag over OneRoster)."""

    sourced_id: str
    title: str
    teacher: str | None
    district_level: bool | None
    active: bool
    teacher_dcid: str | None = None
    # PowerSchool's metadata.TermID: the school year the row belongs to
    term: str | None = None
    # metadata.classId: a category that applies to one class only
    class_id: str | None = None

    @property
    def owned(self) -> bool:
        return self.teacher is not None or self.teacher_dcid is not None


@dataclass(frozen=True, slots=True)
class Enrollment:
    user: str
    class_id: str
    role: str
    primary: bool = False
    active: bool = True
    begin: date | None = None
    end: date | None = None

    def current_on(self, day: date) -> bool:
        if not self.active:
            return False
        if self.begin is not None and day < self.begin:
            return False
        return not (self.end is not None and day > self.end)


# --- what passback wrote ------------------------------------------------------------------


class ObjectKind(enum.StrEnum):
    LINE_ITEM = "lineItem"
    RESULT = "result"


# One per object passback wrote, built millions of times a run: a plain slotted dataclass
# (a frozen one costs six times as much to build). Entries are read-only by convention: code
# that needs a different entry builds one (`dataclasses.replace`).
@dataclass(slots=True)
class LedgerEntry:
    """What passback last wrote for one SIS object, enough to notice a teacher's edit.

    `content_hash` covers the whole payload; `score`/`score_status` (results) and
    `category` (lineItems) are the values a teacher may change in the SIS.
    """

    district: str
    sourced_id: str
    kind: ObjectKind
    assessment: str
    class_id: str
    student: str | None
    line_item: str | None
    content_hash: str
    written_at: datetime
    score: float | None = None
    score_status: str | None = None
    category: str | None = None
    grading_period: str | None = None
