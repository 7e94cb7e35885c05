"""The import graph of leaderlog/ holds the architecture: no cycles, layers one way, no private names across modules, small files.

Each checker works on any package folder, so the tests at the bottom feed it small
synthetic trees in tmp_path and prove that it reports what it should.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import leaderlog

PACKAGE = Path(leaderlog.__file__).parent
ROOT_NAMES_FOR_EVERYONE = frozenset({"__version__", "APP_NAME"})
DOMAIN = ("journal", "reports", "transfer", "safety", "team")
MAX_FILE_LINES = 600
MAX_CLASS_LINES = 400


@dataclass(frozen=True)
class Edge:
    """One import statement of ``source`` (at ``file:line``) reaching module ``target``."""

    source: str
    target: str
    file: Path
    line: int
    names: tuple[str, ...] = ()  # names taken from target when it is not a module itself
    type_hints_only: bool = False  # under `if TYPE_CHECKING:`: still a dependency of the design

    def where(self) -> str:
        return f"{self.file}:{self.line}"


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


class ImportGraph:
    """Every module under a package folder and the LeaderLog modules each one imports."""

    def __init__(self, folder: Path, name: str | None = None) -> None:
        self.folder = folder
        self.name = name or folder.name
        self.files: dict[str, Path] = {}
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            self.files[".".join((self.name, *parts))] = path
        self.trees = {
            module: ast.parse(path.read_text(encoding="utf-8"), str(path))
            for module, path in self.files.items()
        }
        self.edges = sorted(
            (edge for module in self.files for edge in self._edges_of(module)),
            key=lambda edge: (str(edge.file), edge.line),
        )

    def shown(self, path: Path) -> str:
        return str(path.relative_to(self.folder.parent))

    def _package_of(self, module: str) -> str:
        is_package = self.files[module].name == "__init__.py"
        return module if is_package else module.rpartition(".")[0]

    def _absolute(self, module: str, node: ast.ImportFrom) -> str:
        if node.level == 0:
            return node.module or ""
        base = self._package_of(module).split(".")
        base = base[: len(base) - (node.level - 1)]
        return ".".join([*base, node.module] if node.module else base)

    def _ours(self, dotted: str) -> bool:
        return dotted == self.name or dotted.startswith(self.name + ".")

    def _edges_of(self, module: str) -> Iterator[Edge]:
        file = Path(self.shown(self.files[module]))
        hints = _type_checking_lines(self.trees[module])
        for node in ast.walk(self.trees[module]):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if self._ours(alias.name):
                        yield Edge(module, alias.name, file, node.lineno, (), node.lineno in hints)
            elif isinstance(node, ast.ImportFrom):
                base = self._absolute(module, node)
                if not self._ours(base):
                    continue
                plain = []
                for alias in node.names:
                    if f"{base}.{alias.name}" in self.files:
                        target = f"{base}.{alias.name}"
                        yield Edge(module, target, file, node.lineno, (), node.lineno in hints)
                    else:
                        plain.append(alias.name)
                if plain:
                    yield Edge(module, base, file, node.lineno, tuple(plain), node.lineno in hints)

    def layer(self, module: str) -> str:
        """The top-level package a module belongs to ("" for the root package itself)."""
        parts = module.split(".")
        return parts[1] if len(parts) > 1 else ""

    # --- the checks -------------------------------------------------------------------

    def cycles(self) -> list[list[Edge]]:
        """One concrete cycle (as the imports that close it) per strongly connected group."""
        following: dict[str, list[Edge]] = {module: [] for module in self.files}
        for edge in self.edges:
            if edge.target in following and edge.target != edge.source:
                following[edge.source].append(edge)
        return [
            _cycle_within(sorted(group)[0], group, following)
            for group in _strongly_connected(following)
            if len(group) > 1
        ]

    def layer_violations(self) -> list[str]:
        problems = []
        for edge in self.edges:
            src, dst = self.layer(edge.source), self.layer(edge.target)
            if src == dst:
                continue
            if dst == "" and set(edge.names) <= ROOT_NAMES_FOR_EVERYONE:
                continue  # the root package's version and name are for everyone
            rule = None
            if src == "core":
                rule = "core imports nothing else of LeaderLog"
            elif src == "data" and dst != "core":
                rule = "data imports only core"
            elif src == "ui" and dst == "data":
                rule = "ui never imports data (call the domain instead)"
            elif src in DOMAIN and dst in ("ui", "cli"):
                rule = "the domain never imports the front doors (ui, cli)"
            if rule:
                taken = f" ({', '.join(edge.names)})" if edge.names else ""
                taken += " under TYPE_CHECKING" if edge.type_hints_only else ""
                problems.append(
                    f"{edge.where()}: {edge.source} imports {edge.target}{taken}: {rule}"
                )
        return problems

    def private_name_violations(self) -> list[str]:
        problems = []
        for edge in self.edges:
            for name in edge.names:
                if _is_private(name):
                    problems.append(
                        f"{edge.where()}: {edge.source} imports private {edge.target}.{name}"
                    )
            last = edge.target.rpartition(".")[2]
            outside = edge.target.rpartition(".")[0] != self._package_of(edge.source)
            if _is_private(last) and outside and edge.target in self.files:
                problems.append(
                    f"{edge.where()}: {edge.source} imports private module {edge.target}"
                )
        for module, tree in self.trees.items():
            problems.extend(self._private_attributes(module, tree))
        return sorted(problems, key=_by_file_and_line)

    def _private_attributes(self, module: str, tree: ast.Module) -> Iterator[str]:
        bound: dict[str, str] = {}  # local name -> LeaderLog module it stands for
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if self._ours(alias.name):
                        if alias.asname:
                            bound[alias.asname] = alias.name
                        else:
                            top = alias.name.split(".")[0]
                            bound[top] = top
            elif isinstance(node, ast.ImportFrom):
                base = self._absolute(module, node)
                for alias in node.names:
                    if f"{base}.{alias.name}" in self.files:
                        bound[alias.asname or alias.name] = f"{base}.{alias.name}"

        def resolve(node: ast.expr) -> str | None:
            if isinstance(node, ast.Name):
                return bound.get(node.id)
            if isinstance(node, ast.Attribute):
                base = resolve(node.value)
                if base and f"{base}.{node.attr}" in self.files:
                    return f"{base}.{node.attr}"
            return None

        file = self.shown(self.files[module])
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _is_private(node.attr):
                owner = resolve(node.value)
                if owner and owner != module and f"{owner}.{node.attr}" not in self.files:
                    yield f"{file}:{node.lineno}: {module} uses private {owner}.{node.attr}"

    def oversized_files(self, limit: int = MAX_FILE_LINES) -> list[str]:
        problems = []
        for path in self.files.values():
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > limit:
                problems.append(f"{self.shown(path)}:1: {lines} lines (limit {limit})")
        return problems

    def oversized_classes(self, limit: int = MAX_CLASS_LINES) -> list[str]:
        problems = []
        for module, tree in self.trees.items():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    lines = (node.end_lineno or node.lineno) - node.lineno + 1
                    if lines > limit:
                        problems.append(
                            f"{self.shown(self.files[module])}:{node.lineno}: class {node.name}"
                            f" is {lines} lines (limit {limit})"
                        )
        return problems


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.body:
                lines.update(
                    range(statement.lineno, (statement.end_lineno or statement.lineno) + 1)
                )
    return lines


def _strongly_connected(following: dict[str, list[Edge]]) -> Iterable[set[str]]:
    """Tarjan's algorithm, iterative so a deep import chain cannot hit the recursion limit."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for start in sorted(following):
        if start in index:
            continue
        work = [(start, iter(following.get(start, [])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for edge in edges:
                if edge.target not in index:
                    index[edge.target] = low[edge.target] = len(index)
                    stack.append(edge.target)
                    on_stack.add(edge.target)
                    work.append((edge.target, iter(following.get(edge.target, []))))
                    break
                if edge.target in on_stack:
                    low[node] = min(low[node], index[edge.target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    yield group


def _cycle_within(start: str, group: set[str], following: dict[str, list[Edge]]) -> list[Edge]:
    """The shortest path of imports from ``start`` back to itself inside ``group``."""
    came_by: dict[str, Edge] = {}
    frontier = [start]
    while frontier:
        next_frontier = []
        for node in frontier:
            for edge in following.get(node, []):
                if edge.target not in group:
                    continue
                if edge.target == start:
                    path = [edge]
                    while path[0].source != start:
                        path.insert(0, came_by[path[0].source])
                    return path
                if edge.target not in came_by:
                    came_by[edge.target] = edge
                    next_frontier.append(edge.target)
        frontier = next_frontier
    raise AssertionError(f"{start} is in a cycle group but no cycle was found")


def describe_cycle(cycle: list[Edge]) -> str:
    chain = " -> ".join([cycle[0].source, *(edge.target for edge in cycle)])
    steps = "; ".join(
        f"{edge.where()} imports {edge.target}"
        + (" under TYPE_CHECKING" if edge.type_hints_only else "")
        for edge in cycle
    )
    return f"{chain}  ({steps})"


def _by_file_and_line(problem: str) -> tuple[str, int]:
    file, line, _ = problem.split(":", 2)
    return file, int(line)


def _report(problems: list[str]) -> str:
    return "\n".join(["", *problems])


# --- the real tree -------------------------------------------------------------------


@pytest.fixture(scope="module")
def leaderlog_graph() -> ImportGraph:
    return ImportGraph(PACKAGE)


def test_no_import_cycles_between_modules(leaderlog_graph: ImportGraph) -> None:
    cycles = [describe_cycle(cycle) for cycle in leaderlog_graph.cycles()]
    assert cycles == [], _report(cycles)


def test_imports_point_one_way_ui_and_cli_then_domain_then_data_then_core(
    leaderlog_graph: ImportGraph,
) -> None:
    problems = leaderlog_graph.layer_violations()
    assert problems == [], _report(problems)


def test_no_module_uses_another_modules_private_names(leaderlog_graph: ImportGraph) -> None:
    problems = leaderlog_graph.private_name_violations()
    assert problems == [], _report(problems)


def test_no_file_is_over_600_lines(leaderlog_graph: ImportGraph) -> None:
    problems = leaderlog_graph.oversized_files()
    assert problems == [], _report(problems)


def test_no_class_is_over_400_lines(leaderlog_graph: ImportGraph) -> None:
    problems = leaderlog_graph.oversized_classes()
    assert problems == [], _report(problems)


def test_the_graph_sees_the_imports_the_app_is_built_on(leaderlog_graph: ImportGraph) -> None:
    """Guards the checkers against silently reading nothing (a wrong root, a parse miss)."""
    targets = {(edge.source, edge.target) for edge in leaderlog_graph.edges}
    assert ("leaderlog.data.migrate", "leaderlog.core.errors") in targets
    assert len(leaderlog_graph.files) > 50


# --- the checkers on small synthetic trees -------------------------------------------


def make_tree(root: Path, files: dict[str, str]) -> ImportGraph:
    """A package ``app`` under ``root`` holding ``files`` (path -> source)."""
    package = root / "app"
    for relative, source in {"__init__.py": '"""app."""\n__version__ = "1"\n', **files}.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(package).parents:
            init = package / parent / "__init__.py"
            if not init.exists():
                init.write_text("")
        path.write_text(source)
    return ImportGraph(package)


def test_a_cycle_through_absolute_relative_and_from_imports_is_reported_with_its_path(
    tmp_path: Path,
) -> None:
    graph = make_tree(
        tmp_path,
        {
            "cli/main.py": "from app.cli import team\n",
            "cli/team.py": "import os\n\nfrom . import common\n",
            "cli/common.py": "from app.cli.main import run\n",
            "cli/clean.py": "from app.cli import common\n",
        },
    )
    [cycle] = graph.cycles()
    assert describe_cycle(cycle) == (
        "app.cli.common -> app.cli.main -> app.cli.team -> app.cli.common"
        "  (app/cli/common.py:1 imports app.cli.main; app/cli/main.py:1 imports app.cli.team;"
        " app/cli/team.py:3 imports app.cli.common)"
    )


def test_a_lazy_import_inside_a_function_still_closes_a_cycle(tmp_path: Path) -> None:
    graph = make_tree(
        tmp_path,
        {
            "journal/a.py": "def f():\n    from ..journal import b\n",
            "journal/b.py": "import app.journal.a as a\n",
        },
    )
    [cycle] = graph.cycles()
    assert [edge.where() for edge in cycle] == ["app/journal/a.py:2", "app/journal/b.py:1"]


def test_a_type_hint_import_back_to_the_owner_is_a_cycle_and_says_so(tmp_path: Path) -> None:
    graph = make_tree(
        tmp_path,
        {
            "ui/window.py": "from app.ui import helper\n",
            "ui/helper.py": (
                "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from app.ui.window import W\n"
            ),
        },
    )
    [cycle] = graph.cycles()
    assert describe_cycle(cycle).endswith(
        "(app/ui/helper.py:4 imports app.ui.window under TYPE_CHECKING;"
        " app/ui/window.py:1 imports app.ui.helper)"
    )


def test_an_acyclic_tree_has_no_cycles(tmp_path: Path) -> None:
    graph = make_tree(
        tmp_path,
        {
            "core/a.py": "x = 1\n",
            "data/b.py": "from app.core.a import x\n",
            "ui/c.py": "import app.data.b\n",
        },
    )
    assert graph.cycles() == []


def test_each_layer_rule_is_reported_with_file_and_line(tmp_path: Path) -> None:
    graph = make_tree(
        tmp_path,
        {
            "core/paths.py": "from app import __version__\n",
            "core/kinds.py": "\nfrom app.data.models import Row\n",
            "data/models.py": "from app.core import kinds\nfrom app.journal import people\n",
            "journal/people.py": "from app.data.models import Row\nfrom app.ui import widgets\n",
            "reports/chart.py": "import app.cli.main\n",
            "ui/widgets.py": "from ..data import models\nfrom app.journal.people import add\n",
            "ui/page.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.data.engine import Db\n",
            "data/engine.py": "Db = 1\n",
            "cli/main.py": "from app.data import models\nfrom app.ui import widgets\n",
        },
    )
    assert graph.layer_violations() == [
        "app/core/kinds.py:2: app.core.kinds imports app.data.models (Row):"
        " core imports nothing else of LeaderLog",
        "app/data/models.py:2: app.data.models imports app.journal.people: data imports only core",
        "app/journal/people.py:2: app.journal.people imports app.ui.widgets:"
        " the domain never imports the front doors (ui, cli)",
        "app/reports/chart.py:1: app.reports.chart imports app.cli.main:"
        " the domain never imports the front doors (ui, cli)",
        "app/ui/page.py:3: app.ui.page imports app.data.engine (Db) under TYPE_CHECKING:"
        " ui never imports data (call the domain instead)",
        "app/ui/widgets.py:1: app.ui.widgets imports app.data.models:"
        " ui never imports data (call the domain instead)",
    ]


def test_core_may_take_only_the_version_and_name_from_the_root_package(tmp_path: Path) -> None:
    graph = make_tree(
        tmp_path,
        {
            "__init__.py": '__version__ = "1"\nAPP_NAME = "App"\nHOME = "x"\n',
            "core/ok.py": "from app import APP_NAME, __version__\n",
            "core/bad.py": "from app import HOME\n",
        },
    )
    assert graph.layer_violations() == [
        "app/core/bad.py:1: app.core.bad imports app (HOME): core imports nothing else of LeaderLog"
    ]


def test_private_names_across_modules_are_reported_in_every_spelling(tmp_path: Path) -> None:
    graph = make_tree(
        tmp_path,
        {
            "journal/people.py": "def _check(): ...\n_ROW = 1\n\ndef own():\n    return _check()\n",
            "journal/logbook.py": (
                "from app.journal.people import _check, own\n"
                "from . import people\n"
                "import app.journal.people as folks\n"
                "import app.journal.people\n"
                "\n"
                "people._ROW\n"
                "folks._check()\n"
                "app.journal.people._ROW\n"
                "people.own()\n"
                "people.__doc__\n"
                "text = 'x'\n"
                "text._not_a_module\n"
            ),
            "journal/_impl.py": "x = 1\n",
            "journal/uses_impl.py": "from . import _impl\n",
            "ui/uses_impl.py": "from app.journal import _impl\n",
        },
    )
    assert graph.private_name_violations() == [
        "app/journal/logbook.py:1: app.journal.logbook imports private app.journal.people._check",
        "app/journal/logbook.py:6: app.journal.logbook uses private app.journal.people._ROW",
        "app/journal/logbook.py:7: app.journal.logbook uses private app.journal.people._check",
        "app/journal/logbook.py:8: app.journal.logbook uses private app.journal.people._ROW",
        "app/ui/uses_impl.py:1: app.ui.uses_impl imports private module app.journal._impl",
    ]


def test_long_files_and_long_classes_are_reported_with_their_first_line(tmp_path: Path) -> None:
    long_class = "\n\nclass Big:\n" + "    x = 1\n" * 6
    graph = make_tree(
        tmp_path,
        {"small.py": "class Small:\n    x = 1\n", "big.py": long_class, "long.py": "x = 1\n" * 12},
    )
    assert graph.oversized_files(limit=10) == ["app/long.py:1: 12 lines (limit 10)"]
    assert graph.oversized_classes(limit=5) == ["app/big.py:3: class Big is 7 lines (limit 5)"]
