"""Security findings whose point is the real server: `passback serve` as a subprocess on a
free loopback port, its response headers, which client address it believes, and its
memory under anonymous bodies and bursts of sign-ins (read from /proc)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from passback.demo import data as demo_data
from passback.operations import districts as district_service
from passback.operations.accounts import users
from passback.sandbox import sample_fixture
from passback.store.db import make_engine, upgrade

PASSWORD = "correct horse battery"
Serve = Callable[..., str]
PIDS: dict[str, int] = {}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def serve(tmp_path: Path, secret_key: str) -> Iterator[Serve]:
    """Start `passback serve` with extra options; returns its URL (stopped afterwards)."""
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    engine = make_engine(url)
    upgrade(engine)
    from passback.secrets import SecretBox

    config = demo_data.district_config(
        "http://127.0.0.1:1/ims/oneroster/v1p1",
        "http://127.0.0.1:1/oauth/access_token",
        sample_fixture(),
    )
    district_service.apply_config(engine, SecretBox.for_database(url), config, by="test")
    users.create_user(
        engine, username="admin", password=PASSWORD, role="district_admin", district=config["id"]
    )
    engine.dispose()
    started: list[subprocess.Popen[bytes]] = []
    env = {**os.environ, "PASSBACK_DATABASE_URL": url}

    def start(*options: str) -> str:
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "passback", "serve", "--port", str(port), *options],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{base}/login", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise AssertionError("passback serve did not start")
        PIDS[base] = process.pid
        return base

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def _pid_of(base: str) -> int:
    """The server's process (`passback serve` runs uvicorn in its own process)."""
    return PIDS[base]


def _memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in KiB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0])
    return found


def _sign_in(base: str, username: str, password: str, forwarded: str | None = None) -> int:
    with httpx.Client(base_url=base, timeout=60) as client:
        page = client.get("/login").text
        marker = 'name="csrf_token" value="'
        start = page.index(marker) + len(marker)
        token = page[start : page.index('"', start)]
        headers = {"X-Forwarded-For": forwarded} if forwarded else {}
        return client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": token},
            headers=headers,
            timeout=30,
        ).status_code


def test_hsts_and_no_store_with_secure_cookies(serve: Serve) -> None:
    plain = httpx.get(f"{serve()}/login")
    assert "strict-transport-security" not in plain.headers
    assert plain.headers["cache-control"] == "no-store"
    secure = httpx.get(f"{serve('--secure-cookies')}/login")
    assert secure.headers["strict-transport-security"].startswith("max-age=31536000")
    assert "script-src 'self'" in secure.headers["content-security-policy"]


def test_forwarded_for_is_believed_only_from_configured_proxies(serve: Serve) -> None:
    direct = serve()
    for _ in range(5):
        assert _sign_in(direct, "admin", "wrong password", forwarded="203.0.113.1") == 401
    # the header is ignored: the new "address" is the same loopback peer, still locked out
    assert _sign_in(direct, "admin", PASSWORD, forwarded="198.51.100.7") == 429

    proxied = serve("--forwarded-allow-ips", "127.0.0.1")
    for _ in range(5):
        assert _sign_in(proxied, "admin", "wrong password", forwarded="203.0.113.50") == 401
    assert _sign_in(proxied, "admin", PASSWORD, forwarded="203.0.113.50") == 429
    # another client behind the trusted proxy is another source: not locked out
    assert _sign_in(proxied, "admin", PASSWORD, forwarded="198.51.100.8") == 303


def test_anonymous_big_bodies_cost_no_memory(serve: Serve) -> None:
    base = serve()
    pid = _pid_of(base)
    httpx.get(f"{base}/api/v1/me")
    before = _memory(pid)
    body = b"[" + b"1," * (5 << 20) + b"1]"  # 10 MiB of JSON array
    url = f"{base}/api/v1/districts/unified-1/assessments"
    declared = httpx.post(
        url, content=body, headers={"Content-Type": "application/json"}, timeout=60
    )
    assert declared.status_code == 413
    assert declared.json()["status"] == 413

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), 1 << 16):
            yield body[start : start + (1 << 16)]

    streamed = httpx.post(
        url, content=chunks(), headers={"Content-Type": "application/json"}, timeout=60
    )
    assert streamed.status_code in (401, 413)
    small = httpx.post(url, content=b"[" * 1000, headers={"Content-Type": "application/json"})
    assert small.status_code == 401  # refused before its (invalid) body is parsed
    after = _memory(pid)
    assert after["VmHWM"] - before["VmHWM"] < 30 * 1024, (before, after)


def test_a_burst_of_wrong_passwords_is_refused_and_bounded(serve: Serve) -> None:
    base = serve()
    pid = _pid_of(base)
    before = _memory(pid)
    barrier = threading.Barrier(12)
    results: list[int] = []

    def guess() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            page = client.get("/login").text
            marker = 'name="csrf_token" value="'
            start = page.index(marker) + len(marker)
            token = page[start : page.index('"', start)]
            barrier.wait()
            results.append(
                client.post(
                    "/login",
                    data={"username": "admin", "password": "wrong!", "csrf_token": token},
                    timeout=60,
                ).status_code
            )

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 12
    assert sorted(results) == [401] * 5 + [429] * 7
    after = _memory(pid)
    # at most 4 argon2 checks (64 MiB each) at once, not 12
    grown_mib = (after["VmHWM"] - before["VmHWM"]) / 1024
    assert grown_mib < 5 * 64, json.dumps({"before": before, "after": after})
