"""docs/rules.md lists every reason code with its level and its exact message."""

from __future__ import annotations

from pathlib import Path

from passback.core.reasons import Reason

DOC = Path(__file__).resolve().parents[3] / "docs" / "rules.md"


def table_rows() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 4:
            rows[cells[0].strip("`")] = cells
    return rows


def test_the_doc_lists_every_code_with_its_level_and_message() -> None:
    rows = table_rows()
    assert set(rows) == {r.value for r in Reason}
    for reason in Reason:
        _code, level, rule, message = rows[reason.value]
        assert level == reason.level, reason
        assert rule, reason
        assert message == reason.message, reason
