"""Reading the imsx status object a OneRoster server sends with an error.

Servers disagree on the envelope (a bare status object, a `statusInfoSet` list, an
`imsx_statusInfo` wrapper, codeMinor as a nested object or a plain string, OAuth-style
`error`/`error_description`, or no JSON at all from a gateway), so every shape is read
defensively and nothing here ever raises.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# A gateway's HTML page is not worth more than a line in an error message.
_MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class ImsxStatus:
    """What a server said about a failed (or warned) request."""

    code_major: str | None = None
    severity: str | None = None
    description: str | None = None
    code_minor: tuple[str, ...] = ()
    # True when `description` is the start of a body that was not JSON (a gateway's page):
    # kept for the logs, never shown to people (`summary`).
    from_text: bool = False


def parse_status(body: bytes) -> ImsxStatus:
    """Extract the status from a response body of any shape; an empty status if there is none."""
    if not body.strip():
        return ImsxStatus()
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return ImsxStatus(description=_plain_text(body), from_text=True)
    statuses = list(_status_objects(data))
    if not statuses:
        if isinstance(data, str) and data.strip():
            return ImsxStatus(description=_shorten(data), from_text=True)
        return ImsxStatus()
    return _merge(statuses)


def _status_objects(data: Any) -> Iterable[Mapping[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _status_objects(item)
        return
    if not isinstance(data, Mapping):
        return
    wrapped = _get(data, "statusInfoSet", "imsx_statusInfo", "imsx_statusInfoSet", "statusInfo")
    if wrapped is not None:
        yield from _status_objects(wrapped)
        return
    if any(_get(data, key) is not None for key in _STATUS_KEYS):
        yield data


_STATUS_KEYS = (
    "imsx_codeMajor",
    "imsx_description",
    "imsx_CodeMinor",
    "imsx_severity",
    "error",
    "error_description",
    "message",
)


def _merge(statuses: list[Mapping[str, Any]]) -> ImsxStatus:
    majors = [v for s in statuses if (v := _text(_get(s, "imsx_codeMajor")))]
    severities = [v for s in statuses if (v := _text(_get(s, "imsx_severity")))]
    descriptions: list[str] = []
    minors: list[str] = []
    for status in statuses:
        text = _text(_get(status, "imsx_description", "error_description", "message"))
        if text and text not in descriptions:
            descriptions.append(text)
        for minor in _code_minor_values(_get(status, "imsx_CodeMinor", "error")):
            if minor not in minors:
                minors.append(minor)
    return ImsxStatus(
        code_major=majors[0] if majors else None,
        severity=severities[0] if severities else None,
        description=_shorten("; ".join(descriptions)) if descriptions else None,
        code_minor=tuple(minors),
    )


def _code_minor_values(value: Any) -> Iterable[str]:
    if value is None:
        return
    if isinstance(value, str):
        if value.strip():
            yield value.strip()
        return
    if isinstance(value, list):
        for item in value:
            yield from _code_minor_values(item)
        return
    if isinstance(value, Mapping):
        field_value = _get(value, "imsx_codeMinorFieldValue")
        if field_value is not None:
            yield from _code_minor_values(field_value)
            return
        yield from _code_minor_values(_get(value, "imsx_codeMinorField"))


def _get(data: Mapping[str, Any], *names: str) -> Any:
    """Look keys up case-insensitively: vendors spell `imsx_CodeMinor` every possible way."""
    lowered = {str(k).lower(): v for k, v in data.items()}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _plain_text(body: bytes) -> str | None:
    text = body.decode("utf-8", errors="replace")
    return _shorten(text) if text.strip() else None


def _shorten(text: str) -> str:
    collapsed = " ".join(text.split())
    if len(collapsed) <= _MAX_TEXT:
        return collapsed
    return collapsed[: _MAX_TEXT - 1] + "…"


# What a person may see of a SIS's answer: its status and the imsx fields, no more.
SUMMARY_MAX = 160


def summary(status: int | None, imsx: ImsxStatus) -> str:
    """A short, sanitised account of a SIS answer for the console and the API: the HTTP
    status, imsx codeMajor and description (printable characters only, length-capped).
    Never the body itself: the operator finds the full error in the logs."""
    parts = [f"HTTP {status}" if status is not None else "no answer"]
    if imsx.code_major:
        parts.append(f"codeMajor {_printable(imsx.code_major)[:20]}")
    text = "; ".join(parts)
    if imsx.description and not imsx.from_text:
        text += f": {_printable(imsx.description)}"
    if len(text) > SUMMARY_MAX:
        text = text[: SUMMARY_MAX - 1] + "…"
    return text


def _printable(text: str) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())
