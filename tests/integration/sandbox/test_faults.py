"""Injected faults: each kind happens, is reproducible for a seed, and never touches the
control routes."""

from __future__ import annotations

import time

import httpx
import pytest

from passback.sandbox import FaultConfig, SandboxServer

from .helpers import TLS, Api, enrolled, imsx_minor, line_item, result

STUDENT = enrolled("CLS-HS-1")[0]


def statuses(api: Api, calls: int) -> list[int]:
    return [api.get("/orgs/DST-1").status_code for _ in range(calls)]


def test_429_with_retry_after_reproducible_for_a_seed(server: SandboxServer, api: Api) -> None:
    server.set_faults(FaultConfig(seed=7, rate_429=0.3, retry_after_s=4))
    first = statuses(api, 40)
    assert set(first) == {200, 429}
    server.set_faults(FaultConfig(seed=7, rate_429=0.3, retry_after_s=4))
    assert statuses(api, 40) == first
    server.set_faults(FaultConfig(seed=8, rate_429=0.3, retry_after_s=4))
    assert statuses(api, 40) != first
    server.set_faults(FaultConfig(seed=7, rate_429=1.0, retry_after_s=4))
    busy = api.get("/orgs")
    assert busy.status_code == 429
    assert busy.headers["Retry-After"] == "4"
    assert imsx_minor(busy.json()) == "server_busy"


def test_5xx_reproducible_for_a_seed(server: SandboxServer, api: Api) -> None:
    server.set_faults(FaultConfig(seed=3, rate_5xx=0.5))
    first = statuses(api, 40)
    assert {500, 503} <= set(first) and 200 in first
    server.set_faults(FaultConfig(seed=3, rate_5xx=0.5))
    assert statuses(api, 40) == first
    failing = next(r for r in (api.get("/orgs") for _ in range(20)) if r.status_code >= 500)
    assert failing.json()["imsx_codeMajor"] == "failure"


def test_same_seed_same_faults_whatever_the_other_rates(server: SandboxServer, api: Api) -> None:
    """A latency or drop setting must not shift which calls get a 429."""
    server.set_faults(FaultConfig(seed=11, rate_429=0.4))
    plain = statuses(api, 30)
    server.set_faults(FaultConfig(seed=11, rate_429=0.4, jitter_ms=1, rate_drop_after_commit=0.5))
    assert statuses(api, 30) == plain


def test_dropped_after_commit_is_a_transport_error_but_the_write_is_applied(
    server: SandboxServer, api: Api
) -> None:
    server.set_faults(FaultConfig(rate_drop_after_commit=1.0))
    with pytest.raises(httpx.RemoteProtocolError):
        api.put("/lineItems/LI-DROP", "lineItem", line_item())
    assert server.state.get("lineItems", "LI-DROP") is not None
    # Reads are never dropped; a refused write has nothing committed, so it is answered.
    assert api.get("/lineItems/LI-DROP").status_code == 200
    refused = api.put("/lineItems/LI-BAD", "lineItem", line_item(title="x" * 60))
    assert refused.status_code == 400
    with pytest.raises(httpx.RemoteProtocolError):
        api.delete("/lineItems/LI-DROP")
    assert server.state.get("lineItems", "LI-DROP") is None
    stats = api.control("GET", "stats").json()
    assert stats["faults"]["dropped_after_commit"] == 2
    assert stats["by_method"]["PUT"]["dropped"] == 1


def test_dropped_writes_reproducible_for_a_seed(server: SandboxServer, api: Api) -> None:
    api.put("/lineItems/LI-1", "lineItem", line_item())

    def outcomes() -> list[str]:
        out = []
        for n in range(24):
            try:
                api.put(f"/results/R-{n}", "result", result("LI-1", STUDENT))
                out.append("ok")
            except httpx.RemoteProtocolError:
                out.append("dropped")
        return out

    server.set_faults(FaultConfig(seed=5, rate_drop_after_commit=0.5))
    first = outcomes()
    assert set(first) == {"ok", "dropped"}
    assert all(server.state.get("results", f"R-{n}") for n in range(24))  # every write applied
    server.set_faults(FaultConfig(seed=5, rate_drop_after_commit=0.5))
    assert outcomes() == first


def test_latency_delays_api_calls(server: SandboxServer, api: Api) -> None:
    server.set_faults(FaultConfig(latency_ms=150, jitter_ms=50))
    started = time.perf_counter()
    assert api.get("/orgs").status_code == 200
    assert time.perf_counter() - started >= 0.15
    assert api.control("GET", "stats").json()["faults"]["latency"] == 1


def test_unauthorized_next_forces_401_then_recovers(server: SandboxServer, api: Api) -> None:
    server.set_faults(FaultConfig(unauthorized_next=2))
    rejected = api.get("/orgs")
    assert rejected.status_code == 401
    assert imsx_minor(rejected.json()) == "unauthorized"
    assert statuses(api, 3) == [401, 200, 200]


def test_control_routes_are_never_faulted(server: SandboxServer) -> None:
    server.set_faults(FaultConfig(rate_5xx=1.0, rate_429=1.0, unauthorized_next=5))
    for route in ("faults", "stats", "closed-periods", "dump"):
        assert httpx.get(f"{server.root_url}/sandbox/{route}", verify=TLS).status_code == 200
    assert (
        httpx.get(f"{server.root_url}/sandbox/faults", verify=TLS).json()["unauthorized_left"] == 5
    )


def test_fault_control_endpoint_merges_validates_and_reports(
    server: SandboxServer, api: Api
) -> None:
    before = api.control("GET", "faults").json()
    assert before["rate_429"] == 0.0 and before["token_lifetime_s"] == 3600
    after = api.control("POST", "faults", {"rate_5xx": 1.0, "seed": 9})
    assert after.status_code == 200
    assert after.json()["rate_5xx"] == 1.0 and after.json()["seed"] == 9
    assert after.json()["token_lifetime_s"] == 3600  # untouched settings stay
    assert api.get("/orgs").status_code in (500, 503)
    assert server.runtime.faults.config.rate_5xx == 1.0
    for bad, fragment in (
        ({"rate_5xx": 1.5}, "rate_5xx"),
        ({"latency_ms": -1}, "latency_ms"),
        ({"token_lifetime_s": "long"}, "token_lifetime_s"),
        ({"rate_of_doom": 1}, "rate_of_doom"),
        ([1, 2], "JSON object"),
    ):
        response = api.control("POST", "faults", bad)
        assert response.status_code == 400
        assert fragment in response.json()["error"]
    assert api.control("GET", "faults").json()["rate_5xx"] == 1.0


def test_stats_count_reads_writes_and_token_calls(server: SandboxServer, api: Api) -> None:
    api.control("POST", "stats/reset")
    api.get("/orgs")
    api.get("/users/NOPE")
    api.put("/lineItems/LI-1", "lineItem", line_item())
    api.delete("/lineItems/LI-1")
    Api(server, "readonly").close()  # one more token call
    stats = api.control("GET", "stats").json()
    assert stats["reads"] == 2 and stats["writes"] == 2 and stats["token_calls"] == 1
    assert stats["by_method"] == {
        "GET": {"200": 1, "404": 1},
        "PUT": {"201": 1},
        "DELETE": {"204": 1},
        "POST": {"200": 1},
    }
    reset = api.control("POST", "stats/reset").json()
    assert reset["reads"] == reset["writes"] == reset["token_calls"] == 0


def test_dump_is_the_state_in_fixture_format_without_secrets(
    server: SandboxServer, api: Api
) -> None:
    api.put("/lineItems/LI-1", "lineItem", line_item())
    dump = api.control("GET", "dump").json()
    assert "LI-1" in {li["sourcedId"] for li in dump["lineItems"]}
    assert dump["sandbox"]["closed_grading_periods"] == ["GP-HS-Q1"]
    assert {c["client_secret"] for c in dump["sandbox"]["clients"]} == {"***"}
    assert len(dump["users"]) == 417


def test_latency_jitter_reproducible_for_a_seed() -> None:
    from passback.sandbox.faults import FaultInjector

    def delays(seed: int) -> list[float]:
        injector = FaultInjector(FaultConfig(seed=seed, latency_ms=10, jitter_ms=40))
        return [injector.decide(write=False).delay_s for _ in range(20)]

    first = delays(1)
    assert first == delays(1) != delays(2)
    assert all(0.010 <= d <= 0.050 for d in first) and len(set(first)) == 20
