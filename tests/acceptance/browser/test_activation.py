"""The operator pauses a district and activates it again from its page in a real browser:
the state is shown, "Sync now" disappears while it is paused, and activating shows the
onboarding warnings at the top of the page."""

from __future__ import annotations

from typing import Any

from integration.web.harness import OTHER, World

from .console import shot, sign_in


def test_operator_pauses_and_activates_a_district(console: tuple[World, str], page: Any) -> None:
    _, base = console
    sign_in(page, base, "op")
    page.goto(f"{base}/districts/{OTHER}")
    state = page.locator("#activation")
    assert state.locator("[data-state=active]").is_visible()
    assert page.get_by_role("button", name="Sync now").is_visible()

    state.get_by_role("button", name="Pause").click()
    page.wait_for_load_state()
    assert page.locator(".flash.ok").inner_text().startswith(f"District {OTHER} is paused")
    assert state.locator("[data-state=paused]").is_visible()
    assert "by op" in state.inner_text()
    assert page.get_by_role("button", name="Sync now").count() == 0
    assert page.get_by_role("button", name="Dry run").is_visible()

    state.get_by_role("button", name="Activate").click()
    page.wait_for_load_state()
    warnings = page.locator(".flash.warning")
    assert warnings.count() == 2
    assert warnings.first.inner_text().startswith(
        "Warning: Step 6 (SIS write access enabled) is not done"
    )
    # at the top: the first thing in the page's main area
    first = page.locator("main > *").first
    assert "flash" in (first.get_attribute("class") or "")
    assert state.locator("[data-state=active]").is_visible()
    shot(page, "district-activation", full=False)
    assert page.get_by_role("button", name="Sync now").is_visible()
