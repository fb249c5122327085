"""The core is pure: no module but the CLI imports anything that reaches the outside world."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "callback_routing"
CORE = sorted(p for p in SRC.glob("*.py") if p.name not in ("cli.py", "__main__.py"))
FORBIDDEN_MODULES = {
    "os",
    "sys",
    "socket",
    "time",
    "random",
    "secrets",
    "subprocess",
    "io",
    "pathlib",
    "logging",
    "threading",
    "asyncio",
    "urllib",
    "http",
    "requests",
    "uuid",
}
FORBIDDEN_CALLS = {"open", "print", "input", "exec", "eval"}
CLOCK_READS = {"now", "utcnow", "today", "localtime"}  # datetime is fine


@pytest.mark.parametrize("path", CORE, ids=[p.name for p in CORE])
def test_core_module_touches_no_outside_world(path: Path) -> None:
    """R8: routing reads only its arguments (no clock, environment, files, network, randomness)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            names = []
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN_MODULES, f"{path.name} imports {name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, f"{path.name} calls {node.func.id}()"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert node.func.attr not in CLOCK_READS, f"{path.name} reads the clock"
        if isinstance(node, ast.Global):
            pytest.fail(f"{path.name} uses global state")


def test_routing_alone_does_not_load_the_codec() -> None:
    """Importing the package and routing loads neither cattrs, idna nor Hypothesis."""
    code = (
        "import sys, callback_routing as c\n"
        "c.route(c.TestType.LNT, None, c.Settings(general=c.parse_callback_url('https://h.example/')))\n"
        "print(sorted(m for m in ('cattrs', 'idna', 'hypothesis') if m in sys.modules))\n"
    )
    done = subprocess.run(  # noqa: S603 - our own fixed code, in this interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
