"""The `mentora` command: a thin front for Django management commands.

Naming rule (docs/cli.md): a Mentora management command is named `<noun>_<verb>` and runs as
`mentora <noun> <verb>` (`match_run` is `mentora match run`); a command for the whole
installation is one word (`mentora worker`). The usage below is generated from the commands
themselves (their `help`), so it cannot drift from what exists; `mentora <noun>`,
`mentora <noun> --help` and `mentora help <noun>` list a group's verbs.
"""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# Django's own commands that belong in the overview (every other one works too).
DJANGO_COMMANDS = {"migrate": "Create or upgrade the database."}


def _first_sentence(text: str, limit: int = 1000) -> str:
    """The help's first sentence (a full stop outside parentheses), on one line."""
    text = " ".join(text.split())
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ".;" and depth == 0 and (i + 1 == len(text) or text[i + 1] == " "):
            text = text[:i]
            break
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        return text
    return text.rstrip(".") + "."


def _help_of(path: Path) -> str:
    """A command's `help`, read from its source (no Django needed to print the usage)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef) and node.name == "Command":
            for item in node.body:
                if (
                    isinstance(item, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "help" for t in item.targets)
                    and isinstance(item.value, ast.Constant)
                ):
                    return str(item.value.value)
    return ""


def mentora_commands() -> dict[str, str]:
    """Every Mentora management command and the first sentence of its help."""
    found = {
        path.stem: _help_of(path)
        for path in PACKAGE.glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }
    return dict(sorted({**found, **DJANGO_COMMANDS}.items()))


def command_groups(commands: dict[str, str]) -> dict[str, dict[str, str]]:
    """`<noun>_<verb>` commands by noun: {noun: {verb: help}}."""
    groups: dict[str, dict[str, str]] = {}
    for name, help_text in commands.items():
        if "_" in name:
            noun, verb = name.split("_", 1)
            groups.setdefault(noun, {})[verb] = help_text
    return groups


LINE = 100


def usage() -> str:
    """The top-level usage, generated from the commands."""
    commands = mentora_commands()
    groups = command_groups(commands)
    rows = [(name, text) for name, text in commands.items() if "_" not in name]
    for noun, verbs in groups.items():
        if len(verbs) == 1:
            ((verb, text),) = verbs.items()
            rows.append((f"{noun} {verb}", text))
        else:
            rows.append((f"{noun} {'|'.join(sorted(verbs))}", ""))
    rows.sort()
    width = max(len(name) for name, _ in rows)
    lines = ["usage: mentora COMMAND [ARGS]", ""]
    for name, text in rows:
        text = _first_sentence(text, LINE - width - 4) if text else ""
        lines.append(f"  {name.ljust(width)}  {text}".rstrip())
    lines += [
        "",
        "mentora help COMMAND (or COMMAND --help) shows a command's options; mentora NOUN lists",
        "a group's verbs. Every Django management command works too (mentora check, ...).",
        "Settings come from the environment: DATABASE_URL, SECRET_KEY, DEBUG "
        "(see docs/configuration.md).",
    ]
    return "\n".join(lines) + "\n"


def group_usage(noun: str, verbs: dict[str, str]) -> str:
    """One group's verbs, one line each."""
    width = max(len(v) for v in verbs) + 2
    lines = [f"usage: mentora {noun} VERB [ARGS]", ""]
    lines += [
        f"  {verb.ljust(width)} {_first_sentence(text, LINE - width - 3)}".rstrip()
        for verb, text in sorted(verbs.items())
    ]
    lines += ["", f"mentora {noun} VERB --help shows a verb's options."]
    return "\n".join(lines) + "\n"


def _resolve(argv: list[str]) -> list[str]:
    from django.core.management import get_commands

    commands = get_commands()
    if len(argv) >= 2 and f"{argv[0]}_{argv[1]}" in commands:
        return [f"{argv[0]}_{argv[1]}", *argv[2:]]
    return argv


def _group_answer(args: list[str]) -> tuple[str, int] | None:
    """The answer when `args` name a group without a verb (or with one it lacks)."""
    groups = command_groups(mentora_commands())
    if not args or args[0] not in groups or args[0] in mentora_commands():
        return None
    noun, verbs = args[0], groups[args[0]]
    rest = args[1:]
    if not rest or rest[0] in {"-h", "--help"}:
        return group_usage(noun, verbs), 0
    if rest[0] not in verbs:
        return (
            f"mentora {noun}: there is no verb “{rest[0]}”.\n\n" + group_usage(noun, verbs),
            1,
        )
    return None


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"} or args == ["help"]:
        print(usage(), end="")
        return 0
    answer = _group_answer(args[1:] if args[0] == "help" else args)
    if answer is not None:
        text, code = answer
        print(text, end="", file=sys.stderr if code else sys.stdout)
        return code
    if args[0] == "demo":
        os.environ.setdefault("MENTORA_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentora.settings")
    try:
        import django

        django.setup()
    except Exception as exc:  # settings errors must reach the user as one clear line
        print(f"mentora: {exc}", file=sys.stderr)
        return 1
    from django.core.management import execute_from_command_line

    if args[0] == "help" and len(args) > 1:
        args = [*_resolve(args[1:]), "--help"]
    else:
        args = _resolve(args)
    from django.db import InterfaceError, OperationalError

    try:
        execute_from_command_line(["mentora", *args])
    except (OperationalError, InterfaceError) as exc:  # a lost database is not a bug: one line
        print(f"mentora: {_database_unavailable(exc)}", file=sys.stderr)
        return 1
    return 0


def _database_unavailable(exc: Exception) -> str:
    from django.db import connection

    settings = connection.settings_dict
    where = settings.get("NAME") or ""
    if settings.get("HOST"):
        where = f"{settings['HOST']}:{settings.get('PORT') or 'default port'}/{where}"
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return (
        f"the database is unavailable ({where}): {reason}. "
        "Check DATABASE_URL and that the database server is running, then try again."
    )


if __name__ == "__main__":
    sys.exit(main())
