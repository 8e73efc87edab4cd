"""A run in batches of classes plans exactly what one batch holding every class plans, in
the same order, and writes the same things."""

from __future__ import annotations

from passback.sync.service import SyncSettings
from passback.sync.stats import RunStats

from .harness import BenchWorld

ONE_BATCH = SyncSettings(batch_classes=1_000_000, batch_scores=1_000_000_000)


def test_small_batches_plan_and_write_what_one_batch_does(bw: BenchWorld) -> None:
    whole = bw.sync(dry_run=True, settings=ONE_BATCH)
    stats = RunStats()
    batched = bw.sync(dry_run=True, settings=SyncSettings(batch_classes=3, stats=stats))
    assert stats.batches > 3
    assert list(batched["items"]) == list(whole["items"])
    assert batched["counts"] == whole["counts"]
    assert whole["counts"]["created"] > 50 and whole["counts"]["skipped"] > 50

    first = bw.sync(settings=SyncSettings(batch_classes=3))
    assert first["status"] == "succeeded", first["error"]
    assert first["counts"]["created"] == whole["counts"]["created"]
    assert first["api_calls"]["writes"] == first["counts"]["created"]
    assert len(bw.ours()) == first["counts"]["created"]
    again = bw.sync(settings=SyncSettings(batch_classes=4))
    assert again["api_calls"]["writes"] == 0
    assert again["counts"]["unchanged"] == first["counts"]["created"]


def test_batches_are_cut_by_expected_scores_too(bw: BenchWorld) -> None:
    stats = RunStats()
    settings = SyncSettings(batch_classes=1000, batch_scores=100, stats=stats)
    bw.sync(dry_run=True, settings=settings)
    assert stats.batches > 1
    assert stats.classes >= stats.batches
