"""Print the import graph of dvk_build's layers and exit 1 on a cycle or on outputs importing each other.

    python scripts/import_graph.py

Layers: load, validate, model, render, export, search (a package, or a module for model). Every
import in a module counts, at the top or inside a function. render/, export/ and search/ take the
neutral site context (site_context.py) and must not import one another.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "dvk_build"
LAYERS = ("load", "validate", "model", "render", "export", "search")
OUTPUTS = {"render", "export", "search"}


def layer_of(module: str) -> str | None:
    """`dvk_build.render.site` → `render`; None outside the layers."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "dvk_build" and parts[1] in LAYERS else None


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Absolute names of the dvk_build modules `path` imports."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names}  # `from . import export` names a module
    return {m for m in found if m.startswith("dvk_build")}


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {layer: set() for layer in LAYERS}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = layer_of(module_name(path))
        if source is None:
            continue
        for target in map(layer_of, imports(path)):
            if target and target != source:
                edges[source].add(target)
    return edges


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph, as a path that returns to its start, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in LAYERS:
        if node not in state and (found := visit(node)):
            return found
    return None


def problems(edges: dict[str, set[str]]) -> list[str]:
    found = [f"{a} imports {b}" for a in sorted(OUTPUTS) for b in sorted(edges[a] & OUTPUTS)]
    loop = cycle(edges)
    if loop:
        found.append("cycle: " + " → ".join(loop))
    return found


def main() -> int:
    edges = graph()
    for layer in LAYERS:
        print(f"{layer} → {', '.join(sorted(edges[layer])) or '(nothing)'}")
    found = problems(edges)
    for problem in found:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
