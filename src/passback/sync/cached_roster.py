"""The SIS roster and passback's own lineItems, cached between runs.

A large district's roster is hundreds of pages (a quarter of a million enrollments) and its
gradebook holds hundreds of thousands of lineItems, yet from one night to the next little
of it changes. So a run reads, per roster collection:

- whatever changed since the last run: `filter=dateLastModified>='<newest seen, less
  CachePolicy.lookback>'` (a day earlier: a SIS may stamp two objects in one millisecond,
  or stamp a change a little in the past);
- the ids of what is there now (`fields=sourcedId`, large pages): what the cache holds
  beyond those ids was deleted in the SIS (a delta read cannot show a deletion);
- tonight's slice of the collection, read whole and compared with the cache (a rolling
  content check: `slice_filter` cuts the cached ids into `CachePolicy.slices` ranges, one
  per night), so a change the SIS did not stamp is found within a week;

and the whole collection when the cache is empty, belongs to another SIS connection, is
older than `full_every` (weekly by default), on demand (`passback sync --refresh-roster`),
or when the SIS cannot filter by `dateLastModified`. An unchanged roster costs three reads
per collection whatever the district's size (and a seventh of its records).

passback's lineItems (ids `pbl-…`) are cached the same way, in rows per class, and kept in
step with the run's own writes; a batch then reads only `/classes/{id}/results` per class
(`CachedGradebook`). Results are not cached: teachers edit scores, and every run must see
their edits (and deletions) to report them.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import structlog
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from passback.core.domain import District
from passback.core.refs import ref_id
from passback.core.sis_view import SisContext
from passback.core.writes import LINE_ITEM_FIELDS, LINE_ITEM_PREFIX
from passback.oneroster.errors import RecordRejected
from passback.store import names as name_store
from passback.store import roster_cache as cache_store
from passback.store.db import session_scope
from passback.store.roster_cache import CacheState
from passback.sync.roster import ROSTER, PerClassGradebook, context_from_records, trimmed_ids

log = structlog.get_logger(__name__)

# Bump when what is kept of a record changes: the caches then refill from the SIS.
CACHE_VERSION = "2"  # 2: users keep their names; students are read for names
LINE_ITEMS = "lineItems"
# passback's lineItems, by id range ("pbl-" up to "pbl." exclusive): plain comparisons
OURS = f"sourcedId>='{LINE_ITEM_PREFIX}' AND sourcedId<'{LINE_ITEM_PREFIX[:-1]}.'"

# What the rules need of each record; references are kept as {"sourcedId": …}.
_KEEP: dict[str, tuple[str, ...]] = {
    "academicSessions": ("type", "title", "startDate", "endDate", "parent"),
    "classes": ("title", "terms"),
    "users": ("role", "enabledUser", "userIds", "givenName", "familyName"),
    "students": ("givenName", "familyName"),
    "enrollments": ("user", "class", "role", "primary", "beginDate", "endDate"),
    "categories": ("title", "metadata"),
    # the fields passback owns on its lineItems, and the class and category they hang on
    LINE_ITEMS: (*LINE_ITEM_FIELDS, "class", "category"),
}
_BASE = ("sourcedId", "status", "dateLastModified")
_METADATA = ("teacher", "userDcid", "TermID", "classId", "categoryType", "isActive")
_REFS = frozenset({"parent", "terms", "user", "class", "category", "gradingPeriod"})


class DeltaReader(Protocol):
    def iter_collection(
        self,
        path: str,
        key: str,
        *,
        filter: str | None = None,
        fields: Sequence[str] | None = None,
        page_size: int | None = None,
    ) -> AsyncIterator[dict[str, Any]]: ...


@dataclass(frozen=True)
class CachePolicy:
    full_every: timedelta = timedelta(days=7)
    refresh: bool = False  # read everything whole now
    page_size: int = 10_000  # for changes and id lists (the SIS may cap it lower)
    # changes are read from this long before the newest stamp seen: a change the SIS
    # stamped a little in the past (a slow transaction, a clock behind) is still read
    lookback: timedelta = timedelta(days=1)
    # each night one of this many id-range slices of every cached collection is read
    # whole and compared, so a change the SIS did not stamp at all is found within that
    # many nights without reading everything on one night (0: no slices)
    slices: int = 7


def source_key(district: District) -> str:
    """Which SIS connection cached records came from: a new URL or client reads afresh."""
    text = "\x1f".join((CACHE_VERSION, district.sis.base_url, district.sis.client_id))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _slim_ref(value: Any) -> Any:
    """A reference (or a list of them) as the cache keeps it: the id alone (`ref_id`)."""
    if isinstance(value, Mapping):
        return {"sourcedId": ref_id(value)}
    if isinstance(value, list):
        return [_slim_ref(v) for v in value]
    return value


def compact(collection: str, obj: Mapping[str, Any]) -> dict[str, Any]:
    """What the cache keeps of a record: the fields the rules (or the planner) read."""
    out = {k: obj[k] for k in _BASE if k in obj}
    if isinstance(out.get("sourcedId"), str):
        out["sourcedId"] = out["sourcedId"].strip()
    for key in _KEEP[collection]:
        if key not in obj:
            continue
        value = obj[key]
        if key == "metadata":
            if isinstance(value, Mapping):
                value = {k: value[k] for k in _METADATA if k in value}
        elif key == "userIds":  # only the dcid (see passback.sync.roster.user_dcid)
            if not isinstance(value, list):
                continue
            value = [
                e
                for e in value
                if isinstance(e, Mapping) and str(e.get("type", "")).strip().lower() == "dcid"
            ]
        elif key in _REFS:
            value = _slim_ref(value)
        out[key] = value
    return out


def _and(first: str | None, second: str) -> str:
    return second if first is None else f"{first} AND {second}"


def _newest(records: Iterable[Mapping[str, Any]], start: str | None = None) -> str | None:
    """The newest `dateLastModified` (ISO 8601 UTC text compares in time order)."""
    newest = start
    for record in records:
        stamp = record.get("dateLastModified")
        if isinstance(stamp, str) and (newest is None or stamp > newest):
            newest = stamp
    return newest


def _since(watermark: str | None, lookback: timedelta) -> str | None:
    """The stamp changes are read from: the watermark less the lookback, written like
    the SIS writes its stamps (the watermark itself when it cannot be read as a time)."""
    if watermark is None or not lookback:
        return watermark
    try:
        moment = datetime.fromisoformat(watermark.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return watermark
    if moment.tzinfo is None:
        return watermark
    earlier = (moment - lookback).astimezone(UTC)
    return earlier.strftime("%Y-%m-%dT%H:%M:%S.") + f"{earlier.microsecond // 1000:03d}Z"


def slice_filter(ids: Iterable[str], slices: int, now: datetime) -> str | None:
    """Tonight's id range of a collection (`sourcedId>='…' AND sourcedId<'…'`): the
    cached ids in order, cut in `slices` ranges, range number (day number mod `slices`).
    None when there is nothing to slice. The first and the last range are open-ended, so
    ids added since are read too."""
    ordered = sorted(ids)
    if slices < 1 or not ordered:
        return None
    if slices == 1 or len(ordered) < slices:
        return "sourcedId>=''"
    k = now.toordinal() % slices
    low = ordered[k * len(ordered) // slices] if k > 0 else None
    high = ordered[(k + 1) * len(ordered) // slices] if k + 1 < slices else None
    parts = [f"sourcedId>='{_quoted(low)}'"] if low is not None else []
    if high is not None:
        parts.append(f"sourcedId<'{_quoted(high)}'")
    return " AND ".join(parts)


def _quoted(value: str) -> str:
    return value.replace("'", "''")


def _delta_capable(records: Iterable[Mapping[str, Any]]) -> bool:
    return all(isinstance(r.get("sourcedId"), str) and r.get("dateLastModified") for r in records)


@dataclass
class _Refresh:
    """One collection's refresh: what was read and what to store."""

    records: list[dict[str, Any]]
    how: str  # full | delta | cached
    reads: int
    state: CacheState | None = None  # to store; None: unchanged
    store_records: bool = False


async def _all(
    reader: DeltaReader, path: str, key: str, collection: str, **kw: Any
) -> list[dict[str, Any]]:
    return [compact(collection, obj) async for obj in reader.iter_collection(path, key, **kw)]


async def _ids(reader: DeltaReader, path: str, key: str, flt: str | None, page: int) -> set[str]:
    found: set[str] = set()
    async for obj in reader.iter_collection(
        path, key, filter=flt, fields=["sourcedId"], page_size=page
    ):
        sid = obj.get("sourcedId")
        if isinstance(sid, str):
            found.add(sid.strip())
    return found


def _full_due(
    state: CacheState | None, source: str, policy: CachePolicy, now: datetime
) -> str | None:
    """Why the collection must be read whole now (None: a delta read will do)."""
    if policy.refresh:
        return "asked"
    if state is None:
        return "empty"
    if state.source != source:
        return "new connection"
    if state.watermark is None:
        return "no delta reads"
    if now - state.full_read_at >= policy.full_every:
        return "scheduled"
    return None


async def _slice(
    reader: DeltaReader,
    name: str,
    cached: Mapping[str, dict[str, Any]],
    present: set[str],
    policy: CachePolicy,
    now: datetime,
) -> list[dict[str, Any]]:
    """Tonight's slice of the collection, read whole (the rolling content check): what
    differs from the cache is a change the SIS did not stamp. Records outside the
    collection's own filter (the ids read) are dropped. A SIS that cannot filter on
    sourcedId ranges (400) is left to the scheduled full read."""
    flt = slice_filter(cached, policy.slices, now)
    if flt is None:
        return []
    path, key, _ = ROSTER[name]
    try:
        read = await _all(reader, path, key, name, filter=flt, page_size=policy.page_size)
    except RecordRejected as exc:
        if exc.status != 400:
            raise
        log.info("roster_cache.slice_unsupported", collection=name)
        return []
    found = [r for r in read if r.get("sourcedId") in present]
    missed = sum(1 for r in found if cached.get(r["sourcedId"], r) != r)
    if missed:
        log.warning("roster_cache.unstamped_changes", collection=name, records=missed)
    return found


async def _refresh_collection(
    reader: DeltaReader,
    name: str,
    state: CacheState | None,
    cached: list[dict[str, Any]] | None,
    *,
    source: str,
    policy: CachePolicy,
    now: datetime,
) -> _Refresh:
    path, key, flt = ROSTER[name]
    why = _full_due(state, source, policy, now)
    if why is None and state is not None and cached is not None:
        try:
            since = _since(state.watermark, policy.lookback)
            changed = await _all(
                reader,
                path,
                key,
                name,
                filter=_and(flt, f"dateLastModified>='{since}'"),
                page_size=policy.page_size,
            )
        except RecordRejected as exc:
            if exc.status != 400:
                raise
            why = "no delta reads"  # the SIS cannot filter on dateLastModified
        else:
            present = await _ids(reader, path, key, flt, policy.page_size)
            by_id = {r["sourcedId"]: r for r in cached}
            sliced = await _slice(reader, name, by_id, present, policy, now)
            changed += sliced
            fresh = [r for r in changed if by_id.get(r.get("sourcedId")) != r]
            by_id.update((r["sourcedId"], r) for r in fresh if isinstance(r.get("sourcedId"), str))
            gone = set(by_id) - present
            if not present - set(by_id) and _delta_capable(changed):
                for sid in gone:
                    del by_id[sid]
                if not fresh and not gone:
                    return _Refresh(cached, "cached", 3 if sliced else 2)
                records = list(by_id.values())
                new_state = CacheState(
                    name,
                    source,
                    _newest(fresh, state.watermark),
                    len(records),
                    state.full_read_at,
                    now,
                )
                return _Refresh(records, "delta", 2, new_state, store_records=True)
            why = "ids differ"  # something appeared that the changes did not show
    records = await _all(reader, path, key, name, filter=flt)
    watermark = _newest(records) if _delta_capable(records) else None
    if why == "no delta reads":
        watermark = None
    new_state = CacheState(name, source, watermark, len(records), now, now)
    log.info("roster_cache.full_read", collection=name, why=why, records=len(records))
    return _Refresh(records, "full", -1, new_state, store_records=True)


async def cached_context(
    engine: Engine,
    reader: DeltaReader,
    district: District,
    *,
    policy: CachePolicy,
    now: datetime,
    report: dict[str, Any] | None = None,
) -> SisContext:
    """The district's `SisContext`, from the cache refreshed as the module says."""
    source = source_key(district)
    with session_scope(engine, read_only=True) as session:
        states = cache_store.load_states(session, district.id)
        cached = {
            name: cache_store.load_records(session, district.id, name)
            for name in ROSTER
            if name in states and _full_due(states[name], source, policy, now) is None
        }
    tasks = [
        asyncio.ensure_future(
            _refresh_collection(
                reader,
                name,
                states.get(name),
                cached.get(name),
                source=source,
                policy=policy,
                now=now,
            )
        )
        for name in ROSTER
    ]
    try:
        refreshed = await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:  # one failed read fails the run: stop the others' retries
            task.cancel()
        raise
    del cached
    with session_scope(engine) as session:
        for done in refreshed:
            if done.state is not None:
                records = done.records if done.store_records else None
                cache_store.save_state(session, district.id, done.state, records)
    changed = {
        name: done.records
        for name, done in zip(ROSTER, refreshed, strict=True)
        if done.store_records and name in name_store.COLLECTION_KINDS
    }
    if changed:
        name_store.save_roster_names(engine, district.id, changed)
    if report is not None:
        report.update({name: done.how for name, done in zip(ROSTER, refreshed, strict=True)})
    return context_from_records(
        {name: done.records for name, done in zip(ROSTER, refreshed, strict=True)}
    )


# --- passback's lineItems --------------------------------------------------------------


@dataclass
class CachedGradebook:
    """A batch's gradebook: `/classes/{id}/results` per class, passback's lineItems from
    the cache (refreshed once per run by `prepare`). Falls back to reading lineItems per
    class when the SIS cannot filter on `dateLastModified` or list by id range."""

    engine: Engine
    reader: DeltaReader
    district: District
    policy: CachePolicy
    now: datetime
    per_class: bool = False
    how: str = ""
    writes: cache_store.LineItemCacheWriter | None = None
    _state: CacheState | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.writes = cache_store.LineItemCacheWriter(self.engine, self.district.id)

    async def prepare(self) -> None:
        """Bring the cache of passback's lineItems up to date with the SIS."""
        source = source_key(self.district)
        with session_scope(self.engine, read_only=True) as session:
            self._state = cache_store.load_states(session, self.district.id).get(LINE_ITEMS)
        why = _full_due(self._state, source, self.policy, self.now)
        try:
            if why is None:
                why = await self._delta()
            if why is not None:
                await self._full(why)
        except RecordRejected as exc:
            if exc.status != 400:
                raise
            self.per_class, self.how = True, "per class"
            log.info("gradebook_cache.unsupported", district=self.district.id)

    async def _delta(self) -> str | None:
        """Apply the SIS's changes since the last run; returns why a full read is needed
        instead, if it is."""
        assert self._state is not None
        changed = [
            compact(LINE_ITEMS, obj)
            async for obj in self.reader.iter_collection(
                "lineItems",
                "lineItems",
                filter=f"dateLastModified>='{self._state.watermark}'",
                page_size=self.policy.page_size,
            )
        ]
        present = await _ids(self.reader, "lineItems", "lineItems", OURS, self.policy.page_size)
        with session_scope(self.engine) as session:
            known = cache_store.line_item_ids(session, self.district.id)
            ours = [o for o in changed if str(o.get("sourcedId", "")).startswith(LINE_ITEM_PREFIX)]
            if present - known - {o["sourcedId"] for o in ours}:
                return "ids differ"
            live = [o for o in ours if o.get("status", "active") == "active"]
            cache_store.put_line_items(
                session, self.district.id, ((o["sourcedId"], _class_of(o), o) for o in live)
            )
            gone = (known - present) | {o["sourcedId"] for o in ours if o not in live}
            cache_store.delete_line_items(session, self.district.id, gone)
            self._save(session, _newest(changed, self._state.watermark), len(present))
        self.how = "delta"
        return None

    async def _full(self, why: str) -> None:
        """Read all of passback's lineItems in the SIS into a fresh cache. Stored as they
        come (a large district has hundreds of thousands); a read that breaks off leaves
        the old state, whose next delta then finds the ids differ and reads whole again."""
        read: list[dict[str, Any]] = []
        count = 0
        newest: str | None = None
        with session_scope(self.engine) as session:
            cache_store.delete_line_items(
                session, self.district.id, cache_store.line_item_ids(session, self.district.id)
            )
        async for obj in self.reader.iter_collection(
            "lineItems", "lineItems", filter=OURS, page_size=self.policy.page_size
        ):
            item = compact(LINE_ITEMS, obj)
            if item.get("status", "active") != "active" or not isinstance(
                item.get("sourcedId"), str
            ):
                continue
            newest = _newest((item,), newest)
            read.append(item)
            count += 1
            if len(read) >= 2000:
                self._store(read)
                read = []
        self._store(read)
        with session_scope(self.engine) as session:
            self._save(session, newest, count, full=True)
        self.how = "full"
        log.info("gradebook_cache.full_read", why=why, line_items=count)

    def _store(self, items: list[dict[str, Any]]) -> None:
        with session_scope(self.engine) as session:
            cache_store.put_line_items(
                session, self.district.id, ((o["sourcedId"], _class_of(o), o) for o in items)
            )

    def _save(
        self, session: Session, watermark: str | None, count: int, *, full: bool = False
    ) -> None:
        full_at = self.now if full or self._state is None else self._state.full_read_at
        self._state = CacheState(
            LINE_ITEMS, source_key(self.district), watermark, count, full_at, self.now
        )
        cache_store.save_state(session, self.district.id, self._state)

    async def read(self, class_ids: list[str]) -> dict[str, dict[str, Any]]:
        if self.per_class:
            return await PerClassGradebook(self.reader).read(class_ids)

        async def results(class_id: str) -> list[dict[str, Any]]:
            try:
                return [
                    obj
                    async for obj in self.reader.iter_collection(
                        f"classes/{class_id}/results", "results", page_size=self.policy.page_size
                    )
                ]
            except RecordRejected as exc:
                if exc.status == 404:  # the class is gone from the SIS: so is its gradebook
                    return []
                raise

        found: dict[str, dict[str, Any]] = {}
        for objs in await asyncio.gather(*(results(c) for c in class_ids)):
            for obj in objs:
                sid = str(obj.get("sourcedId", "")).strip()
                if sid and str(obj.get("status", "active")).lower() == "active":
                    found[sid] = trimmed_ids(obj)
        assert self.writes is not None
        self.writes.flush()
        with session_scope(self.engine, read_only=True) as session:
            found.update(cache_store.line_items_of(session, self.district.id, class_ids))
        return found

    def written(self, sourced_id: str, class_id: str, payload: Mapping[str, Any]) -> None:
        """passback PUT this lineItem: the SIS now holds it as sent."""
        assert self.writes is not None
        self.writes.put(sourced_id, class_id, compact(LINE_ITEMS, payload))

    def removed(self, sourced_id: str) -> None:
        assert self.writes is not None
        self.writes.remove(sourced_id)

    async def finish(self) -> None:
        """After the run's writes: flush the cache's changes and take in the SIS's stamps
        of what this run wrote, so the next run's delta holds only others' changes."""
        assert self.writes is not None
        self.writes.flush()
        if self.per_class or self.writes.changed == 0:
            return
        if self._state is None or self._state.watermark is None:
            await self._full("first writes")
        elif await self._delta() is not None:
            await self._full("ids differ")


def _class_of(obj: Mapping[str, Any]) -> str:
    value = obj.get("class")
    if isinstance(value, Mapping):
        return str(value.get("sourcedId") or "")
    return ""
