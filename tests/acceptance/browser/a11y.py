"""Checks a person would notice, run in the browser: every text's contrast with axe-core
(the copy of axe.min.js that the `axe-playwright-python` package ships; never a CDN), no
sideways scrolling of the page, and a message in view without scrolling."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import axe_playwright_python

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def contrast_violations(page: Any) -> list[str]:
    """WCAG 2.x AA text contrast (axe-core's color-contrast rule) of the whole page, as
    "selector: summary" lines. The page's CSP is bypassed by the test's browser context so
    the script can be added."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: 'rule', values: ['color-contrast']},
                resultTypes: ['violations'],
            });
            return result.violations.flatMap(v => v.nodes.map(
                n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ')));
        }"""
    )
    return [str(line) for line in found]


def assert_contrast(page: Any) -> None:
    problems = contrast_violations(page)
    assert not problems, "text below WCAG AA contrast:\n" + "\n".join(problems[:20])


def assert_no_sideways_scroll(page: Any) -> None:
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """w => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1)
            .slice(0, 5)
            .map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)""",
        width,
    )
    assert scroll <= width, f"the page is {scroll} px wide in a {width} px window: {wide}"


def assert_in_view(page: Any, locator: Any) -> None:
    """Visible without scrolling: the page is at its top and the element inside the window."""
    assert page.evaluate("window.scrollY") == 0
    box = locator.bounding_box()
    assert box is not None, "not shown"
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], box
