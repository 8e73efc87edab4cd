"""The login count and console sessions in both databases: attempts are counted
atomically before any password check (many threads at once, as many workers would), a
lockout backs off and is per (user, source), and sessions end on the server."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from passback.operations.accounts import users
from passback.operations.accounts.ratelimit import LoginLimiter


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_simultaneous_attempts_are_counted_atomically(engine: Engine) -> None:
    limiter = LoginLimiter(max_failures=5)
    barrier = threading.Barrier(16)
    waits: list[float] = []

    def attempt() -> None:
        barrier.wait()
        waits.append(limiter.attempt(engine, "alice", "203.0.113.1"))

    threads = [threading.Thread(target=attempt) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits)[:5] == [0.0] * 5
    assert all(wait > 0 for wait in sorted(waits)[5:])


def test_lockouts_back_off_per_user_and_source(engine: Engine) -> None:
    clock = Clock()
    limiter = LoginLimiter(max_failures=2, base_lock_s=60, window_s=900, clock=clock)
    assert [limiter.attempt(engine, "bob", "10.0.0.1") for _ in range(2)] == [0.0, 0.0]
    assert limiter.attempt(engine, "bob", "10.0.0.1") == 60.0
    # another network is not locked out
    assert limiter.attempt(engine, "bob", "192.0.2.4") == 0.0
    # attempts during the lock are refused and not counted
    clock.now += timedelta(seconds=30)
    assert limiter.attempt(engine, "bob", "10.0.0.1") == 30.0
    clock.now += timedelta(seconds=31)
    assert [limiter.attempt(engine, "bob", "10.0.0.1") for _ in range(2)] == [0.0, 0.0]
    assert limiter.attempt(engine, "bob", "10.0.0.1") == 120.0  # the second lock: twice as long
    # a success clears the pair
    clock.now += timedelta(seconds=121)
    assert limiter.attempt(engine, "bob", "10.0.0.1") == 0.0
    limiter.succeeded(engine, "bob", "10.0.0.1")
    assert [limiter.attempt(engine, "bob", "10.0.0.1") for _ in range(2)] == [0.0, 0.0]
    assert limiter.attempt(engine, "bob", "10.0.0.1") == 60.0


def test_a_window_without_failures_starts_again(engine: Engine) -> None:
    clock = Clock()
    limiter = LoginLimiter(max_failures=2, window_s=900, clock=clock)
    assert [limiter.attempt(engine, "carol", "10.0.0.2") for _ in range(2)] == [0.0, 0.0]
    clock.now += timedelta(minutes=16)
    assert [limiter.attempt(engine, "carol", "10.0.0.2") for _ in range(2)] == [0.0, 0.0]


def test_sessions_end_on_sign_out_password_change_and_disable(engine: Engine) -> None:
    user = users.create_user(engine, username="dana", password="a long password", role="operator")
    epoch = users.user_epoch(engine, user.id)
    first = users.start_session(engine, user.id, hours=1)
    second = users.start_session(engine, user.id, hours=1)
    assert users.session_user(engine, user.id, epoch, first) is not None
    users.end_session(engine, first)
    assert users.session_user(engine, user.id, epoch, first) is None
    assert users.session_user(engine, user.id, epoch, second) is not None
    assert users.session_user(engine, user.id, epoch, None) is None  # an old cookie
    users.set_password(engine, "dana", "another long one", by="test")
    epoch = users.user_epoch(engine, user.id)
    assert users.session_user(engine, user.id, epoch, second) is None
    third = users.start_session(engine, user.id, hours=1)
    users.set_disabled(engine, user.id, True, by="test")
    users.set_disabled(engine, user.id, False, by="test")
    epoch = users.user_epoch(engine, user.id)
    assert users.session_user(engine, user.id, epoch, third) is None
