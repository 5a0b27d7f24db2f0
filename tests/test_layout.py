"""The package's shape: the taught core stands alone, and no module imports itself in a circle.

Read from the source files (ast), so a lazy import inside a function counts where it is
written: an import in a function body is not an import at module load, but the core must not
have one at all.
"""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lstm_np"
STDLIB = sys.stdlib_module_names


def module_name(path):
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path, top_level_only):
    """The modules `path` imports, as absolute dotted names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.add(module)
            for alias in node.names:           # `from . import x` may import a submodule x
                candidate = f"{module}.{alias.name}"
                if any(module_name(p) == candidate for p in PACKAGE.rglob("*.py")):
                    found.add(candidate)
    return found


CORE = sorted((PACKAGE / "core").glob("*.py"))


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_the_core_imports_numpy_the_standard_library_and_itself_only(path):
    outside = {m for m in imports(path, top_level_only=False)
               if m.split(".")[0] not in STDLIB and m.split(".")[0] != "numpy"
               and not m.startswith("lstm_np.core")}
    assert not outside, f"{path.name} imports {sorted(outside)}"


def test_the_package_has_no_import_cycle():
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        graph[module_name(path)] = {m for m in imports(path, top_level_only=True)
                                    if m.startswith("lstm_np")}
    # a module's package __init__ runs first, so importing lstm_np.a.b also depends on lstm_np.a
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph or nxt == node:
                continue
            if state.get(nxt) == "open":
                cycle = trail[trail.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


def test_no_module_level_getattr():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert "__getattr__" not in names, f"{module_name(path)} has a module __getattr__"


def test_importing_the_maths_loads_no_machinery():
    code = ("import sys; from lstm_np.core.activations import sigmoid; "
            "print(sorted(m for m in sys.modules if m.startswith('lstm_np.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    for heavy in ("lstm_np.engine.workers", "lstm_np.cli", "lstm_np.lessons"):
        assert heavy not in loaded, f"importing sigmoid loads {heavy}: {loaded}"


def test_the_underscore_is_gettext_only():
    """`_` is the translation function; a value thrown away gets a name of its own."""
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                raise AssertionError(f"{module_name(path)}, line {node.lineno}: `_` assigned")
