"""Properties of the rules over random districts, SIS contexts, assessments and scores.

The oracles here are written from docs/rules.md against the raw records, not through the
`SisContext` lookups the rules use, so a wrong lookup cannot agree with itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from random import Random
from typing import TypeVar
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from passback.core.domain import Enrollment
from passback.core.eligibility import (
    LineItemDecision,
    ResultDecision,
    evaluate_assessments,
    evaluate_scores,
)
from passback.core.reasons import Reason
from passback.core.sis_view import SisContext

from . import builders
from .strategies import Inputs, World, inputs, worlds

T = TypeVar("T")
FAST = settings(max_examples=40, deadline=None)
ASSESSMENT_CODES = {r for r in Reason if r.level == "assessment"} - {Reason.SIS_REJECTED}
SCORE_CODES = {r for r in Reason if r.level == "score"}


def evaluate(
    world: World, data: Inputs
) -> tuple[dict[tuple[str, str], LineItemDecision], list[ResultDecision]]:
    line_items = evaluate_assessments(data.assessments, world.district, world.ctx, world.today)
    by_id = {a.id: a for a in data.assessments}
    results = evaluate_scores(
        data.scores, by_id, line_items, world.district, world.ctx, world.today
    )
    return line_items, results


def enrollments(ctx: SisContext, class_id: str) -> tuple[Enrollment, ...]:
    return ctx.enrollments.get(class_id, ())


def possible_class_teachers(ctx: SisContext, class_id: str, assigner: str) -> set[str]:
    """docs/rules.md: the assigner when they teach the class, otherwise its primary teacher (any
    teacher, when the SIS marks none primary)."""
    teaching = [e for e in enrollments(ctx, class_id) if e.role == "teacher" and e.active]
    if any(e.user == assigner for e in teaching):
        return {assigner}
    primaries = [e for e in teaching if e.primary] or teaching
    return {e.user for e in primaries}


def normalised(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip().casefold()


@FAST
@given(worlds(), inputs())
def test_a_decision_sends_or_skips_never_both(world: World, data: Inputs) -> None:
    line_items, results = evaluate(world, data)
    for d in line_items.values():
        if d.send:
            assert d.reasons == ()
            assert d.grading_period is not None and d.category is not None
        else:
            assert d.reasons
    for r in results:
        carries_a_score = (r.score, r.status, r.score_date) != (None, None, None)
        assert r.send is (not r.reasons)
        assert carries_a_score is r.send


@FAST
@given(worlds(), inputs())
def test_skips_carry_codes_of_their_level(world: World, data: Inputs) -> None:
    line_items, results = evaluate(world, data)
    for d in line_items.values():
        assert set(d.reasons) <= ASSESSMENT_CODES
        assert len(set(d.reasons)) == len(d.reasons)
    for r in results:
        parent = line_items[(r.assessment, r.class_id)]
        if parent.send:
            assert set(r.reasons) <= SCORE_CODES
        else:
            assert r.reasons == parent.reasons


@FAST
@given(worlds(), inputs())
def test_every_live_pair_and_every_score_gets_a_decision(world: World, data: Inputs) -> None:
    line_items, results = evaluate(world, data)
    live = {a.id: a for a in data.assessments if not a.deleted}
    assert set(line_items) == {(a.id, c) for a in live.values() for c in a.classes}
    scored = Counter((r.assessment, r.student) for r in results)
    for s in data.scores:
        if s.assessment in live:
            assert scored[(s.assessment, s.student)] >= 1
        else:
            assert scored[(s.assessment, s.student)] == 0


@FAST
@given(worlds(), inputs())
def test_sent_lineitems_have_a_period_and_the_class_teachers_active_copy(
    world: World, data: Inputs
) -> None:
    line_items, _ = evaluate(world, data)
    by_id = {a.id: a for a in data.assessments}
    ctx, dist = world.ctx, world.district
    categories = {c.sourced_id: c for c in ctx.categories}
    for (assessment_id, class_id), d in line_items.items():
        if not d.send:
            continue
        a = by_id[assessment_id]
        assert a.due_on is not None
        sis_class = ctx.classes[class_id]
        assert sis_class.active
        period = ctx.grading_periods[d.grading_period or ""]
        assert period.start <= a.due_on <= period.end
        assert period.term in sis_class.terms
        assert period.sourced_id not in dist.closed_grading_periods
        category = categories[d.category or ""]
        assert category.district_level and category.active
        assert category.title == dist.category_map[a.type]
        assert category.teacher in possible_class_teachers(ctx, class_id, a.assigned_by)


@FAST
@given(worlds(), inputs())
def test_sent_lineitems_pass_every_assessment_rule(world: World, data: Inputs) -> None:
    line_items, _ = evaluate(world, data)
    by_id = {a.id: a for a in data.assessments}
    dist = world.district
    for (assessment_id, _class_id), d in line_items.items():
        if not d.send:
            continue
        a = by_id[assessment_id]
        assert a.points_possible is not None and a.points_possible > 0
        assert a.points_possible == int(a.points_possible)
        assert len(a.title) < 50
        assert a.include_in_final_grade
        assert a.assigned_by in world.ctx.users and a.assigned_by in dist.passback_group
        assert dist.effective_date is not None
        touched = max(a.assigned_on, a.updated_at.astimezone(dist.tz).date())
        assert touched >= dist.effective_date


@FAST
@given(worlds(), inputs())
def test_sent_results_belong_to_enrolled_students(world: World, data: Inputs) -> None:
    line_items, results = evaluate(world, data)
    by_id = {a.id: a for a in data.assessments}
    for r in results:
        if not r.send:
            continue
        assert line_items[(r.assessment, r.class_id)].send
        due = by_id[r.assessment].due_on
        assert due is not None
        day = min(due, world.today)
        assert any(
            e.user == r.student
            and e.role == "student"
            and e.active
            and (e.begin is None or e.begin <= day)
            and (e.end is None or day <= e.end)
            for e in enrollments(world.ctx, r.class_id)
        )
        if r.status == "not submitted":
            assert due < world.today and r.score == 0


@FAST
@given(worlds(), inputs())
def test_no_two_sent_lineitems_in_a_class_share_title_and_due_date(
    world: World, data: Inputs
) -> None:
    line_items, _ = evaluate(world, data)
    by_id = {a.id: a for a in data.assessments}
    keys: Counter[tuple[str, str, date | None]] = Counter(
        (class_id, normalised(by_id[a].title), by_id[a].due_on)
        for (a, class_id), d in line_items.items()
        if d.send
    )
    assert all(n == 1 for n in keys.values())


@FAST
@given(worlds(), inputs())
def test_a_duplicate_loses_only_to_an_earlier_or_equal_sent_twin(
    world: World, data: Inputs
) -> None:
    line_items, _ = evaluate(world, data)
    by_id = {a.id: a for a in data.assessments}
    for (assessment_id, class_id), d in line_items.items():
        if Reason.DUPLICATE_TITLE not in d.reasons:
            continue
        me = by_id[assessment_id]
        winners = [
            by_id[other]
            for (other, c), od in line_items.items()
            if c == class_id and od.send and normalised(by_id[other].title) == normalised(me.title)
        ]
        assert len(winners) == 1
        assert winners[0].assigned_on <= me.assigned_on


@FAST
@given(worlds(), inputs(), st.randoms(use_true_random=False))
def test_rules_are_deterministic_and_independent_of_input_order(
    world: World, data: Inputs, rnd: Random
) -> None:
    line_items, results = evaluate(world, data)
    ctx = world.ctx

    def shuffled(records: Iterable[T]) -> list[T]:
        out = list(records)
        rnd.shuffle(out)
        return out

    ctx2 = SisContext.build(
        users=shuffled(ctx.users.values()),
        classes=shuffled(ctx.classes.values()),
        grading_periods=shuffled(ctx.grading_periods.values()),
        categories=shuffled(ctx.categories),
        enrollments=shuffled(e for es in ctx.enrollments.values() for e in es),
    )
    again = World(world.district, ctx2, world.today)
    shuffled_data = Inputs(tuple(shuffled(data.assessments)), tuple(shuffled(data.scores)))
    line_items2, results2 = evaluate(again, shuffled_data)
    assert line_items2 == line_items
    assert sorted(results2, key=_result_key) == sorted(results, key=_result_key)


def _result_key(r: ResultDecision) -> tuple[str, str, str]:
    return (r.assessment, r.class_id, r.student)


ZONES = ["America/Chicago", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham"]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(ZONES),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 1, 1)),
    st.lists(st.integers(-3 * 3600, 3 * 3600), min_size=1, max_size=60),
)
def test_score_dates_follow_the_districts_clock(zone: str, day: date, offsets: list[int]) -> None:
    """A graded score is dated on the calendar day of its updated_at in the district's time
    zone: instants close around a local midnight (the rules work dates out once per quarter
    hour), in zones whose offsets are not whole hours or change by half an hour."""
    midnight = datetime.combine(day, datetime.min.time(), ZoneInfo(zone)).astimezone(UTC)
    instants = [midnight + timedelta(seconds=s) for s in offsets]
    dist = builders.district(timezone=zone)
    a = builders.assessment()
    scores = [builders.score(student="S-1", updated_at=i, assessment=a.id) for i in instants]
    _, results = builders.run_rules([a], scores, dist=dist)
    assert [r.score_date for r in results] == [
        i.astimezone(ZoneInfo(zone)).date() for i in instants
    ]
