"""One streaming pass over a JSON document of the form `{"key": value, "list": [{…}, …]}`.

Built on ijson's event stream (yajl2_c backend), it hands back the top-level scalars and,
one at a time, the objects of the top-level arrays, so a file of any size is read in
bounded memory. An array can also be skipped: it is parsed but nothing is built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import Enum
from typing import IO, Any, NamedTuple

import ijson

_SCALAR = frozenset({"string", "number", "boolean", "null"})
# Bytes per read. The parser turns each read into a list of events before handing out the
# first: with ijson's 64 KiB, that list (thousands of tuples) sets off a garbage collection
# every few dozen records; 16 KiB stays under the collector's threshold and parses faster.
_READ_SIZE = 16 * 1024


class Part(Enum):
    VALUE = "value"  # a top-level key whose value is not an array (value built)
    ITEM = "item"  # one element of a top-level array
    END = "end"  # a top-level array ended (index = its length)


class Event(NamedTuple):
    """A tuple, not a dataclass: one is made per record and tuples are made fastest."""

    part: Part
    key: str
    position: int = 0
    value: Any = None


# Records are a few levels deep; a document nested deeper is refused as invalid rather
# than exhausting Python's recursion limit (a 500).
MAX_DEPTH = 64


class TooDeep(ijson.JSONError):  # type: ignore[misc]
    """The document nests arrays or objects deeper than `MAX_DEPTH`."""

    def __init__(self) -> None:
        super().__init__(f"arrays and objects nested deeper than {MAX_DEPTH} levels")


class NotAnObject(ValueError):
    """The document is valid JSON but not an object at the top level."""


class Walker:
    """Walks one document. `position` says where the walk is (for error messages):
    the top-level key and the index of the array element being read."""

    def __init__(self, file: IO[bytes], *, build: Callable[[str], bool]) -> None:
        self._events = ijson.basic_parse(file, use_float=True, buf_size=_READ_SIZE)
        self._build = build
        self.key: str | None = None
        self.index: int | None = None

    def __iter__(self) -> Iterator[Event]:
        events = self._events
        first = next(events, None)
        if first is None or first[0] != "start_map":
            raise NotAnObject("the document must be a JSON object")
        for event, value in events:
            if event == "end_map":
                self.key = self.index = None
                break
            key = value
            self.key, self.index = key, None
            event, value = next(events)
            if event == "start_array":
                yield from self._array(key)
            else:
                yield Event(Part.VALUE, key, value=_value(events, event, value))
        for _ in events:  # let the parser report trailing garbage
            pass

    def _array(self, key: str) -> Iterator[Event]:
        events = self._events
        build = self._build(key)
        index = 0
        for event, value in events:
            if event == "end_array":
                break
            self.index = index
            if not build:
                if event in ("start_map", "start_array"):
                    _skip(events)
            elif event == "start_map":
                yield Event(Part.ITEM, key, index, _object(events))
            else:
                yield Event(Part.ITEM, key, index, _value(events, event, value))
            index += 1
        self.index = None
        yield Event(Part.END, key, index)


def _object(events: Iterator[tuple[str, Any]], depth: int = 2) -> dict[str, Any]:
    """The rest of an object whose `start_map` was just read. Flat objects (the usual
    record) take the short path: one `next` per field."""
    record: dict[str, Any] = {}
    following = events.__next__
    for event, value in events:
        if event == "end_map":
            return record
        kind, item = following()
        record[value] = item if kind in _SCALAR else _value(events, kind, item, depth + 1)
    return record


def _value(events: Iterator[tuple[str, Any]], event: str, value: Any, depth: int = 2) -> Any:
    if depth > MAX_DEPTH and event in ("start_map", "start_array"):
        raise TooDeep
    if event == "start_map":
        return _object(events, depth)
    if event == "start_array":
        items: list[Any] = []
        for kind, item in events:
            if kind == "end_array":
                break
            items.append(_value(events, kind, item, depth + 1))
        return items
    return value


def _skip(events: Iterator[tuple[str, Any]]) -> None:
    depth = 1
    for event, _ in events:
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                return
