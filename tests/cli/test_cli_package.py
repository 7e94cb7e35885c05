"""The cli package's shape: command modules share leaderlog.cli.common, never each other, and no private names cross."""

from __future__ import annotations

import ast
from pathlib import Path

import leaderlog.cli

CLI = Path(leaderlog.cli.__file__).parent
COMMAND_MODULES = {
    "people",
    "calendar",
    "entries",
    "demo",
    "transfer",
    "safety",
    "team",
    "desktop",
    "reports",
    "where",
}


def _cli_modules() -> dict[str, ast.Module]:
    return {
        f"leaderlog.cli.{path.stem}": ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(CLI.glob("*.py"))
        if path.stem != "__init__"
    }


def _imports(tree: ast.Module) -> list[tuple[str, list[str]]]:
    """(module, names) for every import in the file, function-level ones included."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [alias.name for alias in node.names]
            for name in names:  # `from leaderlog.cli import people` imports a module
                if f"{node.module}.{name}".startswith("leaderlog.cli."):
                    found.append((f"{node.module}.{name}", []))
            found.append((node.module, names))
    return found


def _private(name: str) -> bool:
    """An underscore name, not a dunder such as __version__."""
    return name.startswith("_") and not name.startswith("__")


def _cli_graph() -> dict[str, set[str]]:
    modules = _cli_modules()
    return {
        name: {target for target, _ in _imports(tree) if target in modules and target != name}
        for name, tree in modules.items()
    }


def test_the_cli_package_has_no_import_cycle() -> None:
    graph = _cli_graph()
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module not in done:
            for target in graph[module]:
                visit(target, (*path, module))
            done.add(module)

    for module in graph:
        visit(module, ())


def test_command_modules_import_only_common_of_the_cli() -> None:
    graph = _cli_graph()
    assert graph["leaderlog.cli.common"] == set()
    for name in COMMAND_MODULES:
        assert graph[f"leaderlog.cli.{name}"] == {"leaderlog.cli.common"}, name
    assert graph["leaderlog.cli.main"] == {
        "leaderlog.cli.common",
        *(f"leaderlog.cli.{name}" for name in COMMAND_MODULES),
    }


def test_no_cli_module_imports_another_modules_underscore_names() -> None:
    offenders = []
    for name, tree in _cli_modules().items():
        for module, names in _imports(tree):
            if module.startswith("leaderlog"):
                offenders += [f"{name}: {module}.{n}" for n in names if _private(n)]
        aliases = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("leaderlog")
            for alias in node.names
        }
        offenders += [
            f"{name}: {node.value.id}.{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and _private(node.attr)
        ]
    assert offenders == []
