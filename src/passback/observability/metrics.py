"""The Prometheus metrics of one passback process (the web app or a worker).

Each process builds one `Metrics` at its composition root and hands it down: as the run
observer (`SyncSettings.observer`), to the queue's stalled-job reaper and to the notifier.
Nothing here is module-global, so two apps (or two tests) never share counts.

Counters count what this process did (Prometheus sums them over processes); the gauges of
the queue and of the nightly runs are read from the database at scrape time, so every
process reports the same. Labels carry district ids only (never names or student data) and
come from bounded sets: districts, HTTP methods, status classes, object kinds, actions,
reason codes, triggers, run outcomes, notification channels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

import structlog
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import Engine

from passback.core.clock import utc_now
from passback.operations.runtime import RunOutcome
from passback.operations.signals import read_signals

log = structlog.get_logger(__name__)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
RUN_SECONDS = (1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400)
SIS_SECONDS = (0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
METHODS = frozenset({"GET", "PUT", "POST", "DELETE"})


def status_class(status: int | None) -> str:
    """`2xx` … `5xx` for an answer, `error` for a request that got none (timeout, reset)."""
    if status is None:
        return "error"
    return f"{min(max(status // 100, 1), 5)}xx"


class Metrics:
    """The metric families of one process, in a registry it owns. With an engine, the
    queue and nightly-run gauges are read from that database at each scrape."""

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        stalled_after: timedelta = timedelta(seconds=60),
    ) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.runs = Counter(
            "passback_runs",
            "Sync runs finished, by district, trigger and outcome (succeeded, partial, failed).",
            ["district", "trigger", "outcome"],
            registry=r,
        )
        self.run_seconds = Histogram(
            "passback_run_duration_seconds",
            "Wall-clock seconds of a finished sync run.",
            ["district"],
            buckets=RUN_SECONDS,
            registry=r,
        )
        self.sis_requests = Counter(
            "passback_sis_requests",
            "Requests sent to a district's SIS, by HTTP method and status class "
            "(error: no answer).",
            ["district", "method", "status_class"],
            registry=r,
        )
        self.sis_seconds = Histogram(
            "passback_sis_request_duration_seconds",
            "Seconds until the SIS's response headers (or the failure) of each request.",
            ["district"],
            buckets=SIS_SECONDS,
            registry=r,
        )
        self.sis_retries = Counter(
            "passback_sis_retries",
            "SIS requests sent again after a retryable failure (429, 5xx, timeout).",
            ["district"],
            registry=r,
        )
        self.sis_throttled = Counter(
            "passback_sis_throttled",
            "SIS answers 429 (too many requests).",
            ["district"],
            registry=r,
        )
        self.writes = Counter(
            "passback_writes",
            "Objects written to the SIS by real runs, by kind (lineItem, result) and "
            "action (create, update, delete).",
            ["district", "kind", "action"],
            registry=r,
        )
        self.write_errors = Counter(
            "passback_write_errors",
            "Writes the SIS refused or never answered (report items with action error).",
            ["district", "kind"],
            registry=r,
        )
        self.skips = Counter(
            "passback_skips",
            "Scores and assessments skipped by real runs, by main reason code.",
            ["district", "reason"],
            registry=r,
        )
        self.conflicts = Counter(
            "passback_conflicts",
            "Objects left alone by real runs because someone changed them in the SIS.",
            ["district"],
            registry=r,
        )
        self.stalled_requeued = Counter(
            "passback_stalled_jobs_requeued",
            "Jobs of a worker that stopped beating, put back in the queue by this process.",
            registry=r,
        )
        self.notifications = Counter(
            "passback_notifications",
            "Notification deliveries sent, by channel (email, webhook).",
            ["channel"],
            registry=r,
        )
        self.notification_failures = Counter(
            "passback_notification_failures",
            "Notification delivery attempts that failed (most are retried), by channel.",
            ["channel"],
            registry=r,
        )
        self._per_request: dict[tuple[str, str, int | None], tuple[Any, Any]] = {}
        if engine is not None:
            r.register(StoreCollector(engine, stalled_after=stalled_after))

    # --- the run observer (passback.sync.observe.RunObserver) ------------------------------

    def sis_request(self, district: str, method: str, status: int | None, seconds: float) -> None:
        # called for every SIS request: the labelled children are looked up once
        key = (district, method, status)
        found = self._per_request.get(key)
        if found is None:
            verb = method if method in METHODS else "OTHER"
            found = self._per_request[key] = (
                self.sis_requests.labels(district, verb, status_class(status)),
                self.sis_seconds.labels(district),
            )
        found[0].inc()
        found[1].observe(seconds)
        if status == 429:
            self.sis_throttled.labels(district).inc()

    def run_finished(self, outcome: RunOutcome) -> None:
        district = outcome.district
        self.runs.labels(district, outcome.trigger, outcome.status).inc()
        self.run_seconds.labels(district).observe(outcome.seconds)
        if outcome.retries:
            self.sis_retries.labels(district).inc(outcome.retries)
        if outcome.dry_run:
            return  # a dry run writes nothing; its decisions are in its report
        tally = outcome.tally
        for (kind, action), n in tally.writes.items():
            self.writes.labels(district, kind, action).inc(n)
        for kind, n in tally.errors.items():
            self.write_errors.labels(district, kind).inc(n)
        for reason, n in tally.skips.items():
            self.skips.labels(district, reason).inc(n)
        if tally.conflicts:
            self.conflicts.labels(district).inc(tally.conflicts)

    # --- the queue and the notifier --------------------------------------------------------

    def stalled_jobs(self, requeued: int) -> None:
        if requeued:
            self.stalled_requeued.inc(requeued)

    def delivered(self, sent: Mapping[str, int], failed: Mapping[str, int]) -> None:
        for channel, n in sent.items():
            self.notifications.labels(channel).inc(n)
        for channel, n in failed.items():
            self.notification_failures.labels(channel).inc(n)

    def exposition(self) -> bytes:
        """The Prometheus text format of everything in the registry."""
        return generate_latest(self.registry)


class StoreCollector(Collector):
    """Gauges read from the database at each scrape: the queue, stalled jobs, and each
    district's nightly runs. A database that cannot be read gives `passback_store_up 0`
    and none of the others (never a failed scrape)."""

    def __init__(self, engine: Engine, *, stalled_after: timedelta) -> None:
        self.engine = engine
        self.stalled_after = stalled_after

    def describe(self) -> Iterable[Metric]:
        return []  # read at scrape time; nothing to check at registration

    def collect(self) -> Iterable[Metric]:
        try:
            signals = read_signals(self.engine, now=utc_now(), stalled_after=self.stalled_after)
        except Exception as exc:
            log.warning("metrics.store_unreadable", error=type(exc).__name__)
            yield GaugeMetricFamily(
                "passback_store_up", "1 when the database could be read for this scrape.", 0
            )
            return
        yield GaugeMetricFamily(
            "passback_store_up", "1 when the database could be read for this scrape.", 1
        )
        queue, nights = signals.queue, signals.nights
        jobs = GaugeMetricFamily(
            "passback_queue_jobs",
            "Sync jobs by state: queued (due, waiting for a worker), scheduled (queued for "
            "later: retries with backoff), running.",
            labels=["state"],
        )
        jobs.add_metric(["queued"], queue.queued)
        jobs.add_metric(["scheduled"], queue.scheduled)
        jobs.add_metric(["running"], queue.running)
        yield jobs
        yield GaugeMetricFamily(
            "passback_queue_oldest_job_age_seconds",
            "How long the longest-waiting due job has waited for a worker (0: none waits).",
            queue.oldest_queued_age,
        )
        yield GaugeMetricFamily(
            "passback_jobs_stalled",
            "Running jobs whose worker has stopped beating (not yet put back in the queue).",
            queue.stalled,
        )
        completed = GaugeMetricFamily(
            "passback_nightly_last_success_timestamp_seconds",
            "Unix time the district's latest nightly run that got through (succeeded or "
            "partial) finished; absent when none in 30 days.",
            labels=["district"],
        )
        failed = GaugeMetricFamily(
            "passback_nightly_failed_in_a_row",
            "The district's latest nightly runs that failed, counted back from the newest.",
            labels=["district"],
        )
        for district, night in sorted(nights.items()):
            if night.last_completed is not None:
                completed.add_metric([district], night.last_completed.timestamp())
            failed.add_metric([district], night.failed_in_a_row)
        yield completed
        yield failed
