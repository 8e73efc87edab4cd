"""`ref_id`: the one way every reader of SIS objects takes an id out of a reference."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pytest

from passback.core.refs import ref_id
from passback.core.writes import category_of


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"sourcedId": "cls-1", "type": "class"}, "cls-1"),
        ({"sourcedId": "  cls-1 "}, "cls-1"),  # padded by the SIS
        (OrderedDict(sourcedId="cls-1"), "cls-1"),  # any mapping
        ({"sourcedId": 42}, "42"),  # a SIS with numeric ids
        ({"sourcedId": None}, None),  # null is no id, not the id "None"
        ({"sourcedId": "  "}, None),
        ({"type": "class"}, None),
        ("cls-1", None),  # a bare string is not a reference
        (None, None),
        ([{"sourcedId": "cls-1"}], None),
    ],
)
def test_ref_id(value: Any, expected: str | None) -> None:
    assert ref_id(value) == expected


def test_written_objects_also_take_a_bare_id() -> None:
    assert category_of({"category": {"sourcedId": " cat-1 "}}) == "cat-1"
    assert category_of({"category": "cat-1"}) == "cat-1"
    assert category_of({"category": {"sourcedId": None}}) == ""
    assert category_of({}) == ""
