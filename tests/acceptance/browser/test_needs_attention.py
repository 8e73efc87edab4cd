"""The operator sees, in a real browser, which district's nightly run failed and goes from
there to its runs. A console of its own (its nightly runs fail on purpose)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from integration.web.harness import AS_OF, OTHER, World, build_world
from passback.sandbox import FaultConfig, SandboxServer, SandboxState, sample_fixture
from passback.store.db import make_engine, upgrade
from passback.sync.service import SyncRequest, run_sync
from passback.web.server import ConsoleServer

from .console import shot, sign_in


@pytest.fixture(scope="module")
def failing_console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, str]]:
    """Module-scoped and set up before the browser: the runs use asyncio.run, which the
    browser's running event loop would forbid."""
    path = tmp_path_factory.mktemp("attention") / "attention.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    fixture = sample_fixture()
    with SandboxServer(SandboxState.from_fixture(fixture)) as sandbox:
        world = build_world(engine, sandbox, fixture)
        sandbox.set_faults(FaultConfig(unauthorized_next=10_000))
        for _ in range(2):  # the other district's SIS refuses passback two nights running
            request = SyncRequest(OTHER, as_of=AS_OF, trigger="nightly")
            report = asyncio.run(run_sync(engine, request, box=world.box))
            assert report["status"] == "failed"
        sandbox.set_faults(FaultConfig())
        with ConsoleServer(world.settings) as server:
            yield world, server.url
    engine.dispose()


def test_the_operator_sees_the_failed_nightly_and_opens_its_runs(
    failing_console: tuple[World, str], page: Any
) -> None:
    _, base = failing_console
    sign_in(page, base, "op")
    attention = page.get_by_role("region", name="Needs attention")
    item = attention.get_by_role("listitem").filter(has_text="Other District")
    assert "The nightly run failed 2 nights in a row." in item.inner_text()
    assert OTHER in item.inner_text()
    shot(page, "needs-attention", full=False)
    item.get_by_role("link", name="see runs").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/districts/{OTHER}/runs")
    assert page.get_by_text("failed").first.is_visible()
