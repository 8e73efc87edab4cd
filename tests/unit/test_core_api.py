"""core's public face and its purity: the names `passback.core` exports (the way httpx tests
`httpx.__all__`), and that core imports nothing of passback's other packages and nothing
outside the standard library (no database, HTTP, terminal, validation or logging library).

The import-linter contracts in pyproject.toml check the same edges (`lint-imports`, run by
.ci/run); this test keeps them in the test suite, where a newcomer runs them first.
"""

from __future__ import annotations

import ast
import inspect
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

MODULES = sorted(CORE.glob("*.py"))


def test_all_is_the_public_face() -> None:
    assert passback.core.__all__ == EXPORTED


def test_every_exported_class_and_function_is_defined_in_core() -> None:
    for name in passback.core.__all__:
        value = getattr(passback.core, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__.startswith("passback.core."), (name, value.__module__)


def _imported(path: Path) -> set[str]:
    """Every module a core module imports, late (function-level) imports included. Read
    from the source rather than `sys.modules`, so the test stays pure and sees imports a run
    would only reach later."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom):
            names.add("passback.core")  # relative: inside core
    return names


def _in_core(name: str) -> bool:
    return name == "passback.core" or name.startswith("passback.core.")


def test_core_imports_no_other_passback_package() -> None:
    found = {
        f"{path.name}: {name}"
        for path in MODULES
        for name in _imported(path)
        if name.split(".")[0] == "passback" and not _in_core(name)
    }
    assert not found


@pytest.mark.parametrize("module", MODULES, ids=[p.name for p in MODULES])
def test_core_modules_import_only_the_standard_library_and_core(module: Path) -> None:
    outside = {
        name
        for name in _imported(module)
        if not _in_core(name) and name.split(".")[0] not in sys.stdlib_module_names
    }
    assert not outside, f"{module.name} imports {sorted(outside)}"


@pytest.mark.parametrize("library", IMPURE)
def test_core_imports_no_impure_library(library: str) -> None:
    roots = {name.split(".")[0] for path in MODULES for name in _imported(path)}
    assert library not in roots
