"""What a process holds lives in its runtime (`passback.operations.runtime.Runtime`), built
by the composition roots, not in module globals: no module binds a mutable container or a
lock at import time, except the two places listed below with their reasons.

UPPER_CASE bindings are constants by the project's convention (tables of words, category
maps) and are not process state; a lock is state whatever its name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import passback

ROOT = Path(passback.__file__).parent
MODULES = sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)
MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "Counter", "deque", "OrderedDict"}
LOCKS = {"Lock", "RLock"}
ALLOWED = {
    # the command line is a composition root: its --verbose flag for the process
    "cli/common.py:_state",
    # Alembic keeps the running migration in its own module globals: one upgrade at a time
    "store/db.py:_UPGRADE_LOCK",
}


def _call_name(value: ast.expr) -> str:
    if not isinstance(value, ast.Call):
        return ""
    func = value.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _state(name: str, value: ast.expr) -> bool:
    if _call_name(value) in LOCKS:
        return True
    if name.lstrip("_").isupper():
        return False
    containers = ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp | ast.SetComp
    return isinstance(value, containers) or _call_name(value) in MUTABLE_CALLS


def _bindings(source: str) -> list[tuple[str, ast.expr]]:
    """The names a module binds at import time, with their values."""
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        found += [(t.id, value) for t in targets if isinstance(t, ast.Name)]
    return found


def test_the_check_sees_a_module_global() -> None:
    source = "_boxes = {}\nLABELS = {'a': 1}\n_lock = threading.Lock()\nlimit = 3\n"
    assert [name for name, value in _bindings(source) if _state(name, value)] == ["_boxes", "_lock"]


def test_no_module_level_mutable_state() -> None:
    found = {
        f"{path.relative_to(ROOT).as_posix()}:{name}"
        for path in MODULES
        for name, value in _bindings(path.read_text(encoding="utf-8"))
        if name != "__all__" and _state(name, value)
    }
    assert len(MODULES) > 150  # the whole package was read
    assert found == ALLOWED
