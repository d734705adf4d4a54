"""`mentora demo`: the demo organization in the database, the command end to end."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mentora.accounts.models import User
from mentora.demo import serving
from mentora.demo.builder import demo_build, demo_exists, demo_logins
from mentora.demo.data import DEMO_PASSWORD
from mentora.people.models import Profile
from mentora.programs.models import Enrollment, Program

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple[str, str, str, str]]:
    return sorted(
        Profile.objects.values_list("user__email", "job_title", "manager__email", "timezone")
    )


def test_it_builds_the_organization_with_programs_and_enrollments():
    summary = demo_build()
    assert summary.built and summary.people == 300 and summary.programs == 3
    assert demo_exists()
    assert Profile.objects.filter(manager__isnull=True).count() == 1
    assert Profile.objects.filter(offers_mentoring=True).count() >= 60
    assert Profile.objects.exclude(trait_extraversion=None).count() > 50
    assert Profile.objects.filter(skills_offered__isnull=False).distinct().count() == 300
    grow, lead, peer = (Program.objects.get(slug=s) for s in ("grow", "lead", "peer"))
    assert grow.status == Program.Status.OPEN and grow.mentor_capacity == 3
    assert grow.questions.count() == 2
    assert grow.enrollments.mentees().approved().count() == 80
    assert grow.enrollments.mentors().approved().count() == 40
    assert lead.requires_approval
    assert lead.enrollments.mentees().filter(status=Enrollment.Status.PENDING).count() == 6
    assert lead.enrollments.mentors().count() == 6
    assert peer.matching_mode == Program.MatchingMode.MENTEE_CHOICE
    assert peer.enrollments.count() == 40
    answered = grow.enrollments.mentees().first()
    assert answered is not None and list(answered.answers.values())[0]


def test_it_builds_the_same_people_every_time():
    demo_build()
    first = _snapshot()
    demo_build(reset=True)
    assert _snapshot() == first


def test_it_lets_the_named_logins_sign_in_with_their_roles(client):
    demo_build()
    for login in demo_logins():
        assert client.login(username=login.email, password=DEMO_PASSWORD), login.role
        client.logout()
    users = {login.role: User.objects.get(email=login.email) for login in demo_logins()}
    admin = users["organization admin"]
    assert admin.is_org_admin and admin.is_staff and admin.is_superuser
    manager = users["program manager"]
    assert set(manager.managed_programs.values_list("slug", flat=True)) == {"grow", "lead", "peer"}
    assert Enrollment.objects.get(user=users["mentee"], program__slug="grow").role == "mentee"
    assert Enrollment.objects.get(user=users["mentor"], program__slug="grow").role == "mentor"
    assert Enrollment.objects.get(user=users["coach"], program__slug="lead").role == "mentor"


def test_it_runs_end_to_end_and_prints_the_logins():
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    text = out.getvalue()
    assert "Built the demo organization" in text
    assert f"Sign in as (password: {DEMO_PASSWORD}):" in text
    for login in demo_logins():
        assert login.email in text and login.role in text
    assert User.objects.count() == 300


def test_it_reuses_the_demo_on_a_second_run():
    call_command("demo", "--no-serve", stdout=StringIO())
    before = _snapshot()
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "Using the demo organization already in this database" in out.getvalue()
    assert _snapshot() == before
    assert Enrollment.objects.count() == 191


def test_it_rebuilds_on_reset_keeping_other_people():
    call_command("demo", "--no-serve", stdout=StringIO())
    User.objects.create_user(email="own.admin@company.test", full_name="Own Admin")
    out = StringIO()
    call_command("demo", "--no-serve", "--reset", stdout=out)
    assert "Rebuilt the demo organization" in out.getvalue()
    assert User.objects.count() == 301
    assert Program.objects.count() == 3


def test_it_refuses_to_mix_demo_people_into_a_real_database(personas):
    with pytest.raises(CommandError, match="will not mix made-up people"):
        call_command("demo", "--no-serve", stdout=StringIO())
    assert not demo_exists()
    assert User.objects.count() == 6


def test_it_serves_after_printing_the_logins(monkeypatch, settings):
    # Serving points SITE_URL and the mail backend at the demo: keep that inside this test.
    settings.SITE_URL = settings.SITE_URL
    settings.EMAIL_BACKEND = settings.EMAIL_BACKEND
    served = {}

    def fake_run(server, *, background=None):
        served["port"] = server.server_port
        served["background"] = background
        server.server_close()

    monkeypatch.setattr(serving, "run_server", fake_run)
    out = StringIO()
    call_command("demo", "--addr", "127.0.0.1:0", stdout=out)
    assert f"Mentora demo is ready at http://127.0.0.1:{served['port']}" in out.getvalue()
    assert served["background"] is serving.start_background_threads


def test_it_rejects_a_bad_address_before_touching_the_database():
    with pytest.raises(CommandError, match="--addr"):
        call_command("demo", "--addr", "localhost:port", stdout=StringIO())
    assert User.objects.count() == 0


def test_it_builds_on_reset_when_there_is_nothing_to_replace():
    out = StringIO()
    call_command("demo", "--no-serve", "--reset", stdout=out)
    assert "Built the demo organization" in out.getvalue()
    assert demo_exists()


def test_it_points_email_links_at_the_served_address_and_writes_mail_to_files(
    monkeypatch, settings, tmp_path
):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    settings.SITE_URL = settings.SITE_URL  # restored after the test, whatever the command sets
    settings.EMAIL_BACKEND = settings.EMAIL_BACKEND
    monkeypatch.setattr(serving, "run_server", lambda server, **kw: server.server_close())
    out = StringIO()
    call_command("demo", "--addr", "127.0.0.1:0", stdout=out)
    from django.conf import settings as live

    assert live.SITE_URL.startswith("http://127.0.0.1:") and not live.SITE_URL.endswith(":8000")
    assert live.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
    assert f"Emails the demo sends are written to {tmp_path / 'mail'}/" in out.getvalue()
    from mentora.notifications.links import absolute

    assert absolute("/relationships/1/") == f"{live.SITE_URL}/relationships/1/"


def test_it_keeps_an_operator_s_site_url_and_mail_backend(monkeypatch, settings):
    monkeypatch.setenv("SITE_URL", "https://mentora.example.com")
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    settings.SITE_URL = "https://mentora.example.com"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert serving.point_demo_at("http://127.0.0.1:9999") is None
    from django.conf import settings as live

    assert live.SITE_URL == "https://mentora.example.com"
    assert live.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
