"""Domain records for store tests."""

from __future__ import annotations

from datetime import date, time

from passback.core.domain import District, DistrictOptions, ExcludedAs, SisConnection, SisEdits


def make_district(district_id: str = "unified-1", **changes: object) -> District:
    values: dict[str, object] = {
        "id": district_id,
        "name": "Unified School District",
        "timezone": "America/Chicago",
        "sis": SisConnection(
            base_url="https://sis.example.org/ims/oneroster/v1p1",
            token_url="https://sis.example.org/oauth/access_token",
            client_id="client-1",
        ),
        "effective_date": date(2026, 8, 20),
        "category_map": {"Test": "Tests", "Quiz": "Quizzes"},
        "passback_group": frozenset({"T-1", "T-2"}),
        "closed_grading_periods": frozenset({"GP-Q1"}),
        "contacts": ("it@district.example.org",),
        "options": DistrictOptions(
            excluded_as=ExcludedAs.EXEMPT,
            sis_edits=SisEdits.OVERWRITE,
            nightly_at=time(3, 30),
            on_change=True,
        ),
    }
    values.update(changes)
    return District(**values)  # type: ignore[arg-type]
