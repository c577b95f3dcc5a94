"""The import graph of src/vankien is a straight pipeline (docs/kien-truc.md).

Every import is read with ``ast``, function-local ones included (a lazy import is still a
dependency: it only moves the cost). A module may import from its own layer's package and from
the layers below it, never from a layer above; and no set of modules imports itself round.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "vankien"

# Lowest first. A name is a top-level module or package of vankien ("vankien" itself is the
# package's __init__). Each may import only from the names before it (and from itself).
LAYERS = (
    "vankien",  # __version__
    "errors",
    "textio",
    "yamlio",
    "gitio",
    "resources",
    "options",
    "outline",
    "unit",
    "skeleton",
    "targets",
    "report",
    "lint",
    "publish",
    "review",
    "word",
    "cli_help",
    "cli",
    "entry",
    "__main__",
)

KNOWN: frozenset[tuple[str, str]] = frozenset()


def modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ("vankien", *path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _targets(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The vankien modules that the module ``name`` imports, anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            # ``from vankien.x import y`` imports the module vankien.x.y when there is one.
            found = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in found:
            # ``import vankien.a.b`` loads vankien.a too: the nearest module that exists.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("vankien") and target != name:
                yield target


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: set(_targets(name, path, known)) for name, path in known.items()}


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    rank = {name: i for i, name in enumerate(LAYERS)}
    return sorted(
        f"{a} ({layer_of(a)}) imports {b} ({layer_of(b)})"
        for a, targets in graph.items()
        for b in targets
        if (a, b) not in KNOWN and rank[layer_of(a)] < rank[layer_of(b)]
    )


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            child = next(edges, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_every_module_has_a_layer() -> None:
    graph = import_graph()
    assert len(graph) > 100  # the walk found the package
    assert sorted({layer_of(m) for m in graph} - set(LAYERS)) == []


def test_the_reader_sees_local_and_relative_imports(tmp_path: Path) -> None:
    """The graph reader itself: a function-local import, a relative one, ``import a.b``."""
    pkg = tmp_path / "vankien"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "low.py").write_text("")
    (pkg / "sub" / "mod.py").write_text(
        "def f():\n    from ..low import x\n    import vankien.sub.other\n"
    )
    (pkg / "sub" / "other.py").write_text("from vankien import low\n")
    known = {
        "vankien": pkg / "__init__.py",
        "vankien.low": pkg / "low.py",
        "vankien.sub": pkg / "sub" / "__init__.py",
        "vankien.sub.mod": pkg / "sub" / "mod.py",
        "vankien.sub.other": pkg / "sub" / "other.py",
    }
    assert set(_targets("vankien.sub.mod", known["vankien.sub.mod"], known)) == {
        "vankien.low",
        "vankien.sub.other",
    }
    assert set(_targets("vankien.sub.other", known["vankien.sub.other"], known)) == {
        "vankien",
        "vankien.low",
    }
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_from_a_higher_layer() -> None:
    assert upward_imports(import_graph()) == []


def test_no_import_cycle() -> None:
    graph = import_graph()
    for a, b in KNOWN:
        graph[a].discard(b)
    assert cycles(graph) == []


def test_known_exceptions_are_still_needed() -> None:
    """An exception whose import is gone is deleted from KNOWN."""
    graph = import_graph()
    assert sorted(edge for edge in KNOWN if edge[1] not in graph[edge[0]]) == []
