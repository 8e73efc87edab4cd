"""Login rate limiting, shared by every process through the database.

Each sign-in attempt is counted *before* the password is checked, in one atomic upsert,
under two keys: the username from this source address, and the source address alone.
More than `max_failures` attempts for one username from one source within the window lock
that pair out, for `base_lock_s` doubling with each lockout (up to `max_lock_s`); a
stranger elsewhere cannot lock a user out of their own network. The source key has a
higher limit, against one address trying many usernames. A successful sign-in clears the
username's count and takes its attempt off the source's.

Password checks (argon2id, ~64 MiB each) are also bounded per process: at most
`max_concurrent_checks` at once; a request that cannot get a slot within
`check_wait_s` is refused as busy (429) instead of piling up memory.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Engine, update

from passback.core.clock import Clock, utc_now
from passback.store import login_attempts
from passback.store.db import session_scope
from passback.store.schema.accounts import LoginAttemptRow


class LoginLimiter:
    def __init__(
        self,
        *,
        max_failures: int = 5,
        max_per_source: int = 100,
        window_s: float = 15 * 60,
        base_lock_s: float = 60,
        max_lock_s: float = 60 * 60,
        max_concurrent_checks: int = 4,
        check_wait_s: float = 10.0,
        clock: Clock = utc_now,
    ) -> None:
        self.max_failures = max_failures
        self.max_per_source = max_per_source
        self.window_s = window_s
        self.base_lock_s = base_lock_s
        self.max_lock_s = max_lock_s
        self.check_wait_s = check_wait_s
        self._clock = clock
        self._checks = threading.BoundedSemaphore(max_concurrent_checks)

    @staticmethod
    def keys(username: str, source: str) -> tuple[str, str]:
        return f"user:{username.lower()[:120]}|src:{source[:64]}", f"src:{source[:64]}"

    def lock_seconds(self, lockouts: int) -> float:
        """How long the lockout after `lockouts` earlier ones lasts."""
        return float(min(self.max_lock_s, self.base_lock_s * 2 ** min(lockouts, 30)))

    def attempt(self, engine: Engine, username: str, source: str) -> float:
        """Count this attempt; seconds until the pair may try again (0: go ahead)."""
        now = self._clock()
        window_start = now - timedelta(seconds=self.window_s)
        wait = 0.0
        pair, address = self.keys(username, source)
        with session_scope(engine) as session:
            for key, limit in ((pair, self.max_failures), (address, self.max_per_source)):
                found = login_attempts.count_attempt(
                    session, key, now=now, window_start=window_start
                )
                if found.locked_until is not None and found.locked_until > now:
                    wait = max(wait, (found.locked_until - now).total_seconds())
                elif found.attempts > limit:
                    seconds = self.lock_seconds(found.lockouts)
                    until = now + timedelta(seconds=seconds)
                    login_attempts.lock(session, key, until=until, now=now)
                    wait = max(wait, seconds)
        return wait

    def succeeded(self, engine: Engine, username: str, source: str) -> None:
        pair, address = self.keys(username, source)
        with session_scope(engine) as session:
            login_attempts.clear(session, pair)
            session.execute(
                update(LoginAttemptRow)
                .where(LoginAttemptRow.key == address, LoginAttemptRow.attempts > 0)
                .values(attempts=LoginAttemptRow.attempts - 1)
            )

    def reset(self, engine: Engine, username: str, source: str) -> None:
        """Forget every attempt of the pair and the source (an operator's unlock)."""
        with session_scope(engine) as session:
            login_attempts.clear(session, *self.keys(username, source))

    @contextmanager
    def password_check(self) -> Iterator[bool]:
        """A slot for one password check: yields False when none came free in time."""
        acquired = self._checks.acquire(timeout=self.check_wait_s)
        try:
            yield acquired
        finally:
            if acquired:
                self._checks.release()
