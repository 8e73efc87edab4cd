"""core's public face and its purity: the names `passback.core` exports (the way httpx tests
`httpx.__all__`), and that core imports nothing of passback's other packages and no library
that does I/O or rendering.

The import-linter contract in pyproject.toml checks the same edges between passback's
packages; this test also covers third-party libraries and runs without the linter.
"""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import passback.core

CORE = Path(passback.core.__file__).parent

EXPORTED = [
    "LINE_ITEM_PREFIX",
    "ONEROSTER",
    "POWERSCHOOL",
    "PROFILES",
    "RESULT_PREFIX",
    "WHOLE_CLASS",
    "Action",
    "Assessment",
    "AssignedTo",
    "Clock",
    "District",
    "DistrictOptions",
    "Enrollment",
    "ExcludedAs",
    "GradingPeriod",
    "LedgerEntry",
    "LineItemDecision",
    "ObjectKind",
    "Plan",
    "PlanItem",
    "Reason",
    "ResultDecision",
    "RunSummary",
    "Score",
    "ScoreState",
    "Scoring",
    "SisCategory",
    "SisClass",
    "SisConnection",
    "SisContext",
    "SisEdits",
    "SisProfile",
    "SisUser",
    "count_actions",
    "evaluate_assessments",
    "evaluate_scores",
    "item_message",
    "item_row",
    "label_of",
    "line_item_id",
    "make_plan",
    "profile_for",
    "report_dict",
    "result_id",
    "utc_now",
]

# Libraries that talk to a database, the network, a terminal or a template engine, or that
# validate at the edges (pydantic) or log (structlog): core gets data in and gives data back.
IMPURE = [
    "alembic",
    "fastapi",
    "httpx",
    "ijson",
    "jinja2",
    "procrastinate",
    "psycopg",
    "pydantic",
    "rich",
    "sqlalchemy",
    "starlette",
    "structlog",
    "typer",
    "uvicorn",
]

# Known offenders on the way out (issue 16): each mark fails (strict) once fixed, so it is
# removed with the fix rather than forgotten.
_RICH_IN_REPORT = pytest.mark.xfail(
    strict=True, reason="core/report.py still renders the report with Rich (issue 16: moving out)"
)
_KNOWN_LIBRARY = {"rich": _RICH_IN_REPORT}
_KNOWN_MODULE = {"report.py": _RICH_IN_REPORT}


def test_all_is_the_public_face() -> None:
    assert passback.core.__all__ == EXPORTED


def test_every_exported_class_and_function_is_defined_in_core() -> None:
    for name in passback.core.__all__:
        value = getattr(passback.core, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__.startswith("passback.core."), (name, value.__module__)


def _imported_roots(path: Path) -> set[str]:
    """Top-level names of every import in a module, late (function-level) imports included."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module)
    return roots


@pytest.mark.parametrize(
    "module",
    [
        pytest.param(p, id=p.name, marks=_KNOWN_MODULE.get(p.name, ()))
        for p in sorted(CORE.glob("*.py"))
    ],
)
def test_core_modules_import_only_the_standard_library_and_core(module: Path) -> None:
    outside = set()
    for name in _imported_roots(module):
        top = name.split(".")[0]
        if name == "passback.core" or name.startswith("passback.core."):
            continue
        if top == "passback" or top not in sys.stdlib_module_names:
            outside.add(name)
    assert not outside, f"{module.name} imports {sorted(outside)}"


def _loaded_after_importing_core() -> set[str]:
    code = "import sys, passback.core; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


@pytest.fixture(scope="module")
def loaded() -> set[str]:
    return _loaded_after_importing_core()


def test_importing_core_loads_no_other_passback_package(loaded: set[str]) -> None:
    others = {
        m
        for m in loaded
        if m.startswith("passback.")
        and not (m == "passback.core" or m.startswith("passback.core."))
    }
    assert not others


@pytest.mark.parametrize(
    "library", [pytest.param(name, marks=_KNOWN_LIBRARY.get(name, ())) for name in IMPURE]
)
def test_importing_core_loads_no_impure_library(loaded: set[str], library: str) -> None:
    assert library not in {m.split(".")[0] for m in loaded}
