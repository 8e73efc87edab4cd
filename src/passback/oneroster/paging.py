"""Paging over a OneRoster collection, as a small state machine with no I/O.

The client asks `next_params()` (or follows `next_url`), fetches, and hands the page to
`accept()`, which returns the records not seen before and decides whether another page is
needed. The rules (reference oneroster-1.1.md §7, corrected 2026-12), chosen so that no
server behaviour seen in the field can end a read early without it being noticed:

- a well-formed `Link rel="next"` (same origin as the request) is followed whenever the
  server sends one; when a server that sent Links sends none, its chain has ended;
- otherwise offsets advance by the number of records *received* (servers cap `limit`
  silently) and the read ends at an empty page. A short page proves nothing;
- `X-Total-Count` is a cross-check only: once the offset has passed the total *and* that
  many distinct records have arrived the read may end without the extra empty page (a
  1-based server re-sends one record per page, so the offset alone is not enough);
- an inconsistency — the same page twice (a server ignoring `offset`), pages that bring
  nothing new again and again, a total that shrinks, fewer distinct records than the
  total at the end — sets `inconsistent`; the client then fails the read loudly rather
  than hand back a partial collection as if it were whole.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

# Pages in a row that bring no record not seen before, before the read is given up as
# inconsistent. One such page is normal: a 1-based server answers the offset just past the
# end with the last record again (then an empty page). Two in a row is a server that
# ignores `offset` and would send its first page for ever.
_STALE_PAGES = 2


class OffsetPager:
    """Tracks limit/offset (or Link) paging for one collection read."""

    def __init__(self, page_size: int) -> None:
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, got {page_size}")
        self.page_size = page_size
        self.offset = 0
        self.pages = 0
        self.done = False
        self.total: int | None = None
        # The URL of the next page when the server links its pages (Link rel="next").
        self.next_url: str | None = None
        self.linked = False
        # Why the read cannot be trusted (set together with done), else None.
        self.inconsistent: str | None = None
        self._seen: set[str] = set()
        self._followed: set[str] = set()
        self._stale = 0

    @property
    def received(self) -> int:
        """Distinct records received so far."""
        return len(self._seen)

    @property
    def repeated_page(self) -> bool:
        return self.inconsistent is not None

    def next_params(self) -> dict[str, str]:
        return {"limit": str(self.page_size), "offset": str(self.offset)}

    def accept(
        self,
        items: Sequence[Any],
        total: int | None,
        next_url: str | None = None,
        *,
        linked: bool = False,
    ) -> list[Any]:
        """Take one page (its records, X-Total-Count, Link rel="next" if any, and whether
        it had Link headers at all); return its records that were not on an earlier page.
        A server that sends Link headers pages by them: a page without a next link is its
        last."""
        self.pages += 1
        keys = [_identity(item) for item in items]
        fresh = []
        for key, item in zip(keys, items, strict=True):
            if key not in self._seen:
                self._seen.add(key)
                fresh.append(item)
        if total is not None:
            if self.total is not None and total < self.total:
                return self._fail(
                    f"the total (X-Total-Count) shrank from {self.total} to {total} during the read"
                )
            self.total = total
        self._stale = 0 if fresh or not items else self._stale + 1
        if self._stale >= _STALE_PAGES:
            return self._fail(
                f"{self._stale} pages in a row repeated records already received (the "
                "server ignores offset)",
                fresh,
            )
        self.linked = self.linked or linked
        # Servers may cap `limit` below what was asked, so advance by what actually came.
        self.offset += len(items)

        if next_url is not None and items:
            if next_url in self._followed:
                return self._fail(f"the next link {next_url} came round again", fresh)
            self._followed.add(next_url)
            self.linked = True
            self.next_url = next_url
            return fresh
        self.next_url = None
        if not items or self.linked:
            # An empty page, or the end of a linked chain.
            self._end()
        elif self.total is not None and self.offset >= self.total <= self.received:
            # The total reached and that many distinct records came: the end. (A server
            # that overlaps its pages, 1-based offsets, reaches the offset first and paging
            # goes on to the empty page.)
            self.done = True
        return fresh

    def _end(self) -> None:
        self.done = True
        if self.total is not None and self.received < self.total:
            self.inconsistent = (
                f"the read ended with {self.received} of the {self.total} records the "
                "server's X-Total-Count announced"
            )

    def _fail(self, why: str, fresh: list[Any] | None = None) -> list[Any]:
        self.done = True
        self.inconsistent = why
        return fresh or []


def parse_total(value: str | None) -> int | None:
    """`X-Total-Count` as an int; None when missing or not a number."""
    if value is None:
        return None
    try:
        total = int(value.strip())
    except ValueError:
        return None
    return total if total >= 0 else None


def next_link(links: Mapping[str | None, Mapping[str, str]]) -> str | None:
    """The `rel="next"` URL of a parsed Link header (httpx's `Response.links`); a server
    that writes `ref=` for `rel=` (seen in the field) is understood too."""
    for link in links.values():
        if "next" in (link.get("rel"), link.get("ref")):
            url = link.get("url")
            return url.strip() if url and url.strip() else None
    return None


def _identity(item: Any) -> str:
    if isinstance(item, Mapping):
        sourced_id = item.get("sourcedId")
        if isinstance(sourced_id, str) and sourced_id.strip():
            return "id:" + sourced_id.strip()
    # Records without a sourcedId are compared whole.
    return "doc:" + json.dumps(item, sort_keys=True, default=str)
