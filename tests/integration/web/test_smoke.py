from .harness import World


def test_pages_render_for_the_operator(world: World) -> None:
    client = world.client("op")
    for path in [
        "/districts",
        f"/districts/{world.district}",
        f"/districts/{world.district}/onboarding",
        f"/districts/{world.district}/config",
        f"/districts/{world.district}/runs",
        f"/runs/{world.run_id}",
        f"/districts/{world.district}/teacher?teacher={world.teacher}",
        f"/districts/{world.district}/tokens",
        "/users",
    ]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:2000])
