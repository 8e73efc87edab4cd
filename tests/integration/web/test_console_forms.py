"""Console forms: the result shows at the top of the page the form leads to, what was typed
survives an error, and what can be checked is checked before saving (connection settings,
time zones, assessment types)."""

from __future__ import annotations

import re
from collections.abc import Callable

from passback.operations import districts as district_service

from .harness import World, page_csrf


def _first_message(html: str) -> str:
    """The first flash message in the page: the one a person sees first."""
    found = re.search(r'<div class="flash (\w+)"[^>]*>(.*?)</div>', html, re.S)
    assert found, "no message on the page"
    return f"{found.group(1)}: {found.group(2).strip()}"


def test_a_wrong_client_secret_is_refused_with_an_error_not_saved(
    fresh_world: Callable[..., World],
) -> None:
    world = fresh_world()
    client = world.client("admin")
    path = f"/districts/{world.district}/config"
    before = district_service.config_of(world.engine, world.district)
    assert before is not None
    form = {
        "csrf_token": page_csrf(client, path),
        "base_url": world.sandbox.base_url,
        "token_url": world.sandbox.token_url,
        "client_id": "demo-typed",
        "client_secret": "not-the-secret",
    }
    response = client.post(f"{path}/connection", data=form, follow_redirects=False)
    assert response.status_code == 422
    message = _first_message(response.text)
    assert message.startswith("error: Not saved: client ID or secret: the SIS refused")
    assert "Saved." not in response.text
    assert "not-the-secret" not in response.text  # a secret is never sent back
    assert 'value="demo-typed"' in response.text  # what was typed stays in the form
    assert 'class="card has-problem" id="connection"' in response.text  # the section marked
    after = district_service.config_of(world.engine, world.district)
    assert after is not None and after["sis"]["client_id"] == before["sis"]["client_id"]

    # The right settings are tested and saved, and the result says so at the top.
    form.update(client_id=before["sis"]["client_id"], client_secret="")
    response = client.post(f"{path}/connection", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == path
    assert _first_message(client.get(path).text).startswith("ok: Saved. The connection works")

    # The "test connection" button with the stored settings.
    test = client.post(f"{path}/test", data={"csrf_token": page_csrf(client, path)})
    assert _first_message(test.text).startswith("ok: Connection works")


def test_a_bad_time_zone_keeps_the_new_district_form_filled(world: World) -> None:
    client = world.client("op")
    data = {
        "csrf_token": page_csrf(client, "/districts"),
        "id": "typo-district",
        "name": "Typo Unified",
        "timezone": "America/Chicgo",
        "base_url": "https://sis.example.org/ims/oneroster/v1p1",
        "token_url": "https://sis.example.org/oauth/access_token",
    }
    response = client.post("/districts", data=data)
    assert response.status_code == 422
    assert _first_message(response.text).startswith(
        "error: Not added: time zone: America/Chicgo is not an IANA time zone"
    )
    for value in ("typo-district", "Typo Unified", "America/Chicgo"):
        assert f'value="{value}"' in response.text
    assert '<option value="America/Chicago">' in response.text  # the picker's list
    assert district_service.config_of(world.engine, "typo-district") is None


def test_a_typed_assessment_type_not_seen_in_imports_is_not_saved_silently(
    fresh_world: Callable[..., World],
) -> None:
    world = fresh_world()
    client = world.client("admin")
    path = f"/districts/{world.district}/config"
    current = district_service.config_of(world.engine, world.district)
    assert current is not None
    kinds = [*current["category_map"], "Tset"]
    cats = [*current["category_map"].values(), "Tests"]
    data = {"csrf_token": page_csrf(client, path), "type": kinds, "category": cats}
    response = client.post(f"{path}/mapping", data=data)
    assert response.status_code == 422
    message = _first_message(response.text)
    assert "assessment type Tset: no imported assessment has this type" in message
    assert 'value="Tset"' in response.text
    stored = district_service.config_of(world.engine, world.district)
    assert stored is not None and "Tset" not in stored["category_map"]
    # Ticked on purpose: kept.
    response = client.post(f"{path}/mapping", data={**data, "unseen_ok": "on"})
    stored = district_service.config_of(world.engine, world.district)
    assert stored is not None and stored["category_map"]["Tset"] == "Tests"
