"""Notification deliveries and failures in the metrics, by channel, as the mail server
goes down and comes back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from prometheus_client.parser import text_string_to_metric_families

from passback.notify.settings import NotifySettings
from passback.observability.metrics import Metrics
from passback.operations.runtime import Runtime

from .conftest import District, Mail


def counts(metrics: Metrics) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = {}
    for family in text_string_to_metric_families(metrics.exposition().decode()):
        for sample in family.samples:
            if sample.name.startswith("passback_notification") and sample.name.endswith("_total"):
                out[sample.name, sample.labels["channel"]] = sample.value
    return out


def runtime(district: District, metrics: Metrics, now: datetime) -> Runtime:
    """The process as `passback worker` builds it: notifications from the environment,
    deliveries counted in its metrics."""
    return Runtime(
        district.engine,
        district.box,
        clock=lambda: now,
        notify=NotifySettings.from_env(),
        metrics=metrics,
    )


def test_deliveries_and_failures_are_counted_by_channel(district: District, smtp_env: Mail) -> None:
    metrics = Metrics(district.engine)
    district.sync()  # "passback is live" and the run summary wait to be mailed
    t0 = datetime.now(UTC)
    runtime(district, metrics, t0).deliver(district.engine)  # the mail server is down
    assert counts(metrics) == {("passback_notification_failures_total", "email"): 2}
    smtp_env.start()
    runtime(district, metrics, t0 + timedelta(minutes=5)).deliver(district.engine)
    assert counts(metrics) == {
        ("passback_notification_failures_total", "email"): 2,
        ("passback_notifications_total", "email"): 2,
    }
    assert len(smtp_env.inbox.messages) == 2
