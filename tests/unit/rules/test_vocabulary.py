"""One action vocabulary: every list of actions and counts derives from `core.plan.Action`
and `COUNT_OF_ACTION`, and every table of words covers all of them."""

from __future__ import annotations

from passback.core import report
from passback.core.plan import (
    ACTIONS,
    COUNT_NAMES,
    COUNT_OF_ACTION,
    WRITE_ACTIONS,
    WRITES,
    Action,
    count_actions,
)
from passback.notify.messages import COUNT_WORDS


def test_the_lists_follow_the_enum_in_the_report_order() -> None:
    assert tuple(a.value for a in Action) == ACTIONS
    assert tuple(COUNT_OF_ACTION[a] for a in ACTIONS) == COUNT_NAMES
    assert tuple(count_actions([])) == COUNT_NAMES
    assert {a.value for a in WRITES} == WRITE_ACTIONS
    assert report.COUNT_ORDER == COUNT_NAMES


def test_every_table_of_words_covers_the_vocabulary() -> None:
    assert set(report.ACTION_WORDS) == set(ACTIONS)
    assert tuple(name for name, _ in COUNT_WORDS) == COUNT_NAMES
    assert set(report.ACTION_DONE) == set(ACTIONS)  # the console's run summaries
    assert set(report.COUNT_HEADINGS) == set(COUNT_NAMES)  # the console's count columns
