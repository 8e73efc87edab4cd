"""Browser tests: the real console served by uvicorn on loopback (a thread), the real
sandbox and SQLite, driven by Debian's chromium through Playwright (no browser download).
Screenshots of the main pages go to docs/screenshots/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from integration.web.harness import World, build_world
from passback.sandbox import SandboxServer, SandboxState, sample_fixture
from passback.store.db import make_engine, upgrade
from passback.web.server import ConsoleServer

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@pytest.fixture(scope="session")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, str]]:
    path = tmp_path_factory.mktemp("browser") / "passback.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    fixture = sample_fixture()
    with SandboxServer(SandboxState.from_fixture(fixture)) as sandbox:
        world = build_world(engine, sandbox, fixture)
        with ConsoleServer(world.settings) as server:
            yield world, server.url
    engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Module-scoped: Playwright's sync API keeps an event loop running in this thread while
    it is open, which would break every later test that calls asyncio.run."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()
