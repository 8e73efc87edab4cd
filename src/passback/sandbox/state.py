"""The sandbox's whole world in memory: OneRoster objects per collection, the indexes the
nested routes use, the API clients and the closed grading periods.

Objects are plain dicts exactly as the API returns them. A stored dict is never changed in
place (a write stores a new dict), so a reader may serialise a list it took under the lock
after letting the lock go. Every public method takes the (re-entrant) lock, so a test thread
may read while the server thread writes; a caller that must validate and commit atomically
holds `state.lock` around both.

Default order everywhere is insertion order: fixture order, then creation order of written
objects (a replace keeps its place).
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from passback.core.profiles import POWERSCHOOL, PROFILES, SisProfile
from passback.sandbox import schema
from passback.sandbox.query import parse_instant

Obj = dict[str, Any]

# (collection, field) pairs the nested routes look objects up by.
_INDEXED: tuple[tuple[str, str], ...] = (
    ("academicSessions", "parent"),
    ("classes", "terms"),
    ("classes", "school"),
    ("classes", "course"),
    ("users", "orgs"),
    ("users", "role"),
    ("enrollments", "class"),
    ("enrollments", "user"),
    ("enrollments", "school"),
    ("lineItems", "class"),
    ("results", "lineItem"),
    ("results", "student"),
)


_SERVER_FIELDS = frozenset({"sourcedId", "status", "dateLastModified"})


class FixtureError(ValueError):
    """A fixture (or state file) that cannot be loaded; the message names the record and field."""


@dataclass(frozen=True, slots=True)
class SandboxClient:
    """An OAuth client the sandbox accepts. `write_access` false answers 403 to PUT/DELETE."""

    client_id: str
    client_secret: str
    write_access: bool = True

    def to_fixture(self) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "write_access": self.write_access,
        }


def ref_keys(obj: Obj, field: str) -> list[str]:
    """The sourcedIds (or plain string) a field holds: one for a GUIDRef, several for a list."""
    value = obj.get(field)
    if isinstance(value, dict):
        sid = value.get("sourcedId")
        return [sid] if isinstance(sid, str) else []
    if isinstance(value, list):
        return [v["sourcedId"] for v in value if isinstance(v, dict) and "sourcedId" in v]
    if isinstance(value, str):
        return [value]
    return []


class _Index:
    """field value -> ordered set of sourcedIds (a dict used as an insertion-ordered set)."""

    def __init__(self, field: str) -> None:
        self.field = field
        self.buckets: dict[str, dict[str, None]] = {}

    def update(self, sid: str, old: Obj | None, new: Obj | None) -> None:
        old_keys = ref_keys(old, self.field) if old is not None else []
        new_keys = ref_keys(new, self.field) if new is not None else []
        for key in old_keys:
            if key not in new_keys:
                bucket = self.buckets.get(key)
                if bucket is not None:
                    bucket.pop(sid, None)
        for key in new_keys:
            if key not in old_keys:
                self.buckets.setdefault(key, {})[sid] = None

    def add(self, sid: str, keys: list[str]) -> None:
        """Fast path for loading: index a new object under the keys its field holds."""
        for key in keys:
            bucket = self.buckets.get(key)
            if bucket is None:
                self.buckets[key] = {sid: None}
            else:
                bucket[sid] = None

    def ids(self, key: str) -> Iterable[str]:
        return self.buckets.get(key, {}).keys()


class SandboxState:
    """In-memory OneRoster data plus sandbox settings; see the module docstring for locking."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._objects: dict[str, dict[str, Obj]] = {name: {} for name in schema.COLLECTION_NAMES}
        self._indexes: dict[tuple[str, str], _Index] = {key: _Index(key[1]) for key in _INDEXED}
        self._by_collection: dict[str, list[_Index]] = {
            name: [idx for (coll, _f), idx in self._indexes.items() if coll == name]
            for name in schema.COLLECTION_NAMES
        }
        self._clients: dict[str, SandboxClient] = {}
        self._closed: dict[str, None] = {}
        # which SIS the sandbox answers as (its rules and category shape; docs/sandbox.md)
        self.profile: SisProfile = POWERSCHOOL
        self._last_stamp = datetime(1970, 1, 1, tzinfo=UTC)
        self._listeners: list[Callable[[], None]] = []

    # --- loading and saving ---------------------------------------------------------------

    @classmethod
    def from_fixture(cls, data: dict[str, Any]) -> SandboxState:
        """Load a fixture dict (format: docs/sandbox.md#fixture-format-and-state-files). Raises
        `FixtureError` naming the bad record."""
        if not isinstance(data, dict):
            raise FixtureError("fixture: expected a JSON object at the top level")
        unknown = sorted(set(data) - set(schema.COLLECTION_NAMES) - {"sandbox"})
        if unknown:
            raise FixtureError(f"fixture: unknown collection(s) {', '.join(unknown)}")
        state = cls()
        for spec in schema.ALL:
            items = data.get(spec.name, [])
            if not isinstance(items, list):
                raise FixtureError(f"fixture: {spec.name} must be a list")
            store = state._objects[spec.name]
            for position, item in enumerate(items):
                if not isinstance(item, dict):
                    raise FixtureError(f"fixture: {spec.name}[{position}] must be an object")
                sid = item.get("sourcedId")
                if not isinstance(sid, str) or not sid:
                    raise FixtureError(
                        f"fixture: {spec.name}[{position}] field 'sourcedId' must be a "
                        "non-empty string"
                    )
                if sid in store:
                    raise FixtureError(
                        f"fixture: {spec.name}[{position}] duplicate sourcedId {sid!r}"
                    )
                # A shallow copy: the caller may go on changing its fixture dict.
                store[sid] = dict(item)
        for spec in schema.ALL:
            state._link(spec)
        state._load_sandbox_settings(data.get("sandbox", {}))
        stamps = {
            obj.get("dateLastModified")
            for store in state._objects.values()
            for obj in store.values()
        }
        parsed = [p for p in map(parse_instant, stamps) if p is not None]
        state._last_stamp = max(parsed, default=state._last_stamp)
        return state

    def _link(self, spec: schema.Collection) -> None:
        """Complete and check every reference of a loaded collection, then index it."""
        store = self._objects[spec.name]
        indexes = self._by_collection[spec.name]
        for sid, obj in store.items():
            # The ids each ref field holds, reused by the indexes on the same field.
            held: dict[str, list[str]] = {}
            for field, target, many in spec.refs:
                if obj.get(field) is None:
                    continue
                try:
                    refs = _complete_refs_field(obj, field, target, many, rebuild=False)
                except ValueError as exc:
                    raise FixtureError(f"fixture: {spec.name} {sid!r} {exc}") from None
                targets = self._objects[target]
                for ref in refs:
                    if ref not in targets:
                        raise FixtureError(
                            f"fixture: {spec.name} {sid!r} field {field!r} refers to unknown "
                            f"{target} {ref!r}"
                        )
                held[field] = refs
            for index in indexes:
                keys = held.get(index.field)
                index.add(sid, keys if keys is not None else ref_keys(obj, index.field))

    @classmethod
    def from_file(cls, path: str | Path) -> SandboxState:
        try:
            with open(path, encoding="utf-8") as fp:
                data = json.load(fp)
        except json.JSONDecodeError as exc:
            raise FixtureError(f"{path}: not valid JSON ({exc})") from exc
        try:
            return cls.from_fixture(data)
        except FixtureError as exc:
            raise FixtureError(f"{path}: {exc}") from exc

    def to_fixture(self) -> dict[str, Any]:
        """The whole state in fixture format. The object dicts are shared: do not mutate them."""
        with self.lock:
            out: dict[str, Any] = {
                name: list(store.values()) for name, store in self._objects.items()
            }
            out["sandbox"] = {
                "clients": [c.to_fixture() for c in self._clients.values()],
                "closed_grading_periods": list(self._closed),
                "profile": self.profile.name,
            }
            return out

    def _load_sandbox_settings(self, settings: Any) -> None:
        if not isinstance(settings, dict):
            raise FixtureError("fixture: sandbox must be an object")
        clients = settings.get("clients", [])
        if not isinstance(clients, list):
            raise FixtureError("fixture: sandbox.clients must be a list")
        for position, raw in enumerate(clients):
            where = f"fixture: sandbox.clients[{position}]"
            if not isinstance(raw, dict):
                raise FixtureError(f"{where} must be an object")
            for key in ("client_id", "client_secret"):
                if not isinstance(raw.get(key), str) or not raw[key]:
                    raise FixtureError(f"{where} field {key!r} must be a non-empty string")
            write = raw.get("write_access", True)
            if not isinstance(write, bool):
                raise FixtureError(f"{where} field 'write_access' must be true or false")
            self._clients[raw["client_id"]] = SandboxClient(
                raw["client_id"], raw["client_secret"], write
            )
        profile = settings.get("profile", POWERSCHOOL.name)
        if profile not in PROFILES:
            known = ", ".join(sorted(PROFILES))
            raise FixtureError(f"fixture: sandbox.profile must be one of {known}; got {profile!r}")
        self.profile = PROFILES[profile]
        closed = settings.get("closed_grading_periods", [])
        if not isinstance(closed, list) or not all(isinstance(p, str) for p in closed):
            raise FixtureError("fixture: sandbox.closed_grading_periods must be a list of ids")
        for period in closed:
            session = self._objects["academicSessions"].get(period)
            if session is None or session.get("type") != "gradingPeriod":
                raise FixtureError(
                    f"fixture: sandbox.closed_grading_periods: {period!r} is not a "
                    "gradingPeriod academicSession"
                )
            self._closed[period] = None

    # --- reads ----------------------------------------------------------------------------

    def get(self, collection: str, sourced_id: str) -> Obj | None:
        """A copy of one object, or None."""
        with self.lock:
            obj = self._objects[collection].get(sourced_id)
            return copy.deepcopy(obj) if obj is not None else None

    def peek(self, collection: str, sourced_id: str) -> Obj | None:
        """The stored object itself (no copy): for the server's own read paths."""
        return self._objects[collection].get(sourced_id)

    def values(self, collection: str) -> list[Obj]:
        """All objects of a collection in default order (shared dicts: do not mutate)."""
        with self.lock:
            return list(self._objects[collection].values())

    def count(self, collection: str) -> int:
        with self.lock:
            return len(self._objects[collection])

    def indexed(self, collection: str, field: str, key: str) -> list[Obj]:
        """Objects whose `field` refers to (or equals) `key`, in insertion order."""
        with self.lock:
            store = self._objects[collection]
            return [store[sid] for sid in self._indexes[(collection, field)].ids(key)]

    def indexed_ids(self, collection: str, field: str, key: str) -> list[str]:
        with self.lock:
            return list(self._indexes[(collection, field)].ids(key))

    @property
    def clients(self) -> dict[str, SandboxClient]:
        with self.lock:
            return dict(self._clients)

    @property
    def closed_grading_periods(self) -> frozenset[str]:
        with self.lock:
            return frozenset(self._closed)

    # --- writes ---------------------------------------------------------------------------

    def upsert(self, collection: str, obj: Obj, *, stamp: bool = True) -> bool:
        """Store an object (create or replace by sourcedId); True when it was created.

        GUIDRefs are completed to `{href, sourcedId, type}`. With `stamp` (the default) the
        server-owned fields are set: `status` "active" and a fresh `dateLastModified`.
        No PowerSchool rule is checked here: tests may use this to set up SIS-side edits.
        """
        spec = schema.BY_NAME[collection]
        stored = _complete_refs(spec, copy.deepcopy(obj), rebuild=True)
        sid = stored.get("sourcedId")
        if not isinstance(sid, str) or not sid:
            raise ValueError(f"{collection}: object needs a non-empty string sourcedId")
        with self.lock:
            if stamp:
                # Server-owned fields first, as OneRoster objects usually read.
                stored = {
                    "sourcedId": sid,
                    "status": "active",
                    "dateLastModified": self._next_stamp(),
                    **{k: v for k, v in stored.items() if k not in _SERVER_FIELDS},
                }
            store = self._objects[collection]
            old = store.get(sid)
            store[sid] = stored
            self._reindex(collection, sid, old, stored)
            self._changed()
            return old is None

    def delete(self, collection: str, sourced_id: str) -> Obj | None:
        """Remove an object; deleting a lineItem also removes its results. Returns the object."""
        with self.lock:
            store = self._objects[collection]
            old = store.pop(sourced_id, None)
            if old is None:
                return None
            self._reindex(collection, sourced_id, old, None)
            if collection == "lineItems":
                for rid in list(self._indexes[("results", "lineItem")].ids(sourced_id)):
                    result = self._objects["results"].pop(rid)
                    self._reindex("results", rid, result, None)
            self._changed()
            return old

    def set_closed_periods(
        self, add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> frozenset[str]:
        """Close and reopen grading periods; unknown ids raise ValueError naming the id."""
        add, remove = list(add), list(remove)
        with self.lock:
            sessions = self._objects["academicSessions"]
            for period in add:
                session = sessions.get(period)
                if session is None or session.get("type") != "gradingPeriod":
                    raise ValueError(f"{period!r} is not a gradingPeriod academicSession")
            for period in add:
                self._closed[period] = None
            for period in remove:
                self._closed.pop(period, None)
            self._changed()
            return frozenset(self._closed)

    def add_listener(self, listener: Callable[[], None]) -> None:
        """Call `listener()` (under the lock, so keep it tiny) after every change."""
        with self.lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[], None]) -> None:
        with self.lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _next_stamp(self) -> str:
        # Strictly increasing, so `dateLastModified>'last seen'` delta reads never miss a write.
        now = datetime.now(UTC)
        now = now.replace(microsecond=now.microsecond // 1000 * 1000)
        if now <= self._last_stamp:
            now = self._last_stamp + timedelta(milliseconds=1)
        self._last_stamp = now
        return format_stamp(now)

    def _reindex(self, collection: str, sid: str, old: Obj | None, new: Obj | None) -> None:
        for index in self._by_collection[collection]:
            index.update(sid, old, new)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener()


def format_stamp(moment: datetime) -> str:
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def _complete_refs(spec: schema.Collection, obj: Obj, *, rebuild: bool = False) -> Obj:
    """Give every GUIDRef of `obj` its `href` and `type` (in place); see `_complete_refs_field`."""
    for field, target, many in spec.refs:
        if obj.get(field) is not None:
            _complete_refs_field(obj, field, target, many, rebuild=rebuild)
    return obj


def _complete_refs_field(
    obj: Obj, field: str, target: str, many: bool, *, rebuild: bool
) -> list[str]:
    """Complete one reference field in place and return the sourcedIds it holds.

    A ref with only a sourcedId gets the server's `href` and `type`; with `rebuild` every ref
    is replaced by the server's form (a client's `type` or `href` is never trusted on a write).
    """
    value = obj[field]
    if many:
        if not isinstance(value, list):
            raise ValueError(f"field {field!r} must be a list of GUIDRefs")
        refs = value
    else:
        refs = [value]
    ids: list[str] = []
    completed: list[dict[str, Any]] = []
    changed = False
    for ref in refs:
        if not isinstance(ref, dict) or not isinstance(ref.get("sourcedId"), str):
            raise ValueError(f"field {field!r} must be a GUIDRef with a string sourcedId")
        ids.append(ref["sourcedId"])
        if rebuild or "href" not in ref or "type" not in ref:
            ref = schema.guid_ref(target, ref["sourcedId"])
            changed = True
        completed.append(ref)
    if changed:
        obj[field] = completed if many else completed[0]
    return ids
