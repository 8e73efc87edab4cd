"""The schema package is whole on import and its table modules stand alone: importing
`passback.store.schema` registers every table module's tables on `Base.metadata`, and a
table module imports nothing of the schema but `base`."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

from sqlalchemy.orm import DeclarativeBase

import passback.store.schema as schema
from passback.store.schema import Base

MODULES = [m.name for m in pkgutil.iter_modules(schema.__path__) if m.name != "base"]


def test_the_package_registers_every_table_module_and_exports_its_classes() -> None:
    tables = set(Base.metadata.tables)
    exported = set(schema.__all__)
    for name in MODULES:
        module = importlib.import_module(f"{schema.__name__}.{name}")
        rows = {
            attr: value
            for attr, value in vars(module).items()
            if isinstance(value, type)
            and issubclass(value, DeclarativeBase)
            and value is not Base
            and value.__module__ == module.__name__
        }
        assert rows, name
        assert set(rows) <= exported, name
        assert {row.__tablename__ for row in rows.values()} <= tables, name
    assert set(Base.metadata.tables) == tables  # nothing came in late


def test_table_modules_import_only_base_of_the_schema() -> None:
    for name in MODULES:
        tree = ast.parse(Path(schema.__path__[0], f"{name}.py").read_text())
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        }
        passback = {m for m in imported if m.startswith("passback")}
        assert passback <= {"passback.store.schema.base"}, (name, passback)
