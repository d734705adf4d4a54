"""docs/examples/api_walkthrough.py run for real: a subprocess talking HTTP to a live server.

The test's own thread plays the worker (`worker_tick`, as `mentora demo` runs it in-process)
while the script polls its matching run, so the run is done by the real queue.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler

from mentora.accounts.models import User
from mentora.accounts.services import api_token_create
from mentora.jobs import WorkerState, worker_tick
from mentora.matching.models import MatchRun
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Relationship
from mentora.testing import make_user

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "examples" / "api_walkthrough.py"
TIMEOUT = 120


@pytest.fixture
def one_at_a_time(monkeypatch):
    """A lock taken by each live-server request and each worker pass.

    The SQLite test database lives in memory, shared between threads, and answers "database
    table is locked" instead of waiting when two threads meet (a database file, as Mentora
    uses, waits; PostgreSQL does not care). The worker and the server still do all their
    real work; they just take turns.
    """
    lock = threading.Lock()
    serve = WSGIHandler.__call__

    def serve_in_turn(self, environ, start_response):
        with lock:
            return serve(self, environ, start_response)

    monkeypatch.setattr(WSGIHandler, "__call__", serve_in_turn)
    return lock


@pytest.fixture
def run_script(live_server, one_at_a_time):
    def _run(token: str, *args: str, worker: bool = True):
        return _run_script(live_server.url, one_at_a_time, token, *args, worker=worker)

    return _run


def _run_script(url: str, lock, token: str, *args: str, worker: bool = True):
    """Run the script to its end, ticking the worker meanwhile; (exit code, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORA_")}
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--url", url, "--token", token,
         "--poll", "0.2", "--timeout", "60", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    state = WorkerState()
    deadline = time.monotonic() + TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        if worker:
            with lock:
                worker_tick(state=state)
        time.sleep(0.2)
    if process.poll() is None:
        process.kill()
    out, err = process.communicate(timeout=10)
    return process.returncode, out, err


def write_roster(tmp_path: Path, text: str) -> str:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def newcomers() -> None:
    """Three people in the organization, not yet in any program."""
    make_user("nina.new@example.com", "Nina New", department="Sales", years_experience=2,
              target_role="Marketing Manager", skills_wanted=["Negotiation"])
    make_user("omar.new@example.com", "Omar New", department="Finance", years_experience=3,
              target_role="Engineering Manager", skills_wanted=["Leadership"])
    make_user("ines.senior@example.com", "Ines Senior", department="Engineering",
              years_experience=16, current_role="Engineering Manager", offers_mentoring=True,
              skills_offered=["Leadership"])


def test_it_enrolls_matches_publishes_and_reads_outcomes_as_a_manager(
    personas, run_script, tmp_path
):
    newcomers()
    roster = write_roster(tmp_path, (
        "email,role,capacity\n"
        "nina.new@example.com,mentee,\n"
        "OMAR.NEW@example.com,mentee,\n"
        "ines.senior@example.com,mentor,2\n"
        "maya.mentee@example.com,mentee,\n"  # already in Grow: left as she is
        "marco.mentor@example.com,mentor,\n"
    ))
    _, token = api_token_create(user=personas.manager, name="walkthrough")

    code, out, err = run_script(token, "--program", "grow", "--roster", roster)

    assert code == 0, out + err
    assert err == ""
    grow = personas.program
    enrolled = Enrollment.objects.filter(program=grow, status=Enrollment.Status.APPROVED)
    assert set(enrolled.values_list("user__email", "role")) == {
        ("maya.mentee@example.com", "mentee"),
        ("marco.mentor@example.com", "mentor"),
        ("nina.new@example.com", "mentee"),
        ("omar.new@example.com", "mentee"),
        ("ines.senior@example.com", "mentor"),
    }
    assert enrolled.get(user__email="ines.senior@example.com").capacity == 2
    run = MatchRun.objects.get(program=grow, purpose=MatchRun.Purpose.RUN)
    assert run.status == MatchRun.Status.DONE and run.published_at is not None
    assert run.matched_count == 3
    mentees = set(
        Relationship.objects.filter(program=grow).values_list("mentee__email", flat=True)
    )
    assert mentees == {"maya.mentee@example.com", "nina.new@example.com", "omar.new@example.com"}
    for line in (
        "Priya Manager <priya.manager@example.com>, roles: program_manager",
        "using “Grow” (grow), open",
        "+ nina.new@example.com as mentee (approved)",
        "+ ines.senior@example.com as mentor (approved)",
        "3 enrolled, 0 approved, 2 already in, 0 left out",
        f"run {run.pk} queued",
        "done: 3 of 3 mentees matched",
        "published 3 pair(s) (requests)",
        "[Funnel]",
        "Done: 3 pair(s) published in grow.",
    ):
        assert line in out, line
    assert "Maya Mentee → " in out


def test_it_creates_a_program_and_imports_people_as_an_org_admin(
    personas, run_script, tmp_path
):
    newcomers()
    Program.objects.filter(pk=personas.program.pk).update(requires_approval=True)
    roster = write_roster(tmp_path, (
        "email,role,full_name,department,languages\n"
        "nina.new@example.com,mentee,Nina New,Sales,English\n"
        "ravi.hire@example.com,mentee,Ravi Hire,Sales,English; Hindi\n"
        "ines.senior@example.com,mentor,Ines Senior,Engineering,English\n"
    ))
    _, token = api_token_create(user=personas.admin, name="walkthrough")

    code, out, err = run_script(
        token, "--new-program", "Sales circle", "--roster", roster,
        "--import-people",
    )

    assert code == 0, out + err
    ravi = User.objects.select_related("profile").get(email="ravi.hire@example.com")
    assert ravi.full_name == "Ravi Hire" and ravi.profile.department == "Sales"
    program = Program.objects.get(slug="sales-circle")
    assert list(program.managers.all()) == [personas.admin]
    assert program.enrollments.filter(status=Enrollment.Status.APPROVED).count() == 3
    assert Relationship.objects.filter(program=program).count() == 2
    assert "created “Sales circle” at /programs/sales-circle/" in out
    assert "People: 1 join, 0 move, 0 leave." in out
    assert "published 2 pair(s)" in out


def test_it_stops_with_the_api_message_on_a_bad_token(personas, run_script, tmp_path):
    roster = write_roster(tmp_path, "email,role\nmaya.mentee@example.com,mentee\n")

    code, out, err = run_script(
        "mnt_not-a-token", "--program", "grow", "--roster", roster, worker=False
    )

    assert code == 1
    assert err.strip() == (
        "Error: GET /accounts/me answered 401: Sign in, or send a personal API token as "
        "'Authorization: Bearer <token>'. (check the token: --token or MENTORA_TOKEN)"
    )
    assert "Traceback" not in out + err
    assert not MatchRun.objects.exists()


def test_it_stops_when_someone_who_does_not_manage_the_program_enrolls_others(
    personas, run_script, tmp_path
):
    newcomers()
    roster = write_roster(tmp_path, "email,role\nnina.new@example.com,mentee\n")
    _, token = api_token_create(user=personas.mentee, name="walkthrough")

    code, out, err = run_script(
        token, "--program", "grow", "--roster", roster, worker=False
    )

    assert code == 1
    assert "Error: GET /programs/grow/enrollments answered 403: Only this program's managers " \
        "can see who enrolled." in err
    assert "Traceback" not in out + err
    assert not Enrollment.objects.filter(user__email="nina.new@example.com").exists()


def test_it_names_a_bad_roster_line_before_calling_the_api(personas, run_script, tmp_path):
    roster = write_roster(tmp_path, "email,role\nmaya.mentee@example.com,boss\n")

    code, out, err = run_script("mnt_x", "--program", "grow", "--roster", roster,
                                worker=False)

    assert code == 1
    assert "line 2: each row needs an email and a role (mentee or mentor)" in err
    assert out == ""
