"""Offset paging over a OneRoster collection, as a small state machine with no I/O.

The client asks `next_params()`, fetches, and hands the page to `accept()`, which returns
the records not seen before and decides whether another page is needed. It stops when
`X-Total-Count` is reached, or (without that header) on a short page, and also when a page
brings nothing new: a server that ignores `offset` returns the first page again and again,
and that must end the read rather than loop forever.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any


class OffsetPager:
    """Tracks limit/offset paging for one collection read."""

    def __init__(self, page_size: int) -> None:
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, got {page_size}")
        self.page_size = page_size
        self.offset = 0
        self.pages = 0
        self.done = False
        self.repeated_page = False
        self._seen: set[str] = set()

    def next_params(self) -> dict[str, str]:
        return {"limit": str(self.page_size), "offset": str(self.offset)}

    def accept(self, items: Sequence[Any], total: int | None) -> list[Any]:
        """Take one page; return its records that were not on an earlier page."""
        self.pages += 1
        fresh = []
        for item in items:
            key = _identity(item)
            if key not in self._seen:
                self._seen.add(key)
                fresh.append(item)
        # Servers may cap `limit` below what was asked, so advance by what actually came.
        self.offset += len(items)
        if items and not fresh:
            self.repeated_page = True
            self.done = True
        elif total is not None:
            self.done = not items or self.offset >= total
        else:
            self.done = len(items) < self.page_size
        return fresh


def parse_total(value: str | None) -> int | None:
    """`X-Total-Count` as an int; None when missing or not a number."""
    if value is None:
        return None
    try:
        total = int(value.strip())
    except ValueError:
        return None
    return total if total >= 0 else None


def _identity(item: Any) -> str:
    if isinstance(item, Mapping):
        sourced_id = item.get("sourcedId")
        if isinstance(sourced_id, str) and sourced_id.strip():
            return "id:" + sourced_id.strip()
    # Records without a sourcedId are compared whole.
    return "doc:" + json.dumps(item, sort_keys=True, default=str)
