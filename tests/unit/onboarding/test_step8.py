"""Onboarding step 8, "passback activated and first sync run" (docs/console.md#onboarding-steps),
follows from the recorded steps, the district's activation and its first real sync. Pure table
tests."""

from __future__ import annotations

from datetime import date

import pytest

from passback.onboarding import STEPS, Kind, Status, compute
from passback.onboarding.activation import warnings_for
from passback.store.onboarding import StepRecord

TODAY = date(2026, 11, 20)
DONE_ON = date(2026, 11, 1)


def _records(*, open_steps: tuple[str, ...] = ()) -> dict[str, StepRecord]:
    """Every manual or checked step done, except `open_steps` (and step 9)."""
    return {
        s.key: StepRecord(s.key, status="done", done_on=DONE_ON)
        for s in STEPS
        if s.kind is not Kind.DERIVED and s.key not in open_steps and s.key != "district_notified"
    }


@pytest.mark.parametrize(
    ("activated", "first_sync", "status", "done_on"),
    [
        (None, None, Status.TODO, None),  # set up, not activated yet
        (None, date(2026, 11, 5), Status.TODO, None),  # a run before activation does not count
        (date(2026, 11, 10), None, Status.IN_PROGRESS, None),  # active, no real run yet
        (date(2026, 11, 10), date(2026, 11, 11), Status.DONE, date(2026, 11, 11)),
        # an upgraded district: activated as of its first run
        (date(2026, 11, 11), date(2026, 11, 11), Status.DONE, date(2026, 11, 11)),
        # ran (before activation existed), activated later: done the day it was activated
        (date(2026, 11, 15), date(2026, 11, 11), Status.DONE, date(2026, 11, 15)),
    ],
)
def test_step_8_follows_activation_and_the_first_run(
    activated: date | None, first_sync: date | None, status: Status, done_on: date | None
) -> None:
    step = compute(_records(), first_sync=first_sync, activated=activated, today=TODAY).step(
        "first_sync"
    )
    assert (step.status, step.done_on) == (status, done_on)
    assert step.definition.title == "passback activated and first sync run"


def test_step_8_waits_for_steps_6_and_7_whatever_the_activation() -> None:
    progress = compute(
        _records(open_steps=("write_access",)),
        first_sync=date(2026, 11, 11),
        activated=date(2026, 11, 10),
        today=TODAY,
    )
    step = progress.step("first_sync")
    assert step.status is Status.TODO and step.blocked_by == ("write_access",)


def test_activation_warns_about_each_open_step_among_6_and_7() -> None:
    assert warnings_for(compute(_records(), first_sync=None, today=TODAY)) == ()
    only_6 = warnings_for(
        compute(_records(open_steps=("write_access",)), first_sync=None, today=TODAY)
    )
    assert len(only_6) == 1 and only_6[0].startswith("Step 6 (SIS write access enabled)")
    both = warnings_for(
        compute(
            _records(open_steps=("write_access", "effective_date")), first_sync=None, today=TODAY
        )
    )
    assert len(both) == 2
    assert both[1].startswith("Step 7 (Integration configured) is not done: waiting for step 5d")
