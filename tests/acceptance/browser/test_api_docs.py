"""The API documentation page works in a real browser under the app's CSP: Swagger UI is
served by passback itself (no CDN) and lists the API's operations."""

from __future__ import annotations

from typing import Any

from integration.web.harness import World


def test_swagger_ui_renders_under_the_csp(console: tuple[World, str], page: Any) -> None:
    _, base = console
    violations: list[str] = []
    outside: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(base) and not request.url.startswith("data:")
            else None
        ),
    )
    page.goto(f"{base}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert "passback" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock-summary-path").count() > 10
    assert violations == []
    assert outside == []
