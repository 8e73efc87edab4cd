"""On-demand sync requests. A first, in-process implementation: one background thread per
requested run, at most one run per district at a time, repeated requests for a district that
already has one pending collapse into it."""

from __future__ import annotations

import asyncio
import threading
import uuid
from dataclasses import dataclass, replace

from sqlalchemy import Engine

from passback.secrets import SecretBox
from passback.sync.service import SyncRequest, run_sync


@dataclass(frozen=True)
class JobInfo:
    id: str
    district: str
    status: str  # queued | running | done | failed
    run_id: str | None = None
    error: str | None = None


_lock = threading.Lock()
_jobs: dict[str, JobInfo] = {}
_pending: dict[str, str] = {}  # district -> queued job id (collapses repeated requests)
_district_locks: dict[str, threading.Lock] = {}


def request_sync(engine: Engine, box: SecretBox, request: SyncRequest) -> JobInfo:
    """Queue a sync; returns at once. A request for a district that already has a queued
    job of the same kind returns that job."""
    key = f"{request.district}|{request.dry_run}|{request.class_id}|{request.teacher}"
    with _lock:
        if key in _pending:
            return _jobs[_pending[key]]
        job = JobInfo(uuid.uuid4().hex, request.district, "queued")
        _jobs[job.id] = job
        _pending[key] = job.id
        district_lock = _district_locks.setdefault(request.district, threading.Lock())

    def work() -> None:
        with district_lock:
            with _lock:
                _pending.pop(key, None)
                _jobs[job.id] = replace(_jobs[job.id], status="running")
            try:
                report = asyncio.run(run_sync(engine, request, box=box))
                outcome = replace(_jobs[job.id], status="done", run_id=report["run"])
            except Exception as exc:  # the run itself records failures; this is a crash
                outcome = replace(_jobs[job.id], status="failed", error=str(exc))
            with _lock:
                _jobs[job.id] = outcome

    threading.Thread(target=work, name=f"sync-{request.district}", daemon=True).start()
    return job


def job_status(job_id: str) -> JobInfo | None:
    with _lock:
        return _jobs.get(job_id)
