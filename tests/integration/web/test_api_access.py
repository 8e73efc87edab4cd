"""Who may call what: tokens, sessions, CSRF, roles; errors are RFC 9457 problems."""

from __future__ import annotations

from .harness import OTHER, World


def test_no_credentials_is_a_401_problem(world: World) -> None:
    response = world.client().get("/api/v1/districts")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 401 and body["title"] and body["detail"]
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_a_bad_or_revoked_token_is_refused(world: World) -> None:
    assert world.api("pbt_nope_nope").get("/api/v1/me").status_code == 401
    created = world.client("admin").post(
        f"/api/v1/districts/{world.district}/tokens", json={"name": "short-lived"}
    )
    assert created.status_code == 201
    token = created.json()["token"]
    assert world.api(token).get("/api/v1/me").json()["role"] == "platform"
    revoked = world.client("admin").delete(
        f"/api/v1/districts/{world.district}/tokens/{created.json()['id']}"
    )
    assert revoked.json()["active"] is False
    assert world.api(token).get("/api/v1/me").status_code == 401


def test_tokens_are_listed_masked_and_never_shown_again(world: World) -> None:
    admin = world.client("admin")
    created = admin.post(f"/api/v1/districts/{world.district}/tokens", json={"name": "ci"}).json()
    listing = admin.get(f"/api/v1/districts/{world.district}/tokens").json()["tokens"]
    mine = next(t for t in listing if t["id"] == created["id"])
    assert created["token"] not in str(listing)
    assert mine["token"].startswith(f"pbt_{created['id']}_…")
    assert mine["token"].endswith(created["token"][-4:])


def test_a_cookie_session_must_send_its_csrf_token(world: World) -> None:
    client = world.client("admin")
    client.headers.pop("X-CSRF-Token")
    response = client.post(f"/api/v1/districts/{world.district}/tokens", json={"name": "x"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    client.headers["X-CSRF-Token"] = "forged"
    assert (
        client.post(f"/api/v1/districts/{world.district}/tokens", json={"name": "x"}).status_code
        == 403
    )


def test_each_role_sees_its_own_districts(world: World) -> None:
    def ids(client: object) -> set[str]:
        response = client.get("/api/v1/districts")  # type: ignore[attr-defined]
        return {d["id"] for d in response.json()["districts"]}

    assert ids(world.client("op")) == {world.district, OTHER}
    assert ids(world.client("admin")) == {world.district}
    assert ids(world.client("teacher")) == {world.district}
    assert ids(world.api()) == {world.district}
    assert ids(world.api(world.other_token)) == {OTHER}


def test_teachers_and_tokens_cannot_manage(world: World) -> None:
    teacher = world.client("teacher")
    assert teacher.get(f"/api/v1/districts/{world.district}/config").status_code == 403
    assert teacher.get(f"/api/v1/districts/{world.district}/runs").status_code == 403
    assert (
        teacher.post(f"/api/v1/districts/{world.district}/assessments", json={}).status_code == 403
    )
    token = world.api()
    assert token.get(f"/api/v1/districts/{world.district}/tokens").status_code == 403
    put = token.put(f"/api/v1/districts/{world.district}/config", json={})
    assert put.status_code == 403


def test_login_is_rate_limited(world: World) -> None:
    from .harness import csrf_of

    client = world.client()
    statuses = []
    for _ in range(7):
        response = client.post(
            "/login",
            data={
                "username": "admin",
                "password": "wrong password!",
                "csrf_token": csrf_of(client),
            },
        )
        statuses.append(response.status_code)
    assert statuses[:5] == [401] * 5
    assert statuses[5:] == [429, 429]
    # the right password is refused too while the limit holds
    response = client.post(
        "/login",
        data={
            "username": "admin",
            "password": "correct horse battery",
            "csrf_token": csrf_of(client),
        },
    )
    assert response.status_code == 429
    world.settings.limiter.reset(world.engine, "admin", "testclient")


def test_login_form_needs_its_csrf_token(world: World) -> None:
    client = world.client()
    response = client.post("/login", data={"username": "admin", "password": "x"})
    assert response.status_code == 403


def test_disabled_users_are_signed_out(world: World) -> None:
    from passback.operations.accounts import users

    users.create_user(
        world.engine,
        username="temp-admin",
        password="correct horse battery",
        role="district_admin",
        district=world.district,
    )
    client = world.client("temp-admin")
    assert client.get("/api/v1/me").status_code == 200
    user = next(u for u in users.list_users(world.engine) if u.username == "temp-admin")
    users.set_disabled(world.engine, user.id, True, by="test")
    assert client.get("/api/v1/me").status_code == 401
