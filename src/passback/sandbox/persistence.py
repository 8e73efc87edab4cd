"""Writing fixtures and the `--state` file: one object per line, replaced atomically, and a
debounced background writer that saves shortly after changes and once more on shutdown.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import structlog

from passback.sandbox.state import SandboxState

log = structlog.get_logger("passback.sandbox")


def fixture_text(fixture: dict[str, Any]) -> str:
    """Fixture JSON with one object per line: compact, yet diffs stay readable."""
    parts = []
    for key, value in fixture.items():
        if isinstance(value, list):
            rows = ",\n".join(json.dumps(item, ensure_ascii=False) for item in value)
            body = f"[\n{rows}\n]" if value else "[]"
        else:
            body = json.dumps(value, ensure_ascii=False)
        parts.append(f"{json.dumps(key)}: {body}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def save_fixture(fixture: dict[str, Any], path: str | Path) -> None:
    """Write atomically: a temporary file beside the target, fsynced, then renamed over it."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fp:
            fp.write(fixture_text(fixture))
            fp.flush()
            os.fsync(fp.fileno())
        # mkstemp creates 0600; a fixture is ordinary data (sandbox secrets are demo values).
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class StatePersister:
    """Saves the state to `path` `delay_s` after the last change (at most `max_delay_s` after
    the first unsaved one), and on `stop()`."""

    def __init__(
        self, state: SandboxState, path: str | Path, delay_s: float = 0.5, max_delay_s: float = 3.0
    ) -> None:
        self.state = state
        self.path = Path(path)
        self.delay_s = delay_s
        self.max_delay_s = max_delay_s
        self._cond = threading.Condition()
        self._dirty_since: float | None = None
        self._last_change = 0.0
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="sandbox-persister", daemon=True)
        self.saves = 0

    def start(self) -> None:
        self.state.add_listener(self._changed)
        self._thread.start()

    def stop(self) -> None:
        """Stop the writer and save the final state."""
        self.state.remove_listener(self._changed)
        with self._cond:
            self._stopping = True
            self._cond.notify()
        self._thread.join()
        self.save()

    def save(self) -> None:
        fixture = self.state.to_fixture()
        started = time.perf_counter()
        save_fixture(fixture, self.path)
        self.saves += 1
        log.debug(
            "sandbox.state_saved",
            path=str(self.path),
            seconds=round(time.perf_counter() - started, 3),
        )

    def _changed(self) -> None:
        with self._cond:
            now = time.monotonic()
            if self._dirty_since is None:
                self._dirty_since = now
            self._last_change = now
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._dirty_since is None and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                assert self._dirty_since is not None
                due = min(self._last_change + self.delay_s, self._dirty_since + self.max_delay_s)
                wait = due - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                self._dirty_since = None
            try:
                self.save()
            except OSError as exc:
                log.warning("sandbox.state_save_failed", path=str(self.path), error=str(exc))
