"""A run in batches of classes, so memory follows the size of a batch, not of the district.

Everything the planner decides about a class depends only on that class: its assessments
(DUPLICATE_TITLE compares the assessments of one class), its scores, its ledger and its
gradebook. So a run splits the district's classes (sorted) into batches and plans each
batch on its own: the items of a batch are exactly the items the whole district's plan would
hold for those classes, in the same order. An assessment assigned to several classes is
loaded by every batch holding one of them and planned there for that class only.

What stays whole for the run: the roster (`SisContext`) and the class index below (which
assessments each class has: ids only).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from passback.core.domain import Assessment, District, LedgerEntry, ObjectKind, Score
from passback.core.eligibility import evaluate_assessments, evaluate_scores
from passback.core.plan import Plan
from passback.core.planner import make_plan
from passback.core.sis_view import SisContext
from passback.store import ledger as ledger_store
from passback.store import source as source_store


@dataclass
class ClassIndex:
    """Which assessments each class has, and who assigned each assessment."""

    assessments: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    assigned_by: dict[str, str] = field(default_factory=dict)
    # classes the ledger holds something for (an assessment may have left them since)
    ledger_classes: set[str] = field(default_factory=set)

    def classes(self) -> set[str]:
        return set(self.assessments) | self.ledger_classes


def load_class_index(session: Session, district_id: str, *, assigners: bool = False) -> ClassIndex:
    """The district's index; `assigners` (who assigned each assessment) only when a run is
    limited to a teacher: a large district has half a million assessments."""
    index = ClassIndex()
    for assessment_id, classes, assigned_by in source_store.iter_assessment_classes(
        session, district_id
    ):
        if assigners:
            index.assigned_by[assessment_id] = assigned_by
        for class_id in classes:
            index.assessments[sys.intern(class_id)].append(assessment_id)
    index.ledger_classes = set(ledger_store.ledger_classes(session, district_id))
    return index


def scope_classes(
    index: ClassIndex, ctx: SisContext, class_id: str | None, teacher: str | None
) -> set[str] | None:
    """The classes a run is limited to (None: the whole district): one class, a teacher's
    classes (those they teach in the SIS and those they assigned assessments to), or both."""
    if class_id is None and teacher is None:
        return None
    classes: set[str] = set()
    if class_id is not None:
        classes.add(class_id)
    if teacher is not None:
        taught = {c for c in ctx.classes if ctx.teaches(teacher, c)}
        assigned = {
            c
            for c, ids in index.assessments.items()
            if any(index.assigned_by[a] == teacher for a in ids)
        }
        teacher_classes = taught | assigned
        classes = teacher_classes if class_id is None else classes & teacher_classes
    return classes


def partition(
    classes: Iterable[str],
    weight: Mapping[str, int],
    *,
    max_classes: int,
    max_weight: int,
) -> list[tuple[str, ...]]:
    """Sorted classes cut into consecutive batches of at most `max_classes` classes and,
    unless a single class weighs more, at most `max_weight` (expected scores)."""
    batches: list[tuple[str, ...]] = []
    current: list[str] = []
    load = 0
    for class_id in sorted(classes):
        w = weight.get(class_id, 0)
        if current and (len(current) >= max_classes or load + w > max_weight):
            batches.append(tuple(current))
            current, load = [], 0
        current.append(class_id)
        load += w
    if current:
        batches.append(tuple(current))
    return batches


def expected_scores(index: ClassIndex, ctx: SisContext, classes: Iterable[str]) -> dict[str, int]:
    """Roughly how many scores each class will bring: assessments × enrolled users."""
    return {
        c: max(1, len(index.assessments.get(c, ()))) * max(1, len(ctx.enrollments.get(c, ())))
        for c in classes
    }


@dataclass
class BatchInputs:
    """The platform's data and the ledger for one batch of classes."""

    classes: tuple[str, ...]
    assessments: dict[str, Assessment]
    scores: list[Score]
    ledger: list[LedgerEntry]

    def touched(self, line_items: Mapping[tuple[str, str], Any]) -> set[str]:
        """Classes of the batch whose gradebook the plan needs: something to send, something
        in the ledger, or an assessment deleted in the platform."""
        touched = {c for (_, c), d in line_items.items() if d.send}
        touched |= {e.class_id for e in self.ledger}
        touched |= {c for a in self.assessments.values() if a.deleted for c in a.classes}
        return touched & set(self.classes)


def load_batch(
    session: Session, district_id: str, index: ClassIndex, classes: Sequence[str]
) -> BatchInputs:
    ids = sorted({a for c in classes for a in index.assessments.get(c, ())})
    assessments = source_store.load_assessments_by_id(session, district_id, ids)
    live = [a.id for a in assessments if not a.deleted]
    scores = source_store.load_scores(session, district_id, live)
    ledger = ledger_store.load_ledger(session, district_id, class_ids=classes)
    return BatchInputs(tuple(classes), {a.id: a for a in assessments}, scores, ledger)


@dataclass
class BatchDecisions:
    line_items: dict[tuple[str, Any], Any]
    results: list[Any]


def decide(inputs: BatchInputs, district: District, ctx: SisContext, as_of: date) -> BatchDecisions:
    """The rules for the batch's classes (pure)."""
    classes = frozenset(inputs.classes)
    # the lineItems passback has created: the time window no longer applies to them
    sent = {(e.assessment, e.class_id) for e in inputs.ledger if e.kind is ObjectKind.LINE_ITEM}
    line_items = evaluate_assessments(
        inputs.assessments.values(), district, ctx, as_of, classes=classes, sent=sent
    )
    results = evaluate_scores(
        inputs.scores, inputs.assessments, line_items, district, ctx, as_of, classes=classes
    )
    return BatchDecisions(line_items, results)


def plan_batch(
    inputs: BatchInputs,
    decisions: BatchDecisions,
    district: District,
    sis: Mapping[str, Mapping[str, Any]],
    now: datetime,
    scope: Collection[str] | None = None,
    category_names: Mapping[str, str] | None = None,
) -> Plan:
    """The plan for the batch's classes (pure), limited to `scope` when given;
    `category_names` names a teacher's category in the report."""
    classes = frozenset(inputs.classes)
    if scope is not None:
        classes &= frozenset(scope)
    return make_plan(
        district=district,
        assessments=inputs.assessments,
        line_items=decisions.line_items,
        results=decisions.results,
        ledger=inputs.ledger,
        sis=sis,
        now=now,
        classes=classes,
        category_names=category_names,
    )
