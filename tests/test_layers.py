"""The layers run one way: every module imports only its own app and lower layers (read from the
code's own imports with ast, lazy imports inside functions included), and no modules import each
other in a circle. docs/adr/0009-layers-and-publishing-pipeline.md explains the order."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "layers"
# Lowest first. Apps of the same rank may not import each other.
RANK = {
    "core": 0,
    "territories": 1,
    "accounts": 2,
    "indicators": 3,
    "sources": 4,
    "registers": 5,
    "lab": 6,
    "api": 6,
    "directory": 6,
    "surveys": 6,
    "activities": 6,
    "publications": 6,
    "reports": 7,
    "audit": 8,  # reads every app, reports included
    "opendata": 8,  # catalogue, feeds, embeds and static export of everything below it
}
TOP = {
    "settings",
    "urls",
    "cli",
    "wsgi",
    "__main__",
    "__init__",
}  # the project itself may import any app


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of a lagesbild module, with relative imports made absolute."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return [(line, m) for line, m in found if m.startswith("lagesbild")]


def python_files(root: Path):
    return sorted(p for p in (root / "lagesbild").rglob("*.py") if "migrations" not in p.parts)


def upward_imports(root: Path) -> list[str]:
    problems = []
    for path in python_files(root):
        parts = path.relative_to(root).parts
        app = parts[1] if len(parts) > 2 else Path(parts[1]).stem
        if app in TOP:
            continue
        for line, module in imports_of(path, root):
            target = module.split(".")[1] if "." in module else ""
            if target in ("", app) or target not in RANK:
                continue
            if app not in RANK:
                problems.append(
                    f"{path.relative_to(root)}:{line}: app {app!r} has no layer (add it to RANK)"
                )
            elif RANK[target] >= RANK[app]:
                problems.append(
                    f"{path.relative_to(root)}:{line}: {app} (layer {RANK[app]}) imports {module} "
                    f"(layer {RANK[target]})"
                )
    return sorted(set(problems))


def circles(root: Path) -> list[str]:
    """Modules that import each other, directly or round a longer circle (Tarjan's algorithm)."""
    modules = {module_name(p, root): p for p in python_files(root)}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for _line, target in imports_of(path, root):
            while target and target not in modules:
                target = target.rsplit(".", 1)[0] if "." in target else ""
            if target and target != name and modules[target].name != "__init__.py":
                graph[name].add(target)
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            members = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                members.append(member)
                if member == node:
                    break
            if len(members) > 1:
                found.append(" ↔ ".join(sorted(str(modules[m].relative_to(root)) for m in members)))

    for node in graph:
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_module_imports_a_higher_layer():
    assert upward_imports(ROOT) == []


def test_no_modules_import_each_other_in_a_circle():
    assert circles(ROOT) == []


def test_every_app_has_a_layer():
    apps = {p.name for p in (ROOT / "lagesbild").iterdir() if (p / "apps.py").exists()}
    assert apps <= set(RANK), apps - set(RANK)


@pytest.mark.parametrize("check", [upward_imports, circles])
def test_the_checks_name_the_files_of_a_deliberate_mistake(check):
    found = check(FIXTURE)
    if check is upward_imports:
        assert found == [
            "lagesbild/core/summary.py:3: core (layer 0) imports lagesbild.reports.services (layer 7)",
            "lagesbild/core/summary.py:3: core (layer 0) imports lagesbild.reports.services.build (layer 7)",
        ]
    else:
        assert found == ["lagesbild/indicators/circle_a.py ↔ lagesbild/indicators/circle_b.py"]
