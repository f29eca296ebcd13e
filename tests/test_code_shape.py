"""The code stays small enough to read: short functions, regular expressions laid out,
no import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "syndicate"
MODULES = sorted(p for p in SRC.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


NAMES = {module_name(p) for p in MODULES}


def imports(path: Path) -> set[str]:
    """The syndicate modules ``path`` imports, wherever in the module (lazy imports too),
    except those only imported for type checking."""
    package = module_name(path) if path.name == "__init__.py" else \
        module_name(path).rpartition(".")[0]
    out: set[str] = set()
    tree = ast.parse(path.read_text("utf-8"))
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
            and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(max(0, node.level - 1)):
                base = base.rpartition(".")[0]
            target = (f"{base}.{node.module}" if node.module else base) if node.level else \
                node.module or ""
            if target.startswith("syndicate"):
                # "from . import graph" depends on the module graph, not on the package
                submodules = {f"{target}.{a.name}" for a in node.names} & NAMES
                out.update(submodules or {target})
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("syndicate"))
    return out


def graph() -> dict[str, set[str]]:
    """module -> the modules it imports; a package's own __init__ is left out of its
    submodules' imports, since it always runs before them and cannot start a cycle."""
    out = {}
    for path in MODULES:
        name = module_name(path)
        out[name] = {m for m in imports(path)
                     if m in NAMES and m != name and not name.startswith(m + ".")}
    return out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_the_import_graph_has_no_cycles():
    assert cycles(graph()) == []


def test_a_cycle_is_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def regex_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and \
                node.args and node.func.attr in ("compile", "match", "search", "fullmatch",
                                                  "finditer", "findall", "split", "sub"):
            yield node


def written_length(node: ast.AST) -> int:
    """Characters of regular expression written out in the source (named parts excluded)."""
    return sum(len(n.value) for n in ast.walk(node)
               if isinstance(n, ast.Constant) and isinstance(n.value, str))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_long_regular_expressions_are_laid_out_verbose(path):
    long = [node.lineno for node in regex_calls(ast.parse(path.read_text("utf-8")))
            if written_length(node.args[0]) > 160 and not any(
                "re.X" in ast.unparse(a) or "VERBOSE" in ast.unparse(a)
                for a in [*node.args[1:], *(k.value for k in node.keywords)])]
    assert not long, f"regular expressions over 160 characters without re.X at lines {long}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_function_is_longer_than_80_lines(path):
    tree = ast.parse(path.read_text("utf-8"))
    long = [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno is not None and node.end_lineno - node.lineno + 1 > 80]
    assert not long, f"functions over 80 lines: {long}"
