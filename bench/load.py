"""Load test Mentora under gunicorn with locust (headless, a second process on loopback).

Serves the database DATABASE_URL names (built by bench/scale_org.py) with
deploy/gunicorn.conf.py, then, one scenario at a time, runs 50 concurrent locust users
against: a trivial Django view (/healthz, the ceiling), the home page, a directory search, a
relationship page and the program dashboard (or the program roster when there is no
dashboard). Prints one JSON object: requests/s, p50/p95/p99 (ms), failures, and the machine
load (`uptime`) before and after each scenario.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentora_scale \\
        .venv/bin/python -m bench.load --web-workers 5 --users 50 --seconds 60

The same file is the locustfile the child process runs (MENTORA_LOAD_SCENARIO set).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCENARIOS = ["trivial", "home", "directory", "relationship", "dashboard"]
FORWARDED = {"X-Forwarded-Proto": "https"}  # as nginx sends it

if os.environ.get("MENTORA_LOAD_SCENARIO"):  # running as the locustfile in the child process
    from locust import HttpUser, between, constant, task

    _SCENARIO = os.environ["MENTORA_LOAD_SCENARIO"]
    _PLAN = json.loads(Path(os.environ["MENTORA_LOAD_PLAN"]).read_text())

    _THINK = [float(x) for x in os.environ.get("MENTORA_LOAD_THINK", "0").split("-")]

    class MentoraUser(HttpUser):  # type: ignore[misc]
        # No think time (default) is a closed loop at saturation: the worst case, and the
        # way to compare throughputs. A think time (`--think 1-3`) models people reading.
        wait_time = between(_THINK[0], _THINK[-1]) if _THINK[-1] else constant(0)

        def on_start(self) -> None:
            self.client.headers.update(FORWARDED)
            if _SCENARIO == "trivial":
                return
            if _SCENARIO == "dashboard":
                self.login = _PLAN["admin"]
            else:
                self.login = random.choice(_PLAN["mentees"])
            # Signed in through sessions made beforehand: 50 Argon2 sign-ins at once would
            # measure the password hash on two cores, not the pages.
            self.client.cookies.set("sessionid", self.login["session"])

        @task
        def scenario(self) -> None:
            if _SCENARIO == "trivial":
                self.client.get("/healthz", name="trivial")
            elif _SCENARIO == "home":
                self.client.get("/", name="home")
            elif _SCENARIO == "directory":
                word = random.choice(["Engineer", "Senior", "Person 1", "Sales", "Engineer 3"])
                self.client.get("/people/", params={"q": word}, name="directory")
            elif _SCENARIO == "relationship":
                self.client.get(
                    f"/relationships/{self.login['relationship']}/", name="relationship"
                )
            else:
                self.client.get(_PLAN["dashboard_url"], name="dashboard")


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _plan(scratch: Path, users: int) -> dict[str, Any]:
    """Who signs in and what they open, read from the benchmark database."""
    import django

    django.setup()
    from django.urls import NoReverseMatch, reverse

    from mentora.accounts.models import User
    from mentora.programs.models import Program
    from mentora.relationships.models import Relationship

    program = Program.objects.order_by("pk").first()
    assert program is not None, "no program: build the organization with bench.scale_org first"
    rels = Relationship.objects.filter(status="active").select_related("mentee").order_by("pk")
    mentees = [
        {"email": r.mentee.email, "relationship": r.pk, "session": _session_for(r.mentee)}
        for r in rels[: max(users, 50)]
    ]
    try:
        dashboard_url, dashboard = reverse("outcomes:dashboard", args=[program.slug]), "dashboard"
    except NoReverseMatch:
        dashboard_url, dashboard = reverse("programs:roster", args=[program.slug]), "roster"
    admin = User.objects.get(email="person0@example.com")
    plan = {
        "admin": {"email": admin.email, "relationship": None, "session": _session_for(admin)},
        "password": "bench-password",
        "mentees": mentees,
        "dashboard_url": dashboard_url,
        "dashboard_page": dashboard,
    }
    (scratch / "plan.json").write_text(json.dumps(plan))
    return plan


def _session_for(user: Any) -> str:
    """A signed-in session for `user`, as a successful sign-in would leave it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not come up within 120 s")


def _run_scenario(
    name: str, *, base: str, scratch: Path, users: int, seconds: int, think: str
) -> dict[str, Any]:
    env = dict(
        os.environ,
        MENTORA_LOAD_SCENARIO=name,
        MENTORA_LOAD_PLAN=str(scratch / "plan.json"),
        MENTORA_LOAD_THINK=think,
    )
    prefix = scratch / name
    # With a think time, people arrive over 10 s as they would, instead of 50 first requests in
    # the same instant (a burst that is then a few percent of all requests: the p95). Stats are
    # reset once everyone has arrived, so `seconds` of steady state are measured either way.
    ramp = 10 if think != "0" else 1
    before = _uptime()
    done = subprocess.run(
        [
            str(BIN / "locust"), "-f", __file__, "--headless", "--host", base,
            "-u", str(users), "-r", str(max(1, users // ramp)), "-t", f"{seconds + ramp}s",
            "--csv", str(prefix), "--only-summary", "--stop-timeout", "5",
            "--reset-stats",  # measure the steady state, not the sign-ins while users spawn
        ],
        env=env, cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    after = _uptime()
    rows = {
        row["Name"]: row for row in csv.DictReader((prefix.with_name(f"{name}_stats.csv")).open())
    }
    target = "trivial" if name == "trivial" else name
    row = rows.get(target)
    if row is None:
        raise SystemExit(f"locust recorded nothing for {name}:\n{done.stderr[-3000:]}")
    failures = int(row["Failure Count"])
    return {
        "requests": int(row["Request Count"]),
        "failures": failures,
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
        "uptime_before": before,
        "uptime_after": after,
        "failure_examples": _failures(prefix) if failures else [],
    }


def _failures(prefix: Path) -> list[str]:
    path = prefix.with_name(f"{prefix.name}_failures.csv")
    if not path.exists():
        return []
    return [f"{r['Name']}: {r['Error']} x{r['Occurrences']}" for r in csv.DictReader(path.open())][
        :5
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--web-workers", type=int, default=5, help="gunicorn workers")
    parser.add_argument("--users", type=int, default=50, help="concurrent locust users")
    parser.add_argument("--seconds", type=int, default=60, help="per scenario")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument(
        "--think", default="0", metavar="SECONDS",
        help="each user's pause between requests: 0 (default, saturation) or a range like 1-3",
    )  # fmt: skip
    args = parser.parse_args()
    try:
        pause = [float(x) for x in args.think.split("-")]
        if len(pause) > 2 or min(pause) < 0 or pause[0] > pause[-1]:
            raise ValueError
    except ValueError:
        parser.error(f"--think: give seconds like 0 or a range like 1-3, not {args.think!r}")
    if not os.environ.get("DATABASE_URL"):
        parser.error("set DATABASE_URL to the database bench.scale_org built")
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 40)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentora.settings")
    os.environ["SECURE_COOKIES"] = "0"  # plain HTTP on loopback, no TLS proxy in between
    os.environ.setdefault("CONN_MAX_AGE", "60")
    sys.path.insert(0, str(ROOT))
    scratch = Path(tempfile.mkdtemp(prefix="mentora-load-"))
    os.environ.setdefault("MENTORA_DATA_DIR", str(scratch))
    plan = _plan(scratch, args.users)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = scratch / "gunicorn.log"
    env = dict(
        os.environ,
        MENTORA_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(args.web_workers),
        GUNICORN_ACCESS_LOG="/dev/null",
    )
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
        env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    results: dict[str, Any] = {
        "database": os.environ["DATABASE_URL"].split(":", 1)[0],
        "web_workers": args.web_workers,
        "users": args.users,
        "seconds_per_scenario": args.seconds,
        "think_seconds": args.think,
        "dashboard_page": plan["dashboard_page"],
        "dashboard_url": plan["dashboard_url"],
        "scenarios": {},
    }
    try:
        _wait_until_up(base, server, log)
        for name in args.scenarios.split(","):
            results["scenarios"][name] = _run_scenario(
                name, base=base, scratch=scratch, users=args.users, seconds=args.seconds,
                think=args.think,
            )  # fmt: skip
            print(f"{name}: {results['scenarios'][name]}", file=sys.stderr, flush=True)
    finally:
        server.terminate()
        server.wait(timeout=60)
    scenarios = results["scenarios"]
    if "trivial" in scenarios and "dashboard" in scenarios:
        results["dashboard_share_of_trivial"] = round(
            scenarios["dashboard"]["rps"] / max(scenarios["trivial"]["rps"], 0.1), 3
        )
    errors = [
        line for line in log.read_text().splitlines() if "Traceback" in line or "Error" in line
    ]
    results["server_errors_logged"] = errors[:10]
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
