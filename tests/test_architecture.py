"""The layers, read from the imports (not from the names).

data files -> model/ -> render/ -> extensions/ (Python-Markdown adapters) | checks/ | generator/ -> cli.py
Nothing below the CLI imports MkDocs; no module outside the adapters imports
them; no import cycles; one job per module, none over 500 lines.
"""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "scripts" / "explainer"
MAX_LINES = 500
# Layers, lowest first: a module may import its own layer and the ones before it.
LAYERS = ["model", "render", "extensions", "checks", "generator"]
# Compatibility shims and entry points that sit outside the layers.
TOP = {"explainer.cli", "explainer.__main__", "explainer.mkdocs_hooks", "explainer.publish"}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "templates" in path.parts:
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


def _imports(path: Path) -> set[str]:
    """Every module an import statement in ``path`` names (function-level imports included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import; write 'from explainer.… import …'"
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_nothing_below_the_cli_imports_mkdocs():
    offenders = {name for name, path in _modules().items()
                 if any(imported == "mkdocs" or imported.startswith(("mkdocs.", "material")) for imported in _imports(path))}
    assert not offenders, offenders


def test_only_the_adapters_import_the_adapters():
    offenders = {name for name, path in _modules().items()
                 if not name.startswith(("explainer.extensions", "explainer.markdown"))
                 and any(imported.startswith("explainer.extensions") for imported in _imports(path))}
    assert not offenders, offenders


def test_each_layer_imports_only_itself_and_the_layers_below():
    modules = _modules()
    wrong = []
    for name, path in modules.items():
        layer = _layer(name)
        if layer is None:
            continue
        allowed = LAYERS[:LAYERS.index(layer) + 1]
        if layer in ("checks", "generator"):   # siblings above the adapters: neither may use them
            allowed = ["model", "render", layer]
        for imported in _imports(path):
            target = _layer(imported) if imported.startswith("explainer.") else None
            if target and target not in allowed:
                wrong.append(f"{name} imports {imported}")
    assert not wrong, "\n".join(wrong)


def test_there_are_no_import_cycles():
    modules = _modules()
    graph = {name: {imported for imported in _imports(path) if imported in modules and imported != name}
             for name, path in modules.items()}
    # A package's __init__ importing its own submodules is not a cycle of jobs; modules importing each other is.
    seen: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> None:
        seen[name] = 1
        stack.append(name)
        for target in sorted(graph[name]):
            if seen.get(target) == 1:
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(target):] + [target]))
            if target not in seen:
                visit(target)
        stack.pop()
        seen[name] = 2

    for name in sorted(graph):
        if name not in seen:
            visit(name)


def test_every_module_says_its_job_in_a_docstring():
    missing = [name for name, path in _modules().items() if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))]
    assert not missing, missing


def test_no_module_is_over_500_lines():
    long = {name: lines for name, path in _modules().items()
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these into modules of one job each: {long}"
