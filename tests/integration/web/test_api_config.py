"""Configuration (the secret is write-only), onboarding (order, checks) and the plugin."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

from .harness import OTHER, World

NS = "{http://plugin.powerschool.pearson.com}"


def test_config_never_returns_the_secret(world: World) -> None:
    response = world.client("admin").get(f"/api/v1/districts/{world.district}/config")
    body = response.json()
    assert body["sis"]["client_secret_stored"] is True
    assert "client_secret" not in body["sis"]
    assert "demo-secret" not in response.text


def test_a_bad_config_names_every_field(world: World) -> None:
    op = world.client("op")
    config = op.get(f"/api/v1/districts/{OTHER}/config").json()
    config["sis"].pop("client_secret_stored")
    config["timezone"] = "Mars/Olympus"
    config["contacts"] = ["not-an-email"]
    response = op.put(f"/api/v1/districts/{OTHER}/config", json=config)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"timezone", "contacts[0]"}


def test_an_operator_creates_a_district_and_an_admin_cannot(world: World) -> None:
    op = world.client("op")
    config = op.get(f"/api/v1/districts/{OTHER}/config").json()
    config["sis"].pop("client_secret_stored")
    new = {**config, "id": "new-1", "name": "New District"}
    created = op.put("/api/v1/districts/new-1/config", json=new)
    assert created.json()["created"] is True
    admin = world.client("admin")
    assert (
        admin.put("/api/v1/districts/new-2/config", json={**new, "id": "new-2"}).status_code == 404
    )


def test_onboarding_order_is_enforced(world: World) -> None:
    op = world.client("op")
    url = "/api/v1/districts/new-1/onboarding"
    early = op.patch(f"{url}/quote_received", json={"status": "in_progress"})
    assert early.status_code == 409
    assert "after step 1" in early.json()["detail"]
    done = op.patch(
        f"{url}/register",
        json={"status": "done", "done_on": "2026-10-01", "notes": "Registered with PowerSchool"},
    )
    step1 = done.json()["steps"][0]
    assert step1["status"] == "done" and step1["done_on"] == "2026-10-01"
    progress = op.get(url).json()
    quote = next(s for s in progress["steps"] if s["step"] == "quote_received")
    assert quote["due_on"] == "2026-10-22"
    assert quote["overdue"] is True  # three weeks passed with no quote
    reopen = op.patch(f"{url}/register", json={"status": "todo"})
    assert reopen.status_code == 200
    op.patch(f"{url}/register", json={"status": "done"})
    op.patch(f"{url}/quote_received", json={"status": "done"})
    assert op.patch(f"{url}/register", json={"status": "todo"}).status_code == 409
    checked = op.patch(f"{url}/effective_date", json={"status": "done"})
    assert checked.status_code == 409


def test_checks_run_against_the_sis(world: World) -> None:
    op = world.client("op")
    url = f"/api/v1/districts/{world.district}/onboarding"
    for step in ("register", "quote_received", "quote_signed", "provisioned"):
        assert op.patch(f"{url}/{step}", json={"status": "done"}).status_code == 200
    connection = op.post(f"{url}/credentials/check").json()
    assert connection["ok"] is True and connection["step"]["status"] == "done"
    categories = op.post(f"{url}/category_mapping/check").json()
    assert categories["ok"] is False  # the demo maps Project to a teacher-only category
    assert "Project → Projects" in categories["message"]
    probe = op.post(f"{url}/write_access/check").json()
    assert probe["ok"] is True


def test_the_write_probe_fails_without_write_access(fresh_world) -> None:  # type: ignore[no-untyped-def]
    world: World = fresh_world()
    op = world.client("op")
    config = op.get(f"/api/v1/districts/{OTHER}/config").json()
    config["sis"].pop("client_secret_stored")
    config["sis"].update(client_id="readonly", client_secret="readonly-secret")
    assert op.put(f"/api/v1/districts/{OTHER}/config", json=config).status_code == 200
    url = f"/api/v1/districts/{OTHER}/onboarding"
    for step in ("register", "quote_received", "quote_signed", "provisioned"):
        op.patch(f"{url}/{step}", json={"status": "done"})
    assert op.post(f"{url}/credentials/check").json()["ok"] is True
    probe = op.post(f"{url}/write_access/check").json()
    assert probe["ok"] is False and "403" in probe["message"]
    assert world.sandbox.state.values("lineItems")  # nothing of ours was touched


def test_plugin_zip_carries_the_opportunity_id(world: World) -> None:
    admin = world.client("admin")
    url = f"/api/v1/districts/{world.district}/plugin"
    missing = admin.get(url)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "opportunity_id"
    response = admin.get(f"{url}?opportunity_id=0061R00000AbCdE")
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist() == ["plugin.xml"]
    root = ET.fromstring(archive.read("plugin.xml"))
    assert root.tag == f"{NS}plugin"
    assert len(root.get("name", "")) <= 40 and root.get("version")
    assert "0061R00000AbCdE" in root.get("description", "")
    assert len(root.get("description", "")) <= 256
    assert root.find(f"{NS}oauth") is not None
    contact = root.find(f"{NS}publisher/{NS}contact")
    assert contact is not None and contact.get("email") == "support@passback.example.org"
    bad = admin.get(f"{url}?opportunity_id=not valid!")
    assert bad.json()["errors"][0]["field"] == "opportunity_id"
