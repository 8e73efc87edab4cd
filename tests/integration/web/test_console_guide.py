"""The teacher guide is generated from the district's configuration: it changes when the
category map or the effective date does, and teachers can read it."""

from __future__ import annotations

import re
from collections.abc import Callable

from passback.operations import districts as district_service

from .harness import World


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_teacher_guide_follows_the_category_map_and_effective_date(
    fresh_world: Callable[..., World],
) -> None:
    world = fresh_world()
    teacher = world.client("teacher")
    path = f"/districts/{world.district}/guide"
    before = teacher.get(path)
    assert before.status_code == 200
    text = _text(before.text)
    config = district_service.config_of(world.engine, world.district)
    assert config is not None
    for kind, category in config["category_map"].items():
        assert f"{kind} {category}" in text  # one row per mapped type
    assert f"Scores pass back from {config['effective_date']}" in text
    assert "Titles under 50 characters" in text and "Automatic zeros" in text
    assert "Category and weight" in text
    assert "Miguel Zhang" in text  # the passback group by name (T-1)

    mapping = {**config["category_map"], "Lab Report": "Labs and Projects"}
    mapping.pop("Quiz", None)
    district_service.update_config(
        world.engine,
        world.box,
        world.district,
        {"category_map": mapping, "effective_date": "2026-10-05"},
        by="test",
    )
    after = _text(teacher.get(path).text)
    assert "Lab Report Labs and Projects" in after
    assert "Quiz Quizzes" not in after
    assert "Scores pass back from 2026-10-05" in after
    assert f"Scores pass back from {config['effective_date']}" not in after
