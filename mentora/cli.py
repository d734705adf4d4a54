"""The `mentora` command: a thin front for Django management commands.

`mentora import people FILE` runs the `import_people` command, `mentora match run` runs
`match_run`, and so on: two words become one command when such a command exists.
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "serve": "serve",
    "demo": "demo",
    "migrate": "migrate",
    "createadmin": "createadmin",
    "worker": "worker",
}

USAGE = """usage: mentora COMMAND [ARGS]

  demo                       migrate, load the demo organization and serve it on 127.0.0.1:8000
  serve [--addr HOST:PORT]   serve Mentora (use gunicorn mentora.wsgi in production)
  migrate                    create or upgrade the database
  createadmin                create an organization admin who can sign in
  import people FILE         import people from a CSV or XLSX file (HRIS export)
  import enrollments FILE --program SLUG
  worker                     run the background worker
  match run|status|publish|export --program SLUG
                             program matching (docs/matching-workbench.md)
  requests expire            ask the next mentor when a request passed its deadline
  careerdata load PATH|URL   load the O*NET release and the BLS projections workbook
  careerdata load --shipped  load the subset of both shipped with Mentora (no network)
  careers search TITLE       find the O*NET occupation for a job title
  outcomes export --program SLUG --format csv|xlsx
  backup PATH [--force]      copy the database to PATH (SQLite file, or pg_dump archive)
  restore PATH --force       replace the database with a backup made by `mentora backup`
  help COMMAND               help for one command

Every Django management command works too (mentora check, mentora shell, ...).
Settings come from the environment: DATABASE_URL, SECRET_KEY, DEBUG (see docs/configuration.md).
"""


def _resolve(argv: list[str]) -> list[str]:
    from django.core.management import get_commands

    commands = get_commands()
    if len(argv) >= 2 and f"{argv[0]}_{argv[1]}" in commands:
        return [f"{argv[0]}_{argv[1]}", *argv[2:]]
    if argv[0] in ALIASES:
        return [ALIASES[argv[0]], *argv[1:]]
    return argv


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(USAGE)
        return 0
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
