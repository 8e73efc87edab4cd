"""Import of the platform's JSON document (docs/import-format.md), streaming, into an `ImportTarget`
(the store's is `passback.operations.ingest`'s: this module reads and checks, it does not
know the database).

One pass over the parse events builds one record at a time; each is validated
(`passback.intake.records`), buffered, and written in batches by upserts that ignore stale
re-sends.
Memory stays flat whatever the file size, apart from one 64-bit fingerprint per score
(to notice duplicates in the file) and the ids of the file's assessments.

JSON objects are unordered, so the document may put `district` after the records or
`scores` before `assessments`. Records that cannot be checked yet are set aside and
finished by a second read of the file (spooled first if it cannot seek); the usual order
(district, assessments, scores) needs one read only.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from array import array
from collections.abc import Callable, Collection, Hashable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any, Protocol, TypeVar

import ijson
import structlog

from passback.core.domain import Assessment, ScoreState
from passback.intake.json_sections import Event, NotAnObject, Part, Walker
from passback.intake.records import (
    RecordError,
    assessment_label,
    had_padded_ids,
    score_fields,
    score_label,
    validate_assessment,
    validate_score,
)

__all__ = [
    "ImportSummary",
    "ImportTarget",
    "RecordError",
    "ScoreRow",
    "SectionCounts",
    "import_stream",
    "validate_assessment",
    "validate_score",
]

log = structlog.get_logger(__name__)

# A score as the target stores it, made by `ImportTarget.score_row`: a tuple whose second
# and third values are its assessment and student (the import reads only those two).
ScoreRow = tuple[Any, ...]
ScoreRowMaker = Callable[
    [str, str, str, ScoreState, float | None, bool, str | None, datetime, str | None], ScoreRow
]


class ImportTarget(Protocol):
    """Where an import writes: the store's is in `passback.operations.ingest`."""

    # a score's row from its fields (district, assessment, student, state, points,
    # excluded, comment, updated_at) and the text `updated_at` was parsed from, if at hand:
    # an attribute, not a method, as the import calls it once per score
    score_row: ScoreRowMaker

    def district_exists(self, district_id: str) -> bool: ...

    def existing_assessment_ids(self, district_id: str, ids: Collection[str]) -> set[str]: ...

    def write_assessments(
        self, assessments: Sequence[Assessment], *, newer_only: bool = True
    ) -> list[str]:
        """Upsert; the ids written (a stale re-send, with `newer_only`, is not)."""
        ...

    def write_score_rows(
        self, rows: Sequence[ScoreRow], *, newer_only: bool = True
    ) -> list[tuple[str, str]]:
        """Upsert rows of unique keys; the (assessment, student) keys written."""
        ...

    def commit(self) -> None:
        """Keep what was written so far (each batch is committed)."""
        ...


TargetFactory = Callable[[], AbstractContextManager[ImportTarget]]
_T = TypeVar("_T")

BATCH = 5000  # records per commit
MAX_LISTED_ERRORS = 1000  # every rejection is counted; this many are described
_DEFER_IN_MEMORY = 20_000  # scores waiting for their assessment; beyond that, re-read
_SECTIONS = ("assessments", "scores")
_KEYS = ("district", *_SECTIONS)


@dataclass(slots=True)
class SectionCounts:
    stored: int = 0
    stale: int = 0
    rejected: int = 0
    duplicates: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "stored": self.stored,
            "stale": self.stale,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
        }


@dataclass(slots=True)
class ImportSummary:
    """What an import did. `problem` is about the document as a whole (invalid JSON, an
    unknown district); `errors` describes rejected records, the first `MAX_LISTED_ERRORS`."""

    district: str | None = None
    assessments: SectionCounts = field(default_factory=SectionCounts)
    scores: SectionCounts = field(default_factory=SectionCounts)
    errors: list[RecordError] = field(default_factory=list)
    problem: str | None = None
    # records stored with the blanks around their ids trimmed (" C-1" became "C-1")
    ids_trimmed: int = 0

    @property
    def stored(self) -> int:
        return self.assessments.stored + self.scores.stored

    @property
    def stale(self) -> int:
        return self.assessments.stale + self.scores.stale

    @property
    def rejected(self) -> int:
        return self.assessments.rejected + self.scores.rejected

    @property
    def duplicates(self) -> int:
        return self.assessments.duplicates + self.scores.duplicates

    @property
    def errors_not_listed(self) -> int:
        return max(0, self.rejected - len(self.errors))

    @property
    def ok(self) -> bool:
        return self.problem is None and self.rejected == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "district": self.district,
            "ok": self.ok,
            "stored": self.stored,
            "stale": self.stale,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "ids_trimmed": self.ids_trimmed,
            "assessments": self.assessments.as_dict(),
            "scores": self.scores.as_dict(),
            "problem": self.problem,
            "errors": [error.as_dict() for error in self.errors],
            "errors_not_listed": self.errors_not_listed,
        }


def import_stream(
    target_factory: TargetFactory, district_id: str | None, file: IO[bytes]
) -> ImportSummary:
    """Import one document from a binary file. `district_id` is the district the caller
    means (the API's URL); None takes it from the document's `district`. Good records are
    committed batch by batch, so whatever was stored stays stored if the file breaks off."""
    started = time.perf_counter()
    with _seekable(file) as readable, target_factory() as target:
        job = _Import(target, district_id)
        job.run(readable)
    summary = job.summary
    log.info(
        "import.finished",
        district=summary.district,
        stored=summary.stored,
        stale=summary.stale,
        rejected=summary.rejected,
        duplicates=summary.duplicates,
        problem=summary.problem is not None,
        seconds=round(time.perf_counter() - started, 3),
    )
    return summary


class _seekable(AbstractContextManager[IO[bytes]]):
    """The file itself when it can seek, else a spooled copy of it."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self._copy: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        try:
            if self._file.seekable():
                return self._file
        except (AttributeError, OSError):
            pass
        self._copy = tempfile.SpooledTemporaryFile(max_size=32 << 20)
        shutil.copyfileobj(self._file, self._copy)
        self._copy.seek(0)
        return self._copy

    def __exit__(self, *exc: object) -> None:
        if self._copy is not None:
            self._copy.close()


# A valid score on its way to the store: its row, its index in `scores` (the label is only
# built for an error) and whether the file had it before. A tuple: one is made per score.
_Pending = tuple[ScoreRow, int, bool]


def _fingerprint(row: ScoreRow) -> int:
    """The 64-bit hash of a score's (assessment, student): what `score_prints` holds."""
    return hash((row[1], row[2]))


def _score_key(pending: _Pending) -> tuple[str, str]:
    return pending[0][1], pending[0][2]


def _pending_label(pending: _Pending) -> str:
    row, index, _ = pending
    return score_label(f"scores[{index}]", {"assessment": row[1], "student": row[2]})


class _Import:
    """The state of one import: buffers, what was seen, and what waits for later."""

    def __init__(self, target: ImportTarget, district_id: str | None) -> None:
        self.target = target
        self.score_row = target.score_row
        self.given = district_id
        self.summary = ImportSummary(district=district_id)
        self.district: str | None = None  # set once known and configured
        self.district_problem: str | None = None
        self.assessments_complete = False
        self.known_assessments: set[str] = set()  # stored, or written by this import
        self.absent_assessments: set[str] = set()  # not stored when asked
        self.file_assessments: set[str] = set()  # valid in this file (for duplicates)
        self.written_assessments: set[str] = set()
        self.rejected_assessments: dict[str, str] = {}
        # Fingerprint (64-bit hash of assessment and student) of every valid score seen →
        # whether this import wrote it. The one structure that grows with the file: about
        # 80 bytes per score.
        self.score_prints: dict[int, bool] = {}
        self.buffer_has_duplicates = False
        self.assessment_buffer: list[tuple[Assessment, bool]] = []
        self.score_buffer: list[_Pending] = []
        self.deferred_sections: list[str] = []
        self.skipped_counts: dict[str, int] = {}
        self.waiting: list[tuple[int, _Pending]] = []  # scores whose assessment may come
        self.waiting_indices: array[int] | None = None  # … too many: re-read these

    # --- the passes --------------------------------------------------------------------

    def run(self, file: IO[bytes]) -> None:
        if self.given is not None:
            self._choose_district(self.given)
        self._first_pass(file)
        self._flush()
        if self.district is None:
            self._reject_unread()
            return
        if "assessments" in self.deferred_sections:
            self._later_pass(file, "assessments", None)
        self.assessments_complete = True
        self._flush()
        for _, pending in self.waiting:
            self._resolve(pending)
        self.waiting.clear()
        if "scores" in self.deferred_sections or self.waiting_indices is not None:
            wanted = None if "scores" in self.deferred_sections else set(self.waiting_indices or ())
            self._later_pass(file, "scores", wanted)
        self._flush()

    def _first_pass(self, file: IO[bytes]) -> None:
        walker = Walker(file, build=self._build_now)
        on_score, on_event, item = self._on_score, self._on_event, Part.ITEM
        try:
            for event in walker:
                if event.part is item and event.key == "scores":
                    on_score(event.position, event.value)  # the hot path, without dispatch
                else:
                    on_event(event)
        except (ijson.JSONError, NotAnObject) as exc:
            self.summary.problem = _describe_json_error(exc, walker)

    def _later_pass(self, file: IO[bytes], key: str, indices: set[int] | None) -> None:
        file.seek(0)
        walker = Walker(file, build=lambda name: name == key)
        try:
            for event in walker:
                if event.key != key:
                    continue
                if event.part is Part.END:
                    break
                if event.part is Part.ITEM and (indices is None or event.position in indices):
                    self._on_item(event)
        except (ijson.JSONError, NotAnObject):
            pass  # reported by the first pass; the records before the break are done

    def _build_now(self, key: str) -> bool:
        if key not in _SECTIONS:
            return False
        if self.district is None and self.district_problem is None:
            self.deferred_sections.append(key)
            return False
        return True

    # --- events -----------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        key = event.key
        if key not in _KEYS:
            if event.part is not Part.ITEM:
                self._document_error(
                    key, "is not a known field (expected district, assessments, scores)"
                )
            return
        if event.part is Part.ITEM:
            self._on_item(event)
        elif key == "district" and event.part is Part.VALUE:
            self._on_district(event.value)
        elif key == "district":
            self._document_error(key, "must be a string naming the district")
        elif event.part is Part.VALUE:
            self._document_error(key, "must be a list")
        elif event.part is Part.END:
            if key in self.deferred_sections:
                self.skipped_counts[key] = event.position
            elif key == "assessments":
                self._flush_assessments()
                self.assessments_complete = True

    def _on_item(self, event: Event) -> None:
        where = f"{event.key}[{event.position}]"
        if event.key == "assessments":
            self._on_assessment(where, event.value)
        else:
            self._on_score(event.position, event.value)

    def _on_district(self, value: object) -> None:
        if not isinstance(value, str) or not value.strip():
            self._document_error("district", "must be a string naming the district")
            if self.district is None and self.district_problem is None:
                self.district_problem = "the document's district is not valid"
            return
        expected = self.given or self.summary.district
        if expected is None:
            self._choose_district(value)
        elif value != expected:
            # What came before was checked against `expected` and is kept; the rest is not.
            self._flush()
            self._fail_district(f"the document is for district {value}, not {expected}")

    def _choose_district(self, district_id: str) -> None:
        self.summary.district = district_id
        if not self.target.district_exists(district_id):
            self._fail_district(
                f"district {district_id} is not configured (run `passback district apply` first)"
            )
            return
        self.district = district_id

    def _fail_district(self, message: str) -> None:
        self.district = None
        self.district_problem = message
        self.summary.problem = message

    def _document_error(self, key: str, message: str) -> None:
        error = RecordError("document", key, message)
        if self.summary.problem is None:
            self.summary.problem = str(error)
        self._listed(error)

    def _error(self, counts: SectionCounts, error: RecordError) -> None:
        counts.rejected += 1
        self._listed(error)

    def _listed(self, error: RecordError) -> None:
        if len(self.summary.errors) < MAX_LISTED_ERRORS:
            self.summary.errors.append(error)

    # --- assessments ------------------------------------------------------------------

    def _on_assessment(self, where: str, obj: object) -> None:
        counts = self.summary.assessments
        if self.district is None:
            problem = self.district_problem or "the document names no district"
            self._error(counts, RecordError(assessment_label(where, obj), "", problem))
            return
        result = validate_assessment(obj, where, self.district)
        if isinstance(result, RecordError):
            self._error(counts, result)
            if isinstance(obj, dict) and isinstance(obj.get("id"), str):
                self.rejected_assessments.setdefault(obj["id"], result.where)
            return
        if isinstance(obj, dict) and had_padded_ids(obj, ("id", "assigned_by")):
            self.summary.ids_trimmed += 1
        duplicate = result.id in self.file_assessments
        if duplicate:
            counts.duplicates += 1
        self.file_assessments.add(result.id)
        self.rejected_assessments.pop(result.id, None)
        self.assessment_buffer.append((result, duplicate))
        if len(self.assessment_buffer) >= BATCH:
            self._flush_assessments()

    def _flush_assessments(self) -> None:
        if not self.assessment_buffer:
            return
        entries, self.assessment_buffer = self.assessment_buffer, []
        counts = self.summary.assessments
        for batch in _rounds(entries, lambda entry: entry[0].id):
            normal: list[Assessment] = []
            forced: list[Assessment] = []
            for record, duplicate in batch:
                rewrite = duplicate and record.id in self.written_assessments
                (forced if rewrite else normal).append(record)
            written = self.target.write_assessments(normal)
            written += self.target.write_assessments(forced, newer_only=False)
            counts.stored += len(written)
            counts.stale += len(batch) - len(written)
            self.written_assessments.update(written)
        self.target.commit()
        self.known_assessments.update(record.id for record, _ in entries)

    # --- scores -----------------------------------------------------------------------

    def _on_score(self, index: int, obj: Any) -> None:
        district = self.district
        if district is None:
            problem = self.district_problem or "the document names no district"
            where = score_label(f"scores[{index}]", obj)
            self._error(self.summary.scores, RecordError(where, "", problem))
            return
        fields = score_fields(obj, f"scores[{index}]")
        if isinstance(fields, RecordError):
            self._error(self.summary.scores, fields)
            return
        assessment = fields["assessment"]
        if len(assessment) != len(obj["assessment"]) or len(fields["student"]) != len(
            obj["student"]
        ):
            self.summary.ids_trimmed += 1
        row = self.score_row(
            district,
            assessment,
            fields["student"],
            fields["state"],
            fields.get("points"),
            fields.get("excluded", False),
            fields.get("comment"),
            fields["updated_at"],
            obj["updated_at"],  # the text it was parsed from
        )
        fingerprint = hash((assessment, row[2]))
        duplicate = fingerprint in self.score_prints
        if duplicate:
            self.summary.scores.duplicates += 1
            self.buffer_has_duplicates = True
        else:
            self.score_prints[fingerprint] = False
        pending = (row, index, duplicate)
        if not self.assessments_complete and not self._assessment_exists(assessment):
            self._wait(index, pending)
            return
        self.score_buffer.append(pending)
        if len(self.score_buffer) >= BATCH:
            self._flush_scores()

    def _assessment_exists(self, assessment_id: str) -> bool:
        """Known from this import, or stored (asked once per id)."""
        if assessment_id in self.known_assessments:
            return True
        if assessment_id in self.absent_assessments or self.district is None:
            return False
        if self.target.existing_assessment_ids(self.district, [assessment_id]):
            self.known_assessments.add(assessment_id)
            return True
        self.absent_assessments.add(assessment_id)
        return False

    def _wait(self, index: int, pending: _Pending) -> None:
        """The score's assessment is not known yet but may come later in the file."""
        if self.waiting_indices is not None:
            self.waiting_indices.append(index)
            self._unsee(pending)
            return
        self.waiting.append((index, pending))
        if len(self.waiting) > _DEFER_IN_MEMORY:
            self.waiting_indices = array("Q", (i for i, _ in self.waiting))
            for _, held in self.waiting:
                self._unsee(held)
            self.waiting.clear()

    def _unsee(self, pending: _Pending) -> None:
        """Forget a score that will be read again, so it is not counted twice."""
        row, _, duplicate = pending
        if duplicate:
            self.summary.scores.duplicates -= 1
        else:
            self.score_prints.pop(_fingerprint(row), None)

    def _resolve(self, pending: _Pending) -> None:
        self.score_buffer.append(pending)
        self.buffer_has_duplicates |= pending[2]
        if len(self.score_buffer) >= BATCH:
            self._flush_scores()

    def _flush_scores(self) -> None:
        if not self.score_buffer:
            return
        self._flush_assessments()
        entries, self.score_buffer = self.score_buffer, []
        known = self.known_assessments
        unknown = {pending[0][1] for pending in entries} - known
        if unknown and self.district is not None:
            stored = self.target.existing_assessment_ids(self.district, unknown)
            known |= stored
            self.absent_assessments |= unknown - stored
        found = [pending for pending in entries if pending[0][1] in known]
        if len(found) < len(entries):
            for pending in entries:
                if pending[0][1] not in known:
                    message = self._missing(pending[0][1])
                    where = _pending_label(pending)
                    self._error(self.summary.scores, RecordError(where, "assessment", message))
        if not self.buffer_has_duplicates:
            written = self.target.write_score_rows([pending[0] for pending in found])
            self._count_written(written, len(found))
        else:
            self.buffer_has_duplicates = False
            for batch in _rounds(found, _score_key):
                self._write_round(batch)
        self.target.commit()

    def _write_round(self, batch: list[_Pending]) -> None:
        """Scores of which some occurred earlier in the file (their keys unique in `batch`)."""
        prints = self.score_prints
        normal: list[ScoreRow] = []
        # A duplicate of a score this import already wrote replaces it whatever its
        # updated_at: the later record of the file wins.
        forced: list[ScoreRow] = []
        for row, _, duplicate in batch:
            (forced if duplicate and prints.get(_fingerprint(row)) else normal).append(row)
        written = self.target.write_score_rows(normal)
        if forced:
            written += self.target.write_score_rows(forced, newer_only=False)
        self._count_written(written, len(batch))

    def _count_written(self, written: list[tuple[str, str]], size: int) -> None:
        counts = self.summary.scores
        counts.stored += len(written)
        counts.stale += size - len(written)
        prints = self.score_prints
        for key in written:
            prints[hash(key)] = True

    def _missing(self, assessment_id: str) -> str:
        rejected_at = self.rejected_assessments.get(assessment_id)
        if rejected_at is not None:
            return f"assessment {assessment_id} was rejected ({rejected_at})"
        return f"assessment {assessment_id} not found (not in this file nor stored)"

    # --- endings ----------------------------------------------------------------------

    def _flush(self) -> None:
        self._flush_assessments()
        self._flush_scores()

    def _reject_unread(self) -> None:
        """Sections set aside until the district was known, when it never was."""
        problem = self.district_problem or 'the document names no district: add "district": "<id>"'
        if self.summary.problem is None:
            self.summary.problem = problem
        for key, count in self.skipped_counts.items():
            counts = self.summary.assessments if key == "assessments" else self.summary.scores
            counts.rejected += count
        for _, pending in self.waiting:
            self._error(self.summary.scores, RecordError(_pending_label(pending), "", problem))
        self.waiting.clear()


def _rounds(items: list[_T], key: Callable[[_T], Hashable]) -> Iterator[list[_T]]:
    """Consecutive runs of `items` without a repeated key, in order. A record that occurs
    twice is written in two rounds, so the later one replaces the earlier exactly as it
    would across batches: a re-sent record of the same file always wins."""
    current: list[_T] = []
    keys: set[Hashable] = set()
    for item in items:
        k = key(item)
        if k in keys:
            yield current
            current, keys = [], set()
        current.append(item)
        keys.add(k)
    if current:
        yield current


def _describe_json_error(exc: Exception, walker: Walker) -> str:
    if isinstance(exc, NotAnObject):
        return str(exc)
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    reason = lines[0] if lines else "invalid JSON"
    reason = reason.removeprefix("b'").split("\\n")[0]
    context = lines[1] if len(lines) > 2 else ""
    if "NaN" in context or "Infinity" in context:
        reason += " (JSON has no NaN or Infinity: send a number or null)"
    if walker.key is None:
        where = "at the top level of the document"
    elif walker.index is None:
        where = f"in {walker.key}"
    else:
        where = f"in {walker.key}[{walker.index}] (after {walker.index} complete records)"
    text = f"the JSON is invalid or cut off {where}: {reason}"
    if context:
        text += f", near: {context[:80]}"
    return text + "; records before that point were imported"


def iter_errors(summary: ImportSummary) -> Iterator[str]:
    """One line per listed rejection, then a line for those not listed."""
    for error in summary.errors:
        yield str(error)
    if summary.errors_not_listed:
        yield f"… and {summary.errors_not_listed} more rejected records not listed"
