"""The three tasks people come to the console for, by name, at laptop (1280 px) and phone
(375 px) width, each page checked for text contrast (axe-core) and sideways scrolling:

- a teacher finds why Brandon Rivera's score did not arrive;
- a district admin finds what failed last night;
- the operator enters a wrong client secret during onboarding and sees the error at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from integration.web.harness import OTHER, World

from .a11y import assert_contrast, assert_in_view, assert_no_sideways_scroll
from .console import shot, sign_in

WIDTHS = {"laptop": (1280, 860), "phone": (375, 740)}


@pytest.fixture(params=sorted(WIDTHS))
def sized(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[Any, str]]:
    width, height = WIDTHS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        bypass_csp=True,  # only so axe-core can be added to the page
        has_touch=request.param == "phone",
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page, request.param
    context.close()


def checked(page: Any) -> None:
    assert_contrast(page)
    assert_no_sideways_scroll(page)


def test_teacher_finds_why_brandon_riveras_score_did_not_arrive(
    console: tuple[World, str], sized: tuple[Any, str]
) -> None:
    _world, base = console
    page, size = sized
    sign_in(page, base, "teacher")
    assert page.get_by_role("heading", name="My classes").is_visible()
    checked(page)
    # The class is named; it says it needs attention.
    block = page.locator("section.class-block", has_text="Algebra I - Sec 1")
    assert "needs attention" in block.locator("h2").inner_text()
    # Find the student by name, not by id.
    row = page.locator("tr", has_text="Brandon Rivera").first
    if not row.is_visible():
        row.locator("xpath=ancestor::details").locator("summary").first.click()
    assert row.is_visible()
    text = row.inner_text()
    assert "Not sent" in text and "Excluded." in text and "Remove the exclusion" in text
    assert "S-85" in row.locator(".id").inner_text()  # the id, in a quieter style
    # An assessment-level reason is one row, not one per student.
    too_long = page.locator("article[data-assessment='A-202']")
    assert too_long.locator("ul.why li").count() == 1
    assert too_long.locator("tr", has_text="Title too long").count() == 0
    assert "not sent for this reason" in too_long.inner_text()
    # Sent values and the SIS's current values side by side.
    sent_row = page.locator("article[data-assessment='A-100'] tr.t-sent").first
    cells = sent_row.locator("td").all_inner_texts()
    assert cells[2] not in ("", "—") and cells[2] == cells[3]
    if size == "phone":
        shot(page, "teacher-phone", full=False)
    # The guide of the district, in the teacher's words.
    page.get_by_role("link", name="Teacher guide: what passes back").click()
    assert page.get_by_role("heading", name="Teacher guide").is_visible()
    assert "Titles under 50 characters" in page.locator("main").inner_text()
    checked(page)
    if size == "laptop":
        shot(page, "guide")


def test_admin_finds_what_failed_last_night(
    console: tuple[World, str], sized: tuple[Any, str]
) -> None:
    _world, base = console
    page, size = sized
    sign_in(page, base, "admin")
    assert page.get_by_role("heading", name="What changed since last night").is_visible()
    if size == "phone":
        # The chart becomes its table: numbers a person can read.
        assert not page.locator("svg.chart").first.is_visible()
        assert page.locator(".narrow-only table.nights").is_visible()
    else:
        assert page.locator("svg.chart").first.is_visible()
    checked(page)
    # The top reasons by their names, each a link into the last run's report.
    page.locator("ul.reasons a", has_text="Title too long").click()
    assert page.get_by_role("heading", name="Sync of").is_visible()
    counts = page.locator("ul.count-list")
    assert_in_view(page, counts)
    rows = page.locator("table.items tbody tr")
    assert rows.count() > 0
    for text in rows.all_inner_texts():
        assert "Title too long" in text
    assert "Algebra I - Sec 1" in rows.first.inner_text()  # classes by name
    checked(page)
    # The teacher filter takes a name.
    page.get_by_label("Reason").select_option("")
    page.get_by_label("Action").select_option("skip")
    page.get_by_role("textbox", name="Teacher").fill("Zhang")
    page.get_by_role("button", name="Filter").click()
    matching = page.locator("#matching").inner_text()
    assert "Miguel Zhang" in matching and "match the filters" in matching
    assert page.locator("table.items tbody tr").count() > 1
    assert "skipped; their reasons" in matching
    checked(page)
    if size == "phone":
        shot(page, "report-phone", full=False)
    # The run history: a wide table scrolls sideways, its headings keep their words whole.
    page.get_by_role("link", name="Runs", exact=True).click()
    headings = page.locator("#history thead th")
    assert "Unchanged" in headings.all_inner_texts()
    broken = page.evaluate(
        """() => [...document.querySelectorAll('#history thead th')].filter(th => {
            const range = document.createRange();
            range.selectNodeContents(th);
            const words = th.innerText.trim().split(/\\s+/).length;
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return lines.size > words;
        }).map(th => th.innerText)"""
    )
    assert broken == []
    checked(page)


def test_operator_enters_a_wrong_secret_and_sees_the_error_at_once(
    console: tuple[World, str], sized: tuple[Any, str]
) -> None:
    _world, base = console
    page, size = sized
    sign_in(page, base, "op")
    page.goto(f"{base}/districts/{OTHER}/config")
    section = page.locator("#connection")
    section.get_by_label("Client ID").fill("typed-client")
    section.get_by_label("Client secret").fill("a-wrong-secret")
    section.get_by_role("button", name="Save connection").click()
    error = page.locator(".flash.error").first
    assert_in_view(page, error)
    assert "Not saved" in error.inner_text() and "refused" in error.inner_text()
    assert page.locator(".flash.ok").count() == 0  # no green "Saved."
    assert page.locator("#connection").get_by_label("Client ID").input_value() == "typed-client"
    checked(page)
    if size == "laptop":
        shot(page, "configuration-wrong-secret", full=False)
    # The stored settings still work: the test connection button says so, at the top.
    page.get_by_role("button", name="Test connection").click()
    assert_in_view(page, page.locator(".flash.ok").first)
    # Onboarding: the connection can be checked before the paperwork steps are done.
    page.goto(f"{base}/districts/{OTHER}/onboarding")
    page.locator("#step-credentials").get_by_role("button", name="test connection").click()
    message = page.locator(".flash").first
    assert_in_view(page, message)
    assert "A token was obtained" in message.inner_text()
    assert "counts once" in message.inner_text()
    checked(page)


@pytest.mark.parametrize("who", ["admin", "op"])
def test_every_page_reads_well_on_a_phone_and_a_laptop(
    console: tuple[World, str], sized: tuple[Any, str], who: str
) -> None:
    world, base = console
    page, _ = sized
    sign_in(page, base, who)
    d = world.district
    paths = [
        f"/districts/{d}",
        f"/districts/{d}/onboarding",
        f"/districts/{d}/config",
        f"/districts/{d}/runs",
        f"/runs/{world.run_id}",
        f"/districts/{d}/teacher?teacher={world.teacher}",
        f"/districts/{d}/guide",
        f"/districts/{d}/tokens",
        "/users",
    ]
    if who == "op":
        paths = ["/districts", *paths[:2], "/users"]
    for path in paths:
        page.goto(base + path)
        assert page.locator("h1").first.is_visible(), path
        problems: list[str] = []
        for check in (assert_contrast, assert_no_sideways_scroll):
            try:
                check(page)
            except AssertionError as exc:
                problems.append(f"{path}: {exc}")
        assert not problems, "\n".join(problems)
