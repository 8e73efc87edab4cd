"""Cross-district access is refused with 404 on every route, API and console alike.

The test walks the app's route table, so a route added later is covered (or the test
fails: every path parameter must have an "other district" value below)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Route

from passback.operations.accounts import users
from passback.scheduling import Dispatcher
from passback.sync.service import SyncRequest
from passback.web import create_app

from .harness import OTHER, World, page_csrf

# Bodies that pass validation, so the access check is what answers.
BODIES = {
    ("POST", "/api/v1/districts/{district}/tokens"): {"name": "probe"},
    ("POST", "/api/v1/districts/{district}/scores/delete"): {"scores": []},
}
QUERIES = {("GET", "/api/v1/districts/{district}/explain"): {"assessment": "A-100"}}


def _other_values(world: World) -> dict[str, str]:
    other_admin = next(u for u in users.list_users(world.engine) if u.username == "other-admin")
    jobs = Dispatcher(world.engine, world.box)
    job = jobs.request_sync(SyncRequest(OTHER, dry_run=True, trigger="test"))
    from passback.operations.accounts import tokens

    other_token = tokens.list_tokens(world.engine, OTHER)[0]
    return {
        "district": OTHER,
        "run": world.other_run_id,
        "job": job.id,
        "token": other_token.id,
        "step": "register",
        "assessment": "A-100",
        "student": "S-1",
        "user_id": str(other_admin.id),
        "section": "mapping",
        "change": "disable",
    }


def _flat(routes: list[Any]) -> list[tuple[str, set[str]]]:
    """(path, methods) of every route; FastAPI may keep included routers as one entry
    that expands into its effective routes."""
    out: list[tuple[str, set[str]]] = []
    for route in routes:
        expand = getattr(route, "effective_route_contexts", None)
        if expand is not None:
            out += [(c.path, set(c.methods or ())) for c in expand()]
        elif isinstance(route, APIRoute | Route):
            out.append((route.path, set(route.methods or ())))
    return out


def _routes(world: World) -> list[tuple[str, str, bool]]:
    out = []
    for path, methods in _flat(create_app(world.settings).routes):
        if "{" not in path or path.startswith("/static"):
            continue
        for method in sorted(methods):
            if method != "HEAD":
                out.append((method, path, path.startswith("/api/")))
    return out


def _fill(path: str, values: dict[str, str]) -> str:
    import re

    def value(match: re.Match[str]) -> str:
        name = match.group(1).split(":")[0]
        assert name in values, f"add an other-district value for path parameter {name!r}"
        return values[name]

    return re.sub(r"\{([^}]+)\}", value, path)


@pytest.mark.parametrize("who", ["admin", "teacher", "token"])
def test_every_route_hides_other_districts(world: World, who: str) -> None:
    values = _other_values(world)
    client = world.api() if who == "token" else world.client(who)
    csrf = page_csrf(client, "/login") if who != "token" else ""
    checked = []
    for method, path, is_api in _routes(world):
        if who == "token" and not is_api:
            continue
        url = _fill(path, values)
        kwargs: dict[str, Any] = {"params": QUERIES.get((method, path), {})}
        if method != "GET":
            if is_api:
                kwargs["json"] = BODIES.get((method, path), {})
            else:
                kwargs["data"] = {"csrf_token": csrf}
        response = client.request(method, url, **kwargs)
        assert response.status_code == 404, (
            who,
            method,
            path,
            response.status_code,
            response.text[:300],
        )
        assert "Other District" not in response.text  # nothing of it leaks
        checked.append((method, path))
    assert len(checked) >= (20 if who == "token" else 35)


def test_lists_leave_other_districts_out(world: World) -> None:
    admin = world.client("admin")
    for path in ("/api/v1/districts", "/districts", "/users", f"/districts/{world.district}"):
        response = admin.get(path)
        assert response.status_code == 200
        assert OTHER not in response.text and "other-admin" not in response.text
