"""The import graph of exam_prep: no module imports another that (directly or not) imports it
back, and the shared labeling layer never imports the question types above it.

Every import statement counts, also one inside a function (a cycle "hidden" in a function is
still a cycle). An edge goes to the module named, the most specific one: ``from .a import b``
is an edge to ``pkg.a.b`` when ``b`` is a submodule, else to ``pkg.a``; ``from . import x`` to
``pkg.x`` when x is a submodule, else to ``pkg``. Parent packages that Python runs on the way
are not edges (else every package's __init__ would be in every cycle)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "exam_prep"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool,
              known: set[str]) -> set[str]:
    """The exam_prep modules one import statement names."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(package + ([base] if base else []))
    targets = set()
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        targets.add(submodule if submodule in known else base)
    return targets & known


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        edges: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges |= _imported(node, module, path.name == "__init__.py", known)
        graph[module] = edges - {module}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as [a, b, ..., a], or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_the_graph_sees_relative_nested_and_submodule_imports() -> None:
    graph = import_graph()
    assert "exam_prep.extensions" in graph["exam_prep.api.routes"] or \
        "exam_prep.exams.lifecycle" in graph["exam_prep.api.routes"]
    assert "exam_prep.accounts.throttle" in graph["exam_prep.accounts"]  # from . import throttle
    assert "exam_prep.bank.limits" in graph["exam_prep.media"]  # from .bank import limits
    assert "exam_prep.extensions" in graph["exam_prep.errors"]  # imported inside a function
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_labeling_layer_never_imports_the_question_types() -> None:
    upward = sorted(f"{module} -> {target}" for module, targets in import_graph().items()
                    if module.startswith("exam_prep.labeling") for target in targets
                    if target == "exam_prep.questions" or target.startswith("exam_prep.questions."))
    assert upward == []


def test_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("module", ["exam_prep.bank.sync"])
def test_the_bank_imports_no_module_that_defines_a_blueprint(module: str) -> None:
    modules = _modules()
    graph = import_graph()
    reached, todo = set(), [module]
    while todo:
        current = todo.pop()
        if current not in reached:
            reached.add(current)
            todo.extend(graph[current])
    blueprints = sorted(m for m in reached if "Blueprint(" in modules[m].read_text(encoding="utf-8"))
    assert blueprints == []
