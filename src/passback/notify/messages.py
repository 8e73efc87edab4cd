"""The words of each notification: subject, plain-text body and the webhook payload.

Bodies carry counts, reason codes, assessment and class ids and teacher ids; never student
names or anything secret.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from passback.core.domain import District
from passback.core.reasons import Reason

COUNT_WORDS = (
    ("created", "created in the SIS"),
    ("updated", "updated"),
    ("deleted", "removed"),
    ("unchanged", "already up to date"),
    ("skipped", "not sent (each with its reason)"),
    ("conflicts", "left alone because a teacher changed them in the SIS"),
    ("errors", "refused by the SIS"),
)


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    payload: dict[str, Any]


def summary(report: Mapping[str, Any]) -> dict[str, Any]:
    """The report without its items (what a webhook carries)."""
    return {key: value for key, value in report.items() if key != "items"}


def _counts(report: Mapping[str, Any]) -> str:
    counts = report.get("counts") or {}
    return "\n".join(f"  {counts.get(key, 0):>6}  {words}" for key, words in COUNT_WORDS)


def _reason_lines(report: Mapping[str, Any]) -> list[str]:
    reasons: Counter[str] = Counter()
    for item in report.get("items", ()):
        if item.get("action") == "skip":
            reasons.update(item.get("reasons") or ())
    lines = []
    for code, n in reasons.most_common(8):
        lines.append(f"  {n:>6}  {code}: {_why(code)}")
    return lines


def _why(code: str) -> str:
    try:
        return Reason(code).message
    except ValueError:
        return code


def first_sync(district: District, report: Mapping[str, Any]) -> Message:
    lines = [
        f"passback is live for {district.name} ({district.id}).",
        "",
        f"The first sync finished on {report.get('finished_at') or report.get('started_at')}"
        f" (run {report['run']}, evaluated as of {report['as_of']}, status {report['status']}).",
        "",
        "What it did:",
        _counts(report),
    ]
    reasons = _reason_lines(report)
    if reasons:
        lines += ["", "Why scores were not sent (most common first):", *reasons]
    lines += [
        "",
        "From now on passback syncs every night and whenever someone asks for a sync.",
        f"The full report: passback report {report['run']}",
    ]
    return Message(
        subject=f"passback is live for {district.name}: first sync completed",
        body="\n".join(lines) + "\n",
        payload={"event": "first_sync", "district": district.id, "report": summary(report)},
    )


def run_failed(district: District, report: Mapping[str, Any]) -> Message:
    lines = [
        f"A passback run for {district.name} ({district.id}) failed.",
        "",
        f"Run: {report['run']} (started by {report.get('trigger')}, "
        f"as of {report['as_of']}, started {report.get('started_at')})",
        f"Why: {report.get('error') or 'see the report'}",
        "",
        "What it did before it stopped:",
        _counts(report),
        "",
        "Nothing is lost: the next run picks up where this one stopped. Scheduled runs are",
        "tried again automatically.",
        f"The full report: passback report {report['run']}",
    ]
    return Message(
        subject=f"passback run failed for {district.name}",
        body="\n".join(lines) + "\n",
        payload={"event": "run_failed", "district": district.id, "report": summary(report)},
    )


def digest(district: District, report: Mapping[str, Any], teacher_of: Mapping[str, str]) -> Message:
    """Skipped scores of a nightly run grouped by the teacher who assigned them."""
    per_teacher: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
    for item in report.get("items", ()):
        if item.get("action") != "skip" or item.get("kind") != "result":
            continue
        teacher = teacher_of.get(item["assessment"], "(unknown)")
        for code in item.get("reasons") or ():
            per_teacher[teacher][(item["assessment"], item["class"], code)] += 1
    lines = [
        f"Scores not sent to the SIS by last night's run for {district.name}"
        f" (run {report['run']}, as of {report['as_of']}), per teacher:",
    ]
    payload_teachers: dict[str, list[dict[str, Any]]] = {}
    for teacher in sorted(per_teacher):
        lines += ["", f"Teacher {teacher}:"]
        rows = []
        for (assessment, class_id, code), n in sorted(per_teacher[teacher].items()):
            lines.append(f"  {n:>4} score(s)  {assessment} in {class_id}: {code} — {_why(code)}")
            rows.append({"assessment": assessment, "class": class_id, "reason": code, "scores": n})
        payload_teachers[teacher] = rows
    total = sum(sum(c.values()) for c in per_teacher.values())
    return Message(
        subject=f"passback nightly digest for {district.name}: {total} score(s) not sent",
        body="\n".join(lines) + "\n",
        payload={
            "event": "digest",
            "district": district.id,
            "run": report["run"],
            "as_of": report["as_of"],
            "teachers": payload_teachers,
        },
    )


def has_skipped_results(report: Mapping[str, Any]) -> bool:
    return any(
        i.get("action") == "skip" and i.get("kind") == "result" for i in report.get("items", ())
    )
