"""The eligibility rules of docs/rules.md, pure: data and the evaluation date in, decisions out.

Every (assessment, class) pair gets a `LineItemDecision` and every score under it a
`ResultDecision`. A decision either sends, carrying what to send, or skips, carrying one or
more `Reason` codes. All applicable reasons are collected, so a teacher can fix everything at
once. No clock, no I/O: "today" is a parameter, in the district's time zone.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date

from passback.core.domain import (
    Assessment,
    District,
    ExcludedAs,
    GradingPeriod,
    Score,
    ScoreState,
    Scoring,
)
from passback.core.profiles import POWERSCHOOL, profile_of
from passback.core.reasons import Reason
from passback.core.sis_view import SisContext

# PowerSchool accepts titles of fewer than 50 characters; each profile says its own limit
TITLE_LIMIT = POWERSCHOOL.title_limit or 50

# OneRoster 1.1 scoreStatus strings (exactly, with spaces)
FULLY_GRADED = "fully graded"
NOT_SUBMITTED = "not submitted"
EXEMPT = "exempt"


# Decisions are made once per score (millions in a run), so they are plain slotted
# dataclasses rather than frozen ones (a frozen one costs five times as much to build). They
# are read-only by convention: nothing changes a decision after the rules made it.


@dataclass(slots=True)
class LineItemDecision:
    """Send or skip one (assessment, class) pair. When sent it carries where it goes."""

    assessment: str
    class_id: str
    reasons: tuple[Reason, ...] = ()
    grading_period: str | None = None
    category: str | None = None
    teacher: str | None = None
    # what the report says beyond the reason codes (which category case it is)
    note: str = ""

    def __post_init__(self) -> None:
        if not self.reasons and (self.grading_period is None or self.category is None):
            raise ValueError("a lineItem decision that sends needs a grading period and category")

    @property
    def send(self) -> bool:
        return not self.reasons


@dataclass(slots=True)
class ResultDecision:
    """Send or skip one score. When sent it carries the score and its 1.1 scoreStatus."""

    assessment: str
    class_id: str
    student: str
    reasons: tuple[Reason, ...] = ()
    score: float | None = None
    status: str | None = None
    score_date: date | None = None
    comment: str | None = None

    def __post_init__(self) -> None:
        sends = self.score is not None and self.status is not None and self.score_date
        if self.reasons and sends:
            raise ValueError("a result decision cannot both send and skip")
        if not self.reasons and not sends:
            raise ValueError("a result decision that sends needs a score, status and date")

    @property
    def send(self) -> bool:
        return not self.reasons


def assessment_reasons(
    assessment: Assessment,
    class_id: str,
    district: District,
    ctx: SisContext,
    today: date,
    *,
    sent: bool = False,
) -> LineItemDecision:
    """The rules for one (assessment, class) pair, all but DUPLICATE_TITLE (which compares
    pairs with each other; see `evaluate_assessments`). `sent`: passback has already created
    this pair's lineItem (the ledger knows it), so the time window no longer applies to it."""
    reasons: list[Reason] = []
    profile = profile_of(district.sis.profile)
    if assessment.scoring is Scoring.STANDARDS:
        reasons.append(Reason.STANDARDS_BASED)
    elif not _whole_positive(assessment.points_possible):
        reasons.append(Reason.POINTS_NOT_WHOLE)
    if profile.title_limit is not None and len(assessment.title) >= profile.title_limit:
        reasons.append(Reason.TITLE_TOO_LONG)
    if not assessment.include_in_final_grade:
        reasons.append(Reason.NOT_IN_FINAL_GRADE)
    if assessment.due_on is None:
        reasons.append(Reason.MISSING_DUE_DATE)
    if assessment.assigned_by not in ctx.users:
        reasons.append(Reason.ASSIGNER_NOT_IN_SIS)
    if assessment.assigned_by not in district.passback_group:
        reasons.append(Reason.ASSIGNER_NOT_IN_GROUP)

    sis_class = ctx.classes.get(class_id)
    class_known = sis_class is not None and sis_class.active
    if not class_known:
        reasons.append(Reason.CLASS_NOT_IN_SIS)

    category_id: str | None = None
    teacher: str | None = None
    note = ""
    mapped = district.category_map.get(assessment.type)
    if mapped is None:
        reasons.append(Reason.CATEGORY_NOT_MAPPED)
    else:
        if class_known:
            teacher = ctx.class_teacher(class_id, assessment.assigned_by)
        match = ctx.resolve_category(profile, class_id, teacher, mapped, district.sis.teacher_dcids)
        if match.category is not None:
            if class_known:
                category_id = match.category.sourced_id
        elif match.reason is Reason.CATEGORY_NOT_DISTRICT or class_known:
            assert match.reason is not None
            reasons.append(match.reason)
            note = match.message

    window = _window_reason(assessment, class_id if class_known else None, district, ctx, today)
    if window is not None and (not sent or window[1]):
        reasons.append(window[0])

    period_id: str | None = None
    if class_known and assessment.due_on is not None:
        period = ctx.period_for_due_date(class_id, assessment.due_on)
        if period is None:
            reasons.append(Reason.NO_GRADING_PERIOD)
        else:
            period_id = period.sourced_id
    if class_known and _touches_closed_period(assessment, class_id, district, ctx):
        reasons.append(Reason.GRADING_PERIOD_CLOSED)

    if reasons:
        return LineItemDecision(
            assessment.id, class_id, tuple(reasons), period_id, category_id, teacher, note
        )
    return LineItemDecision(assessment.id, class_id, (), period_id, category_id, teacher)


def evaluate_assessments(
    assessments: Iterable[Assessment],
    district: District,
    ctx: SisContext,
    today: date,
    *,
    classes: Collection[str] | None = None,
    sent: Collection[tuple[str, str]] = (),
) -> dict[tuple[str, str], LineItemDecision]:
    """Decisions for every (assessment, class) pair of the live (not deleted) assessments;
    with `classes`, only for pairs in those classes (the assessments must then include every
    assessment assigned to them: DUPLICATE_TITLE compares the pairs of a class). `sent`
    holds the (assessment, class) pairs whose lineItem passback has created (the ledger's):
    the time window no longer applies to them.

    Two sendable assessments in one class with the same title would collide in the SIS
    (PowerSchool requires assignment names unique in a section, whatever their due dates);
    one is sent and the others skip with DUPLICATE_TITLE: one already in the SIS first, then
    the earliest assigned.
    """
    by_id = {a.id: a for a in assessments if not a.deleted}
    decisions: dict[tuple[str, str], LineItemDecision] = {}
    for assessment in by_id.values():
        for class_id in assessment.classes:
            if classes is not None and class_id not in classes:
                continue
            decisions[(assessment.id, class_id)] = assessment_reasons(
                assessment, class_id, district, ctx, today, sent=(assessment.id, class_id) in sent
            )

    contenders: dict[tuple[str, str], list[Assessment]] = defaultdict(list)
    for (assessment_id, class_id), decision in decisions.items():
        if decision.send:
            a = by_id[assessment_id]
            contenders[(class_id, title_key(a.title))].append(a)
    for (class_id, _title), group in contenders.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda a: ((a.id, class_id) not in sent, a.assigned_on, a.updated_at, a.id))
        for loser in group[1:]:
            decisions[(loser.id, class_id)] = LineItemDecision(
                loser.id, class_id, (Reason.DUPLICATE_TITLE,)
            )
    return decisions


_UNSUBMITTED = (ScoreState.NOT_SUBMITTED, ScoreState.IN_PROGRESS)


class _ScoreRules:
    """The score-level rules with what does not change from one score to the next worked out
    once (a run evaluates millions of scores)."""

    __slots__ = (
        "ctx",
        "district",
        "enrolled",
        "exempt_excluded",
        "quarter_days",
        "today",
    )

    def __init__(self, district: District, ctx: SisContext, today: date) -> None:
        self.district = district
        self.ctx = ctx
        self.today = today
        self.exempt_excluded = district.options.excluded_as is ExcludedAs.EXEMPT
        # the UTC quarter hour of an updated_at -> its date in the district
        self.quarter_days: dict[int, date] = {}
        # (class, day) -> the students enrolled that day: the same for every score of a
        # lineItem
        self.enrolled: dict[tuple[str, date], frozenset[str]] = {}

    def evaluate(
        self, score: Score, assessment: Assessment, line_item: LineItemDecision
    ) -> ResultDecision:
        class_id = line_item.class_id
        if line_item.reasons:
            return _decision(score.assessment, class_id, score.student, line_item.reasons)
        due = assessment.due_on
        assert due is not None  # a sendable lineItem always has a due date
        today = self.today

        reasons: list[Reason] = []
        # enrolled when the work was due (or today, if that is earlier): a student who has
        # since left keeps the scores of the time they were in the class
        on = due if due < today else today
        enrolled = self.enrolled.get((class_id, on))
        if enrolled is None:
            enrolled = self.enrolled[(class_id, on)] = self.ctx.students_enrolled(class_id, on)
        if score.student not in enrolled:
            reasons.append(Reason.STUDENT_NOT_ENROLLED)
        excluded = score.excluded
        exempt = excluded and self.exempt_excluded
        if excluded and not exempt:
            reasons.append(Reason.EXCLUDED)

        moment = score.updated_at
        if moment.tzinfo is UTC:
            # every UTC offset and every change of offset falls on a quarter hour, so all
            # the instants of one UTC quarter hour share their calendar day in the district:
            # it is worked out once per quarter hour (hashing a new datetime costs more)
            quarter = moment.toordinal() * 96 + moment.hour * 4 + moment.minute // 15
            scored_on = self.quarter_days.get(quarter)
            if scored_on is None:
                scored_on = self.quarter_days[quarter] = self.district.local_date(moment)
        else:
            scored_on = self.district.local_date(moment)
        points: float | None = None
        status: str | None = None
        score_date: date | None = None
        state = score.state
        if exempt:
            points, status, score_date = 0.0, EXEMPT, scored_on
        elif state is ScoreState.GRADED and score.points is not None:
            points, status, score_date = float(score.points), FULLY_GRADED, scored_on
        elif state in _UNSUBMITTED and due < today:
            # past due and never turned in: an automatic zero, dated on the due date so the
            # result does not change from one night to the next
            points, status, score_date = 0.0, NOT_SUBMITTED, due
        else:
            reasons.append(Reason.NOT_GRADED)

        if reasons:
            return _decision(score.assessment, class_id, score.student, tuple(reasons))
        return _decision(
            score.assessment,
            class_id,
            score.student,
            (),
            points,
            status,
            score_date,
            score.comment or None,
        )


def _decision(
    assessment: str,
    class_id: str,
    student: str,
    reasons: tuple[Reason, ...],
    score: float | None = None,
    status: str | None = None,
    score_date: date | None = None,
    comment: str | None = None,
) -> ResultDecision:
    """`ResultDecision(...)` without its consistency check, for the rules above, which only
    make consistent ones (a check per score is a fifth of the rules' time)."""
    decision = _new(ResultDecision)
    decision.assessment = assessment
    decision.class_id = class_id
    decision.student = student
    decision.reasons = reasons
    decision.score = score
    decision.status = status
    decision.score_date = score_date
    decision.comment = comment
    return decision


_new = object.__new__


def evaluate_scores(
    scores: Iterable[Score],
    assessments: Mapping[str, Assessment],
    line_items: Mapping[tuple[str, str], LineItemDecision],
    district: District,
    ctx: SisContext,
    today: date,
    *,
    classes: Collection[str] | None = None,
) -> list[ResultDecision]:
    """Decisions for every score in every class its assessment is assigned to (with
    `classes`, only in those classes)."""
    out: list[ResultDecision] = []
    append = out.append
    evaluate = _ScoreRules(district, ctx, today).evaluate
    # students with a score record, per assessment that assigns automatic zeros
    scored: dict[str, set[str]] = defaultdict(set)
    has_record: set[str] | None = None
    assessment: Assessment | None = None
    single: LineItemDecision | None = None  # the lineItem of a one-class assessment in scope
    for score in scores:
        if assessment is None or score.assessment != assessment.id:
            # scores come assessment by assessment: look each up once
            assessment = assessments.get(score.assessment)
            single = None
            if assessment is None or assessment.deleted:
                assessment = None
                continue
            has_record = scored[assessment.id] if assessment.assigned_to is not None else None
            if len(assessment.classes) == 1 and (
                classes is None or assessment.classes[0] in classes
            ):
                single = line_items[(assessment.id, assessment.classes[0])]
        if has_record is not None:
            has_record.add(score.student)
        if single is not None:
            append(evaluate(score, assessment, single))
            continue
        for class_id in score_classes(ctx, assessment, score.student):
            if classes is not None and class_id not in classes:
                continue
            append(evaluate(score, assessment, line_items[(assessment.id, class_id)]))
    out.extend(automatic_zeros(assessments, line_items, scored, ctx, today, classes=classes))
    return out


def automatic_zeros(
    assessments: Mapping[str, Assessment],
    line_items: Mapping[tuple[str, str], LineItemDecision],
    scored: Mapping[str, Collection[str]],
    ctx: SisContext,
    today: date,
    *,
    classes: Collection[str] | None = None,
) -> list[ResultDecision]:
    """docs/rules.md and docs/import-format.md `assigned_to`: an assigned student with no score
    record counts as `not_submitted`. Past due, under a lineItem that is sent, each gets a 0 with
    scoreStatus "not submitted", dated on the due date; before the due date nothing. Assigned means
    enrolled in the class on the due date (a student who left before it, or joined after
    it, gets none) and, for a list, named in it. `scored`: the students with a record, per
    assessment."""
    out: list[ResultDecision] = []
    for assessment in assessments.values():
        assigned_to = assessment.assigned_to
        due = assessment.due_on
        if assigned_to is None or assessment.deleted or due is None or not due < today:
            continue
        listed = None if isinstance(assigned_to, str) else frozenset(assigned_to)
        have = scored.get(assessment.id, ())
        for class_id in assessment.classes:
            if classes is not None and class_id not in classes:
                continue
            decision = line_items.get((assessment.id, class_id))
            if decision is None or not decision.send:
                continue
            enrolled = ctx.students_enrolled(class_id, due)
            for student in sorted(enrolled if listed is None else enrolled & listed):
                if student not in have:
                    out.append(
                        _decision(assessment.id, class_id, student, (), 0.0, NOT_SUBMITTED, due)
                    )
    return out


def score_classes(ctx: SisContext, assessment: Assessment, student: str) -> tuple[str, ...]:
    """Which of the assessment's classes a student's score belongs to.

    One score per student may span an assessment assigned to several sections: it belongs to
    the sections the student is (or was) on the roster of. A student on no roster at all is
    reported once, under the first class, where the rules say STUDENT_NOT_ENROLLED."""
    if len(assessment.classes) == 1:
        return assessment.classes
    mine = tuple(c for c in assessment.classes if ctx.is_member(c, student))
    return mine or assessment.classes[:1]


def _window_reason(
    assessment: Assessment,
    class_id: str | None,
    district: District,
    ctx: SisContext,
    today: date,
) -> tuple[Reason, bool] | None:
    """docs/rules.md "Time window": None inside the window, else the reason and whether it holds
    for a lineItem passback has already created. Before the effective date (or with none)
    nothing passes, sent or not. Otherwise an assessment assigned and last changed before
    the class's window start (the later of the effective date and the start of the class's
    current grading period) is outside, unless it was sent."""
    effective = district.effective_date
    if effective is None or today < effective:
        return Reason.BEFORE_EFFECTIVE_DATE, True
    last_touched = max(assessment.assigned_on, district.local_date(assessment.updated_at))
    if last_touched < effective:
        return Reason.BEFORE_EFFECTIVE_DATE, False
    current = current_grading_period(ctx, class_id, today) if class_id else None
    if current is None or last_touched >= current.start:
        return None
    return Reason.BEFORE_GRADING_PERIOD, False


def current_grading_period(ctx: SisContext, class_id: str, on: date) -> GradingPeriod | None:
    """The class's current grading period on a day (docs/rules.md): the latest of its grading
    periods that has started on or before it (during a break, the one that just ended)."""
    started = [gp for gp in ctx.periods_of_class(class_id) if gp.start <= on]
    return max(started, key=lambda gp: (gp.start, gp.sourced_id)) if started else None


def _whole_positive(points: float | None) -> bool:
    return points is not None and math.isfinite(points) and points > 0 and points == int(points)


def title_key(title: str) -> str:
    """A title as the SIS compares names: case and runs of spaces do not matter."""
    return " ".join(title.split()).casefold()


def _touches_closed_period(
    assessment: Assessment, class_id: str, district: District, ctx: SisContext
) -> bool:
    if not district.closed_grading_periods:
        return False
    first = assessment.assigned_on
    last = assessment.due_on or assessment.assigned_on
    first, last = min(first, last), max(first, last)
    return any(
        gp.sourced_id in district.closed_grading_periods and gp.overlaps(first, last)
        for gp in ctx.periods_of_class(class_id)
    )
