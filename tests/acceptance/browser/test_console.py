"""Each role does its real tasks in a real browser: the operator completes onboarding
steps and maps categories; the district admin runs a dry run and a sync, opens the report
and filters it to one reason; a teacher finds why a score did not pass back."""

from __future__ import annotations

from typing import Any

from integration.web.harness import OTHER, World
from passback.store.db import session_scope
from passback.store.districts import get_district

from .console import shot, sign_in


def teachers_fix_their_categories(world: World) -> None:
    """What teachers do in PowerTeacher Pro when the category check lists them: reactivate
    or add their copy of each mapped district category."""
    with session_scope(world.engine, read_only=True) as session:
        district = get_district(session, world.district)
    assert district is not None
    state = world.sandbox.state
    categories = state.values("categories")
    for member in district.passback_group:
        user = state.get("users", member) or {}
        dcid = next(
            (str(i["identifier"]) for i in user.get("userIds") or [] if i.get("type") == "dcid"),
            member,
        )
        for title in set(district.category_map.values()):
            copies = [
                c
                for c in categories
                if c["title"] == title
                and c["metadata"].get("userDcid") == dcid
                and c["metadata"].get("categoryType") != "user"
            ]
            if copies and copies[0]["metadata"].get("isActive", "true") == "true":
                continue
            fixed = (
                copies[0]
                if copies
                else {
                    "sourcedId": f"CAT-{member}-{title.upper().replace(' ', '-')}",
                    "title": title,
                    "metadata": {"userDcid": dcid},
                }
            )
            fixed = {**fixed, "metadata": {**fixed["metadata"], "isActive": "true"}}
            state.upsert("categories", fixed)


def opened(step: Any) -> Any:
    """The step with its update form unfolded, as a person would click it open."""
    if step.locator("details[open]").count() == 0:
        step.locator("details > summary").first.click()
    return step


def test_operator_completes_onboarding_and_maps_categories(
    console: tuple[World, str], page: Any
) -> None:
    world, base = console
    sign_in(page, base, "op")
    assert page.url.endswith("/districts")
    assert page.get_by_role("link", name="Unified School District (demo)").is_visible()
    assert page.get_by_role("link", name="Other District").is_visible()
    shot(page, "districts")

    page.goto(f"{base}/districts/{world.district}/onboarding")
    # Step 2 cannot start before step 1: the console says so.
    step2 = page.locator("#step-quote_received")
    opened(step2).get_by_label("Status").select_option("in_progress")
    step2.get_by_role("button", name="Save step 2").click()
    assert "can start only after step 1" in page.locator(".flash.error").inner_text()
    for key, number in (
        ("register", "1"),
        ("quote_received", "2"),
        ("quote_signed", "3"),
        ("provisioned", "4"),
    ):
        step = opened(page.locator(f"#step-{key}"))
        step.get_by_label("Status").select_option("done")
        step.get_by_label("Notes").fill(f"Step {number} confirmed by e-mail")
        step.get_by_role("button", name=f"Save step {number}").click()
        assert f"Step {number} saved." in page.locator(".flash.ok").inner_text()
    plugin = opened(page.locator("#step-plugin"))
    plugin.get_by_label("Opportunity ID").fill("0061R00000AbCdE")
    plugin.get_by_label("Status").select_option("done")
    plugin.get_by_role("button", name="Save step 5a").click()
    with page.expect_download() as download:
        page.locator("#step-plugin").get_by_role("link", name="Download plugin zip").click()
    assert download.value.suggested_filename.endswith("0061R00000AbCdE.zip")

    page.locator("#step-credentials").get_by_role("button", name="test connection").click()
    assert "A token was obtained" in page.locator(".flash.ok").inner_text()
    page.locator("#step-category_mapping").get_by_role("button", name="check category").click()
    assert "Project → Projects" in page.locator(".flash.error").inner_text()

    # Map Project to a district category, with the choices the SIS offers.
    page.goto(f"{base}/districts/{world.district}/config")
    mapping = page.locator("#mapping")
    row = mapping.locator("tr", has=page.locator("input[value='Project']"))
    options = row.locator("select option").all_inner_texts()
    assert "Projects" not in options[1:] or "not a district category" in " ".join(options)
    assert {"Homework", "Quizzes", "Tests", "Otus Assessment"} <= set(options)
    row.locator("select").select_option("Homework")
    mapping.get_by_role("button", name="Save mapping").click()
    assert "Saved." in page.locator(".flash.ok").inner_text()
    shot(page, "configuration", full=False)

    page.goto(f"{base}/districts/{world.district}/onboarding")
    check = page.locator("#step-category_mapping").get_by_role("button", name="check category")
    check.click()
    # every group member needs an active copy of each mapped category (step 5 of
    # docs/console.md#onboarding-steps)
    gaps = page.locator(".flash.error").inner_text()
    assert "Yara Ortega (T-3): Otus Assessment" in gaps and "Rosa Tanaka (T-8): Quizzes" in gaps
    teachers_fix_their_categories(world)
    page.locator("#step-category_mapping").get_by_role("button", name="check category").click()
    assert "are district categories" in page.locator(".flash.ok").inner_text()
    page.locator("#step-effective_date").get_by_role("button", name="check effective").click()
    page.locator("#step-teacher_group").get_by_role("button", name="check teacher group").click()
    page.locator("#step-write_access").get_by_role("button", name="probe write access").click()
    assert "write access is on" in page.locator(".flash.ok").inner_text()
    integration = page.locator("#step-integration_configured")
    assert integration.locator(".badge").first.inner_text() == "Done"
    shot(page, "onboarding", full=False)

    page.goto(f"{base}/districts")
    row = page.locator("tr", has=page.get_by_role("link", name="Other District"))
    assert "1. Register the district" in row.inner_text()


def test_admin_runs_a_dry_run_and_a_sync_then_filters_the_report(
    console: tuple[World, str], page: Any
) -> None:
    world, base = console
    sign_in(page, base, "admin")
    assert page.url.endswith(f"/districts/{world.district}")
    assert page.locator("svg.chart").count() == 2
    shot(page, "overview")

    page.goto(f"{base}/districts/{world.district}/runs")
    page.get_by_role("button", name="Dry run").click()
    progress = page.locator("#job")
    progress.locator("[data-finished=true]").or_(
        page.locator("#job[data-finished=true]")
    ).wait_for()
    assert progress.locator("[data-field=status]").inner_text() == "done"
    progress.get_by_role("link", name="Open the report").click()
    assert page.get_by_role("heading", name="Dry run of").is_visible()

    page.get_by_label("Reason").select_option("TITLE_TOO_LONG")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table.items tbody tr")
    assert rows.count() > 0
    for text in rows.all_inner_texts():
        assert "TITLE_TOO_LONG" in text and "Shorten the assessment's title" in text
    assert "match the filters" in page.locator("#matching").inner_text()
    shot(page, "report")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    assert download.value.suggested_filename.endswith(".csv")

    page.goto(f"{base}/districts/{world.district}/runs")
    page.get_by_role("button", name="Sync now").click()
    page.locator("#job[data-finished=true]").wait_for()
    assert page.locator("#job [data-field=status]").inner_text() == "done"
    page.reload()
    shot(page, "runs")
    assert page.locator("tbody tr").count() >= 3

    # The other district is invisible to this admin.
    page.goto(f"{base}/districts/{OTHER}")
    assert page.get_by_role("heading", name="Not found").is_visible()


def test_teacher_finds_why_a_score_did_not_pass_back(console: tuple[World, str], page: Any) -> None:
    world, base = console
    sign_in(page, base, "teacher")
    assert page.url.endswith(f"/districts/{world.district}/teacher")
    assert page.get_by_role("heading", name="My classes").is_visible()
    article = page.locator("article[data-assessment='A-202']")
    assert "Not sent" in article.inner_text()
    assert "Title too long." in article.inner_text()
    assert "Shorten the assessment's title" in article.inner_text()
    unit = page.locator("article[data-assessment='A-100']")
    unit.locator("summary").first.click() if not unit.locator("details[open]").count() else None
    excluded = unit.locator("tr.t-skipped", has_text="Excluded.")
    assert excluded.count() >= 1
    assert "Remove the exclusion" in excluded.first.inner_text()
    assert page.locator("article[data-assessment='A-206']").count() == 0  # not theirs
    page.get_by_role("link", name="Show only what did not pass back").click()
    shot(page, "teacher", full=False)
    page.goto(f"{base}/districts/{world.district}/runs")
    assert page.get_by_role("heading", name="Not allowed").is_visible()


def test_console_works_on_a_tablet(console: tuple[World, str], browser: Any) -> None:
    _, base = console
    context = browser.new_context(viewport={"width": 768, "height": 1024}, has_touch=True)
    page = context.new_page()
    sign_in(page, base, "admin")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 768  # no sideways scrolling of the page itself
    shot(page, "overview-tablet", full=False)
    context.close()
