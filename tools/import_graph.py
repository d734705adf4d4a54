"""Print the shape of Mentora's imports between apps (issue 15's figures).

    python tools/import_graph.py            # summary and every finding
    python tools/import_graph.py --summary  # the three figures only

It reads the source with `ast` (nothing is imported, so it needs no settings) and reports:

1. function-local imports of another Mentora app (an import inside a function body), with
   the comment on the line above or at the end of the line when there is one;
2. pairs of apps that import each other (any import outside tests, type-only ones included);
3. modules over 450 lines, leaving out the matching engine, the demo, migrations and tests.

An "app" is the first package under `mentora/` (`mentora.growth`, `mentora.lib`); the
top-level modules (`mentora.cli`, `mentora.jobs`, ...) count as one app each.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mentora"
LINE_LIMIT = 450
# The interfaces and the demo sit on top of every app: their lazy imports are not back edges.
TOP_LEVEL = {"api", "cli", "urls", "views", "wsgi", "jobs", "settings", "testing", "demo"}
EXEMPT_FROM_LIMIT = ("mentora/matching/engine/", "mentora/demo/")


@dataclass(frozen=True)
class Import:
    path: str
    line: int
    source_app: str
    target: str
    local: bool
    reason: str


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _skipped(path: Path) -> bool:
    rel = path.relative_to(ROOT).as_posix()
    return "/tests/" in rel or "/migrations/" in rel or rel == "mentora/testing.py"


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _reason(lines: list[str], lineno: int) -> str:
    """The comment at the end of the line, or the comment above it (over a run of imports)."""
    line = lines[lineno - 1]
    if "#" in line:
        return line.split("#", 1)[1].strip()
    above = lineno - 2
    while above >= 0 and lines[above].strip().startswith(("from ", "import ", ")")):
        above -= 1
    text = lines[above].strip() if above >= 0 else ""
    return text.lstrip("#").strip() if text.startswith("#") else ""


def imports() -> list[Import]:
    found: list[Import] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if _skipped(path):
            continue
        module = _module_name(path)
        source_app = _app(module)
        text = path.read_text()
        lines = text.splitlines()
        tree = ast.parse(text)
        local_nodes: set[int] = set()
        for func in ast.walk(tree):
            if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                for inner in ast.walk(func):
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        local_nodes.add(id(inner))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                targets = [_resolve(module, path.name == "__init__.py", node)]
            for target in targets:
                if not target.startswith("mentora.") or _app(target) == source_app:
                    continue
                found.append(
                    Import(
                        path=path.relative_to(ROOT).as_posix(),
                        line=node.lineno,
                        source_app=source_app,
                        target=target,
                        local=id(node) in local_nodes,
                        reason=_reason(lines, node.lineno) if id(node) in local_nodes else "",
                    )
                )
    return found


def bidirectional(found: list[Import]) -> list[tuple[str, str]]:
    edges: dict[tuple[str, str], int] = defaultdict(int)
    for imp in found:
        edges[(imp.source_app, _app(imp.target))] += 1
    return sorted({tuple(sorted(pair)) for pair in edges if pair[::-1] in edges})  # type: ignore[misc]


def long_modules() -> list[tuple[int, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if _skipped(path) or rel.startswith(EXEMPT_FROM_LIMIT):
            continue
        count = len(path.read_text().splitlines())
        if count > LINE_LIMIT:
            out.append((count, rel))
    return sorted(out, reverse=True)


def main(argv: list[str]) -> int:
    found = imports()
    local = [imp for imp in found if imp.local]
    pairs = bidirectional(found)
    longs = long_modules()
    summary_only = "--summary" in argv
    if not summary_only:
        print("Function-local imports of another Mentora app:")
        for imp in local:
            why = f"  # {imp.reason}" if imp.reason else "  (no comment)"
            print(f"  {imp.path}:{imp.line} -> {imp.target}{why}")
        print("\nApp pairs that import each other:")
        for a, b in pairs:
            between = [i for i in found if {i.source_app, _app(i.target)} == {a, b}]
            where = sorted({f"{i.path} -> {i.target}" for i in between})
            print(f"  {a} <-> {b}")
            for line in where:
                print(f"      {line}")
        print(f"\nModules over {LINE_LIMIT} lines (engine, demo, tests and migrations left out):")
        for count, rel in longs:
            print(f"  {count:5d}  {rel}")
        print()
    in_apps = [imp for imp in local if imp.source_app not in TOP_LEVEL]
    print(f"function-local cross-app imports: {len(local)}")
    print(f"  in apps (top-level interfaces and demo left out): {len(in_apps)}")
    print(f"  in apps without a comment: {sum(1 for imp in in_apps if not imp.reason)}")
    print(f"bidirectional app pairs: {len(pairs)}")
    print(f"modules over {LINE_LIMIT} lines: {len(longs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
