"""The planner: desired SIS state against the ledger and the SIS's current state, pure.

In: the rules' decisions, the assessments (tombstones included), the ledger of what
passback last wrote, the SIS objects of the classes in scope, and "now". Out: one `PlanItem`
per lineItem and per result, each create / update / delete / unchanged / skip / conflict.

How each object is judged (D = desired, L = ledger, S = SIS):
- D equals S (a lineItem's category aside: the teacher's once sent): unchanged (and the
  ledger is brought up to date if it lags, e.g. after a crash or a lost response, without a
  write).
- D and no L: create (or update when S holds a half-finished earlier write of ours).
- D, L and S: S differing from L in a result's score or status is a teacher edit: conflict,
  unless the district says overwrite. Otherwise D differing from L is an update, which
  starts from S and replaces only passback's fields (the category, a weight and vendor
  fields stay).
- no D because the platform withdrew it (deleted, class removed, not in the final grade,
  standards-based; a score excluded, no longer graded or gone) but L or S ours: delete,
  results before their lineItem, unless a teacher edited any of them (conflict, all kept).
- no D for any other reason (configuration, or a change the SIS cannot take): skip, and what
  is in the SIS is left there as it is; its title stays taken in its class.
  Nothing is deleted or written in a closed grading period.
Backfill needs nothing special: D is computed from all source data every run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from passback.core.domain import Assessment, District, LedgerEntry, ObjectKind, SisEdits
from passback.core.eligibility import LineItemDecision, ResultDecision, title_key
from passback.core.plan import LI, RES, Action, Plan, PlanItem
from passback.core.reasons import Reason
from passback.core.refs import ref_id
from passback.core.writes import (
    RESULT_PREFIX,
    ResultPayload,
    category_of,
    content_hash,
    fingerprint,
    line_item_id,
    line_item_payload,
    merge_line_item,
    merge_result,
    result_fingerprint,
    result_hash,
    result_id,
    result_id_prefix,
    same_result,
    score_of,
    steady_result,
    student_part,
)


@dataclass(slots=True)
class _Group:
    """Everything known about one lineItem: its decision and its results' candidates."""

    assessment: str
    class_id: str
    lid: str
    decision: LineItemDecision | None = None
    results: dict[str, ResultDecision] = field(default_factory=dict)
    students: dict[str, str] = field(default_factory=dict)  # result id -> student
    written: dict[str, str] = field(default_factory=dict)  # student -> result id (ledger)


def make_plan(
    *,
    district: District,
    assessments: Mapping[str, Assessment],
    line_items: Mapping[tuple[str, str], LineItemDecision],
    results: Iterable[ResultDecision],
    ledger: Iterable[LedgerEntry],
    sis: Mapping[str, Mapping[str, Any]],
    now: datetime,
    classes: Collection[str] | None = None,
    category_names: Mapping[str, str] | None = None,
) -> Plan:
    """Compute the plan. `sis` holds the current SIS lineItems and results (by sourcedId) of
    every class in scope; `classes` limits the plan to those classes (None: all);
    `category_names` (category sourcedId -> title) names a teacher's category in messages."""
    planner = _Planner(district, assessments, sis, now)
    planner.category_names = category_names or {}
    did = district.id

    def in_scope(class_id: str) -> bool:
        return classes is None or class_id in classes

    # by (assessment, class): the lineItem id is derived from them (and the district)
    groups: dict[tuple[str, str], _Group] = {}

    def group(assessment: str, class_id: str) -> _Group:
        key = (assessment, class_id)
        found = groups.get(key)
        if found is None:
            lid = line_item_id(did, assessment, class_id)
            found = groups[key] = _Group(assessment, class_id, lid)
        return found

    for (assessment_id, class_id), decision in line_items.items():
        if in_scope(class_id):
            group(assessment_id, class_id).decision = decision
    entries: dict[str, LedgerEntry] = {}
    for entry in ledger:
        if classes is not None and entry.class_id not in classes:
            continue
        entries[entry.sourced_id] = entry
        g = groups.get((entry.assessment, entry.class_id)) or group(
            entry.assessment, entry.class_id
        )
        if entry.kind is RES and entry.student is not None:
            # a decision for the same result below names the student too (and wins)
            g.students.setdefault(entry.sourced_id, entry.student)
            # the ledger holds only ids passback derived from exactly these (assessment,
            # class, student): they need not be hashed again below
            g.written[entry.student] = entry.sourced_id
    planner.ledger = entries
    found: _Group | None = None
    results_of = students_of = written = {}
    prefix = ""
    for rd in results:
        if found is None or rd.assessment != found.assessment or rd.class_id != found.class_id:
            if not in_scope(rd.class_id):
                found = None
                continue
            # the rules give one pair's results in a row: look the group up once for them
            found = group(rd.assessment, rd.class_id)
            results_of, students_of, written = found.results, found.students, found.written
            prefix = result_id_prefix(did, rd.assessment, rd.class_id)
        student = rd.student
        # `result_id(...)`, its lineItem's half worked out once above
        rid = written.get(student) or prefix + student_part(student)
        results_of[rid] = rd
        students_of[rid] = student
    # tombstones: what passback may have written for an assessment deleted in the platform
    for a in assessments.values():
        if a.deleted:
            for class_id in a.classes:
                if in_scope(class_id):
                    group(a.id, class_id)

    # SIS results of ours under a lineItem we know, that neither a decision nor the ledger
    # names: half-finished writes of a crashed run (the id is ours by construction)
    sis_results: dict[str, list[str]] = defaultdict(list)
    for sid, obj in sis.items():
        if sid.startswith(RESULT_PREFIX) or "lineItem" in obj:
            parent = ref_id(obj.get("lineItem"))
            if parent:
                sis_results[parent].append(sid)
    planner.sis_results = sis_results
    planner.hold_titles(groups)

    for key in sorted(groups, key=lambda k: (k[1], k[0])):
        planned = groups[key]
        planner.plan_group(planned.lid, planned)
    return Plan(district=did, items=planner.items)


LEFT = "Left in the SIS as it is: passback no longer updates it."

# a lineItem is withdrawn by the platform (and so retracted) only for these reasons (docs/sync.md,
# besides the assessment deleted or the class removed from it: no decision at all); a result
# for these (besides its score record gone: no decision). Every other reason leaves what is
# in the SIS as it is.
WITHDRAWN = frozenset(
    {
        Reason.STANDARDS_BASED,
        Reason.NOT_IN_FINAL_GRADE,
        Reason.EXCLUDED,
        Reason.NOT_GRADED,
    }
)


def withdrawn(reasons: Iterable[Reason]) -> bool:
    return any(r in WITHDRAWN for r in reasons)


class _Planner:
    def __init__(
        self,
        district: District,
        assessments: Mapping[str, Assessment],
        sis: Mapping[str, Mapping[str, Any]],
        now: datetime,
    ) -> None:
        self.district = district
        self.assessments = assessments
        self.sis = sis
        self.now = now
        self.overwrite = district.options.sis_edits is SisEdits.OVERWRITE
        self.ledger: dict[str, LedgerEntry] = {}
        self.sis_results: dict[str, list[str]] = {}
        self.items: list[PlanItem] = []
        self.category_names: Mapping[str, str] = {}

    # --- titles held in the SIS ---------------------------------------------------------------

    def hold_titles(self, groups: Mapping[tuple[str, str], _Group]) -> None:
        """A lineItem that stays in the SIS as it is (left there, or in a closed period)
        keeps its title there: no other lineItem of ours in its class may take that title
        (PowerSchool requires names unique in a section). Such a contender skips with
        DUPLICATE_TITLE; it may in turn stay as it is, so this repeats until nothing moves."""
        by_class: dict[str, list[_Group]] = defaultdict(list)
        for g in groups.values():
            by_class[g.class_id].append(g)
        for members in by_class.values():
            if len(members) < 2:
                continue
            changed = True
            while changed:
                changed = False
                held: dict[str, str] = {}  # title key -> lineItem holding it
                for g in members:
                    current = self.sis.get(g.lid)
                    if current is not None and self._stays_as_is(g):
                        held.setdefault(title_key(str(current.get("title") or "")), g.lid)
                for g in members:
                    d = g.decision
                    if d is None or not d.send:
                        continue
                    assessment = self.assessments.get(g.assessment)
                    if assessment is None:
                        continue
                    holder = held.get(title_key(assessment.title))
                    if holder is not None and holder != g.lid:
                        g.decision = LineItemDecision(
                            g.assessment, g.class_id, (Reason.DUPLICATE_TITLE,)
                        )
                        changed = True

    def _stays_as_is(self, g: _Group) -> bool:
        if self._closed_period_of(g.lid) is not None:
            return True
        d = g.decision
        return d is not None and not d.send and not withdrawn(d.reasons)

    # --- groups ----------------------------------------------------------------------------

    def plan_group(self, lid: str, g: _Group) -> None:
        decision = g.decision
        placed_in = self._closed_period_of(lid)
        if placed_in is not None:
            # what passback wrote sits in a period that has closed since: nothing there may
            # change, whatever the platform says now
            reasons = decision.reasons if decision is not None else ()
            if Reason.GRADING_PERIOD_CLOSED not in reasons:
                reasons = (*reasons, Reason.GRADING_PERIOD_CLOSED)
            self._frozen(lid, g, reasons, f"It is in grading period {placed_in}, now closed.")
            return
        if decision is not None and decision.send:
            li_item = self._write_line_item(lid, g, decision)
            self.items.append(li_item)
            details = li_item.details or {}
            gone_in_sis = li_item.action is Action.CONFLICT and details.get("sis", 0) is None
            self._results_of_sent(lid, g, li_item if gone_in_sis else None)
            return
        reasons = decision.reasons if decision is not None else ()
        if Reason.GRADING_PERIOD_CLOSED in reasons:
            self._frozen(lid, g, reasons)
            return
        if decision is not None and not withdrawn(reasons):
            # district configuration or a change the SIS cannot take: what is in the SIS
            # stays there as it is
            self._leave(lid, g, reasons)
            return
        self._retract(lid, g, reasons)

    def _results_of_sent(self, lid: str, g: _Group, li_conflict: PlanItem | None) -> None:
        results, items = g.results, self.items
        for student_key, rid in self._keyed_result_ids(lid, g):
            rd = results.get(rid)
            if li_conflict is None and rd is not None and not rd.reasons:
                items.append(self._write_result(rid, lid, g, rd))
                continue
            student = student_key or None
            if li_conflict is not None:
                if rd is None or not rd.send:
                    self.items.append(self._skip_result(rid, g, student, rd))
                    continue
                self.items.append(
                    self._item(
                        RES,
                        Action.CONFLICT,
                        g,
                        student,
                        rid,
                        reasons=(Reason.SIS_EDITED,),
                        message="The lineItem was deleted in the SIS; its scores are not sent.",
                        line_item=lid,
                    )
                )
            elif rd is not None and rd.send:
                self.items.append(self._write_result(rid, lid, g, rd))
            elif rd is not None and not withdrawn(rd.reasons):
                there = rid in self.sis or rid in self.ledger
                self.items.append(
                    PlanItem(
                        RES, Action.SKIP, g.assessment, g.class_id, student, rid, rd.reasons,
                        LEFT if there else "", None, None, lid,
                    )
                )  # fmt: skip
            else:
                self.items.append(self._retract_result(rid, lid, g, student, rd))

    def _leave(self, lid: str, g: _Group, reasons: tuple[Reason, ...]) -> None:
        """Stops qualifying for a reason other than the platform withdrawing it: report a
        skip, touch nothing; what passback wrote stays in the SIS as it is."""
        in_sis = lid in self.sis or lid in self.ledger
        # the rules' note says which case of a reason it is (e.g. which category problem)
        note = g.decision.note if g.decision is not None else ""
        message = " ".join(m for m in (note, LEFT if in_sis else "") if m)
        self.items.append(
            self._item(LI, Action.SKIP, g, None, lid, reasons=reasons, message=message)
        )
        for student_key, rid in self._keyed_result_ids(lid, g):
            rd = g.results.get(rid)
            student = student_key or None
            there = rid in self.sis or rid in self.ledger
            if rd is None and not there:
                continue
            self.items.append(
                PlanItem(
                    RES, Action.SKIP, g.assessment, g.class_id, student, rid,
                    rd.reasons if rd is not None and rd.reasons else reasons,
                    LEFT if there else "", None, None, lid,
                )
            )  # fmt: skip

    def _frozen(self, lid: str, g: _Group, reasons: tuple[Reason, ...], message: str = "") -> None:
        """A closed grading period: report, touch nothing."""
        self.items.append(
            self._item(LI, Action.SKIP, g, None, lid, reasons=reasons, message=message)
        )
        for rid, rd in sorted(g.results.items()):
            self.items.append(self._skip_result(rid, g, rd.student, rd))

    def _retract(self, lid: str, g: _Group, reasons: tuple[Reason, ...]) -> None:
        live = g.decision is not None
        message = g.decision.note if g.decision is not None else self._gone_message(g)
        ours_exists = lid in self.ledger or lid in self.sis
        rids = self._result_ids(lid, g)
        if not ours_exists and not any(r in self.ledger or r in self.sis for r in rids):
            if live:
                self.items.append(
                    self._item(LI, Action.SKIP, g, None, lid, reasons=reasons, message=message)
                )
                for rid in rids:
                    rd = g.results.get(rid)
                    self.items.append(self._skip_result(rid, g, g.students.get(rid), rd))
            return

        edited = [] if self.overwrite else [rid for rid in rids if self._result_edited(rid)]
        category_edited = not self.overwrite and self._category_edited(lid)
        foreign = [
            rid
            for rid in self.sis_results.get(lid, ())
            if rid not in self.ledger and rid not in g.students and not self._ours(rid, g)
        ]
        if edited or foreign or category_edited:
            # a teacher has put their own work into this lineItem: keep all of it
            details = {
                "edited_results": len(edited),
                "teacher_entered_results": len(foreign),
                "category_edited": category_edited,
            }
            self.items.append(
                self._item(
                    LI,
                    Action.CONFLICT,
                    g,
                    None,
                    lid,
                    reasons=(*reasons, Reason.SIS_EDITED),
                    message=(
                        (message + " " if message else "")
                        + "Not removed from the SIS: a teacher edited or entered scores under it."
                    ),
                    details=details,
                )
            )
            for rid in rids:
                rd = g.results.get(rid)
                student = g.students.get(rid) or self._sis_student(rid)
                if rid in edited:
                    rd_reasons = rd.reasons if rd is not None else reasons
                    self.items.append(self._conflict_result(rid, lid, g, student, rd_reasons))
                elif rd is not None or rid in self.ledger or rid in self.sis:
                    self.items.append(
                        self._item(
                            RES,
                            Action.SKIP,
                            g,
                            student,
                            rid,
                            reasons=rd.reasons if rd is not None else reasons,
                            message="Kept in the SIS with its lineItem.",
                            line_item=lid,
                        )
                    )
            return

        for rid in rids:
            rd = g.results.get(rid)
            student = g.students.get(rid) or self._sis_student(rid)
            if rid in self.ledger or rid in self.sis:
                self.items.append(
                    self._item(
                        RES,
                        Action.DELETE,
                        g,
                        student,
                        rid,
                        reasons=rd.reasons if rd is not None else reasons,
                        message=message,
                        line_item=lid,
                    )
                )
            elif rd is not None:
                self.items.append(self._skip_result(rid, g, student, rd))
        self.items.append(
            self._item(LI, Action.DELETE, g, None, lid, reasons=reasons, message=message)
        )

    # --- lineItems -------------------------------------------------------------------------

    def _write_line_item(self, lid: str, g: _Group, decision: LineItemDecision) -> PlanItem:
        assessment = self.assessments[g.assessment]
        payload = line_item_payload(
            lid, assessment, decision, profile=self.district.sis.profile.lower()
        )
        # the ledger's hash is of passback's own payload (its category included), whatever
        # category the teacher has moved the lineItem to since
        digest = content_hash(LI, payload)
        record = LedgerEntry(
            district=self.district.id,
            sourced_id=lid,
            kind=LI,
            assessment=g.assessment,
            class_id=g.class_id,
            student=None,
            line_item=None,
            content_hash=digest,
            written_at=self.now,
            category=decision.category,
            grading_period=decision.grading_period,
        )
        entry = self.ledger.get(lid)
        current = self.sis.get(lid)
        message = ""
        if current is not None:
            # an update starts from the SIS's object: the category (the teacher's once
            # sent), a weight and whatever else passback does not own stay as they are
            sis_category = category_of(current)
            if sis_category and sis_category != decision.category:
                name = self.category_names.get(sis_category, sis_category)
                message = f"Category kept as the teacher set it in the SIS: {name}."
            payload = merge_line_item(current, payload)

        def item(action: Action, **kw: Any) -> PlanItem:
            kw.setdefault("message", message)
            return self._item(LI, action, g, None, lid, payload=payload, record=record, **kw)

        if current is not None and fingerprint(LI, current) == fingerprint(LI, payload):
            return self._unchanged(item(Action.UNCHANGED), entry, digest)
        if entry is None:
            return item(Action.CREATE if current is None else Action.UPDATE)
        if current is None:
            if self.overwrite:
                return item(Action.CREATE, message="Re-created: it was deleted in the SIS.")
            return self._item(
                LI,
                Action.CONFLICT,
                g,
                None,
                lid,
                reasons=(Reason.SIS_EDITED,),
                message="Deleted in the SIS after passback wrote it; not re-created.",
                details={"sis": None, "passback": {"category": entry.category}},
            )
        if entry.content_hash == digest:
            # nothing changed on passback's side since it last wrote it
            return item(Action.UNCHANGED)
        return item(Action.UPDATE)

    # --- results ---------------------------------------------------------------------------

    def _write_result(self, rid: str, lid: str, g: _Group, rd: ResultDecision) -> PlanItem:
        entry = self.ledger.get(rid)
        current = self.sis.get(rid)
        if (
            entry is not None
            and current is not None
            and steady_result(current, entry.content_hash, lid, rd)
        ):
            return self._steady(rid, lid, g, rd)
        desired = result_fingerprint(lid, rd)
        digest = result_hash(desired)
        if current is None:
            if entry is None or self.overwrite or lid not in self.sis:
                # new, or its lineItem is (re)created in this run, so its results are too
                return self._sent(Action.CREATE, rid, lid, g, rd, digest)
            return self._conflict_result(rid, lid, g, rd.student)
        if same_result(current, desired) or fingerprint(RES, current) == desired:
            if entry is not None and entry.content_hash == digest:
                # the steady state, in a shape `steady_result` does not take
                return self._steady(rid, lid, g, rd)
            # the ledger lags the SIS (a write whose response was lost, or a crash between
            # the write and the ledger): record it, without a write
            return self._sent(Action.UNCHANGED, rid, lid, g, rd, digest)
        if entry is None:
            return self._sent(Action.UPDATE, rid, lid, g, rd, digest)
        if self._result_edited(rid):
            if not self.overwrite:
                return self._conflict_result(rid, lid, g, rd.student)
            message = "Restored: a teacher had changed it in the SIS."
            return self._sent(Action.UPDATE, rid, lid, g, rd, digest, message)
        if entry.content_hash == digest:
            return self._sent(Action.UNCHANGED, rid, lid, g, rd, digest)
        return self._sent(Action.UPDATE, rid, lid, g, rd, digest)

    def _steady(self, rid: str, lid: str, g: _Group, rd: ResultDecision) -> PlanItem:
        """The steady state of most results: unchanged, nothing to write or record."""
        return PlanItem(
            RES, Action.UNCHANGED, g.assessment, g.class_id, rd.student, rid, (), "",
            ResultPayload(rid, lid, rd), None, lid,
        )  # fmt: skip

    def _sent(
        self,
        action: Action,
        rid: str,
        lid: str,
        g: _Group,
        rd: ResultDecision,
        digest: str,
        message: str = "",
    ) -> PlanItem:
        """A result item carrying what to write and the ledger record of it."""
        record = self._result_record(rid, lid, g, rd, digest)
        payload: Mapping[str, Any] = ResultPayload(rid, lid, rd)
        current = self.sis.get(rid) if action is Action.UPDATE else None
        if current is not None:
            # an update starts from the SIS's object (fields passback does not own stay)
            payload = merge_result(current, payload)
        return PlanItem(
            RES,
            action,
            g.assessment,
            g.class_id,
            rd.student,
            rid,
            (),
            message,
            payload,
            record,
            lid,
        )

    def _result_record(
        self, rid: str, lid: str, g: _Group, rd: ResultDecision, digest: str
    ) -> LedgerEntry:
        return LedgerEntry(
            self.district.id, rid, RES, g.assessment, g.class_id, rd.student, lid, digest,
            self.now, rd.score, rd.status, None, None,
        )  # fmt: skip

    def _retract_result(
        self, rid: str, lid: str, g: _Group, student: str | None, rd: ResultDecision | None
    ) -> PlanItem:
        reasons = rd.reasons if rd is not None else ()
        if rid not in self.ledger and rid not in self.sis:
            return self._skip_result(rid, g, student, rd)
        if self._result_edited(rid) and not self.overwrite:
            return self._conflict_result(rid, lid, g, student, reasons)
        message = "" if rd is not None else "No longer in the platform's data for this class."
        return self._item(
            RES,
            Action.DELETE,
            g,
            student,
            rid,
            reasons=reasons,
            message=message,
            line_item=lid,
        )

    def _category_edited(self, lid: str) -> bool:
        entry, current = self.ledger.get(lid), self.sis.get(lid)
        if entry is None or current is None:
            return False
        return category_of(current) != (entry.category or "")

    def _result_edited(self, rid: str) -> bool:
        entry, current = self.ledger.get(rid), self.sis.get(rid)
        if entry is None or current is None:
            return False
        score, status = score_of(current)
        if status != (entry.score_status or ""):
            return True
        if score is None or entry.score is None:
            return score is not entry.score
        return abs(score - entry.score) > 1e-9

    def _conflict_result(
        self,
        rid: str,
        lid: str,
        g: _Group,
        student: str | None,
        reasons: tuple[Reason, ...] = (),
    ) -> PlanItem:
        entry, current = self.ledger.get(rid), self.sis.get(rid)
        sis_value = None
        if current is not None:
            score, status = score_of(current)
            sis_value = {"score": score, "scoreStatus": status}
        passback_value = (
            {"score": entry.score, "scoreStatus": entry.score_status} if entry else None
        )
        message = "" if current is not None else "Deleted in the SIS after passback wrote it."
        return self._item(
            RES,
            Action.CONFLICT,
            g,
            student,
            rid,
            reasons=(*reasons, Reason.SIS_EDITED),
            message=message,
            line_item=lid,
            details={"sis": sis_value, "passback": passback_value},
        )

    def _skip_result(
        self, rid: str, g: _Group, student: str | None, rd: ResultDecision | None
    ) -> PlanItem:
        reasons = rd.reasons if rd is not None else ()
        return PlanItem(RES, Action.SKIP, g.assessment, g.class_id, student, rid, reasons)

    # --- helpers ---------------------------------------------------------------------------

    def _result_ids(self, lid: str, g: _Group) -> list[str]:
        """The group's result ids, ordered by student (then id)."""
        return [rid for _, rid in self._keyed_result_ids(lid, g)]

    def _keyed_result_ids(self, lid: str, g: _Group) -> list[tuple[str, str]]:
        """(student, result id) of the group's results, in order (no student known: "")."""
        students = g.students
        keyed = list(zip(students.values(), students, strict=True))
        if not all(students.values()):  # a ledger entry without its student: ask the SIS
            keyed = [(student or self._sis_student(rid) or "", rid) for student, rid in keyed]
        # every decided result has its student in `students` (see make_plan): only SIS
        # objects can add ids
        extra = [
            r
            for r in self.sis_results.get(lid, ())
            if r not in students and r.startswith(RESULT_PREFIX)
        ]
        if extra:
            keyed += [(self._sis_student(r) or "", r) for r in set(extra)]
        keyed.sort()
        return keyed

    def _ours(self, rid: str, g: _Group) -> bool:
        """A result in the SIS is passback's when its id is the one passback derives for its
        student under this lineItem (e.g. written by a run that crashed before the ledger)."""
        student = self._sis_student(rid)
        return student is not None and rid == result_id(
            self.district.id, g.assessment, g.class_id, student
        )

    def _closed_period_of(self, lid: str) -> str | None:
        """The closed grading period holding what passback wrote for this lineItem, if any."""
        closed = self.district.closed_grading_periods
        if not closed:
            return None
        entry, current = self.ledger.get(lid), self.sis.get(lid)
        for period in (
            entry.grading_period if entry is not None else None,
            ref_id(current.get("gradingPeriod")) if current is not None else None,
        ):
            if period and period in closed:
                return period
        return None

    def _sis_student(self, rid: str) -> str | None:
        obj = self.sis.get(rid)
        return ref_id(obj.get("student")) if obj is not None else None

    def _gone_message(self, g: _Group) -> str:
        assessment = self.assessments.get(g.assessment)
        if assessment is None or assessment.deleted:
            return "Deleted in the assessment platform."
        return "No longer assigned to this class in the assessment platform."

    def _unchanged(self, item: PlanItem, entry: LedgerEntry | None, digest: str) -> PlanItem:
        # keep the ledger's record only when it lags the SIS (a write whose response was
        # lost, or a crash between the write and the ledger)
        if entry is not None and entry.content_hash == digest:
            return replace(item, record=None)
        return item

    def _item(
        self,
        kind: ObjectKind,
        action: Action,
        g: _Group,
        student: str | None,
        sourced_id: str,
        **kw: Any,
    ) -> PlanItem:
        return PlanItem(
            kind=kind,
            action=action,
            assessment=g.assessment,
            class_id=g.class_id,
            student=student,
            sourced_id=sourced_id,
            **kw,
        )
