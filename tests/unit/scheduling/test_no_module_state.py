"""What a process holds lives in its runtime (`passback.operations.runtime.Runtime`), not in
module globals: no module of scheduling/, notify/ or sync/live.py binds a mutable container
or a lock at import time."""

from __future__ import annotations

import ast
from pathlib import Path

import passback

ROOT = Path(passback.__file__).parent
MODULES = [
    *sorted((ROOT / "scheduling").glob("*.py")),
    *sorted((ROOT / "notify").glob("*.py")),
    ROOT / "sync" / "live.py",
]
MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "Counter", "deque", "Lock", "RLock"}


def _mutable(value: ast.expr) -> bool:
    if isinstance(value, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name in MUTABLE_CALLS
    return False


def test_no_module_level_mutable_state() -> None:
    found = []
    for path in MODULES:
        for node in ast.parse(path.read_text()).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                continue
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if value is not None and _mutable(value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
