"""The teacher guide of a district: what passes back to the gradebook and what a teacher
controls, generated from the district's configuration each time it is shown (so it stays
true when the configuration changes): which assessment types land in which categories, the
effective date and the current grading period, who is in the passback group, the rules
a teacher controls, and what they may change in the SIS afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from passback.core.clock import utc_now
from passback.core.domain import District, ExcludedAs, SisEdits
from passback.operations import checks, sis
from passback.operations.sis import SisUnavailable
from passback.secrets import SecretBox
from passback.store import names as name_store
from passback.store.db import session_scope


@dataclass(frozen=True)
class Period:
    id: str
    title: str
    start: date
    end: date


@dataclass(frozen=True)
class Guide:
    district: District
    on: date
    mapping: list[tuple[str, str]]  # assessment type -> gradebook category
    unmapped_types: list[str]  # types seen in imports that do not pass back
    periods: list[Period]  # the current grading periods (one per calendar the SIS has)
    periods_known: bool
    group: list[tuple[str, str]]  # (SIS id, name)
    closed: list[str]
    excluded_sent_as_exempt: bool
    sis_edits_kept: bool
    notice: str | None = None

    @property
    def starts_later(self) -> bool:
        return self.district.effective_date is not None and self.on < self.district.effective_date


def _periods(engine: Engine, box: SecretBox, district: str) -> list[Period]:
    async def work(client: object) -> list[Period]:
        out = []
        for s in await client.academic_sessions():  # type: ignore[attr-defined]
            if s.type != "gradingPeriod" or not s.startDate or not s.endDate:
                continue
            out.append(Period(s.sourcedId, s.title or s.sourcedId, s.startDate, s.endDate))
        return out

    return sis.run(engine, box, district, work)


def current_periods(periods: list[Period], on: date) -> list[Period]:
    """The grading periods going on at `on` (schools may keep different calendars); during
    a break, the latest that has started (the current grading period of docs/rules.md)."""
    running = sorted({p for p in periods if p.start <= on <= p.end}, key=lambda p: p.title)
    if running:
        return running
    started = [p for p in periods if p.start <= on]
    latest = max(started, key=lambda p: (p.start, p.end), default=None)
    return [latest] if latest else []


def build(engine: Engine, box: SecretBox, district: District, *, on: date | None = None) -> Guide:
    today = on or district.local_date(utc_now())
    notice = None
    try:
        periods = _periods(engine, box, district.id)
    except SisUnavailable as exc:
        periods, notice = [], f"The grading periods could not be read from the SIS: {exc}"
    with session_scope(engine, read_only=True) as session:
        found = name_store.lookup(session, district.id, name_store.TEACHER, district.passback_group)
    group = sorted(
        ((sid, found.get(sid, sid)) for sid in district.passback_group),
        key=lambda pair: pair[1].lower(),
    )
    seen = checks.assessment_types(engine, district.id)
    return Guide(
        district=district,
        on=today,
        mapping=sorted(district.category_map.items(), key=lambda kv: kv[0].lower()),
        unmapped_types=[t for t in seen if t not in district.category_map],
        periods=current_periods(periods, today),
        periods_known=bool(periods),
        group=group,
        closed=sorted(district.closed_grading_periods),
        excluded_sent_as_exempt=district.options.excluded_as is ExcludedAs.EXEMPT,
        sis_edits_kept=district.options.sis_edits is SisEdits.PRESERVE,
        notice=notice,
    )
