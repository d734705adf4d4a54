"""`mentora program create` and `mentora program archive`: what program staff do on the
Programs page, for scripts; refusals read as sentences, never a traceback."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mentora.accounts.services import user_set_program_staff
from mentora.audit.models import AuditEntry
from mentora.cli import main
from mentora.programs.models import Program

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_creates_a_flash_program_from_its_template_as_program_staff(personas):
    user_set_program_staff(user=personas.manager, is_program_staff=True, by=personas.admin)
    out = _run(
        "program_create", "--kind", "flash", "--name", "Ask an expert",
        "--as", personas.manager.email,
    )
    program = Program.objects.get(slug="ask-an-expert")
    assert out.strip() == (
        "Created Ask an expert (ask-an-expert), One-off (flash) sessions, as a draft: "
        "One session per pair. Managed by Priya Manager."
    )
    assert program.sessions_per_pair == 1 and not program.uses_agreement
    assert program.feedback_form == Program.FeedbackForm.SHORT
    assert program.status == Program.Status.DRAFT
    assert list(program.managers.all()) == [personas.manager]
    assert program.questions.count() == 1
    assert AuditEntry.objects.filter(action="program.create", target_id=program.pk).exists()


def test_it_overrides_the_templates_settings_and_names_other_managers(personas):
    _run(
        "program_create", "--kind", "coaching", "--name", "Lead 2027", "--sessions", "8",
        "--weeks", "16", "--open", "--manager", personas.manager.email,
        "--manager", personas.admin.email, "--as", personas.admin.email,
    )
    program = Program.objects.get(slug="lead-2027")
    assert (program.sessions_per_pair, program.duration_weeks) == (8, 16)
    assert program.status == Program.Status.OPEN
    assert set(program.managers.all()) == {personas.manager, personas.admin}


def test_it_refuses_people_who_are_not_program_staff(personas):
    with pytest.raises(CommandError, match="Only organization admins and program staff"):
        _run("program_create", "--kind", "flash", "--name", "X", "--as", personas.mentee.email)
    with pytest.raises(CommandError, match="--as: no active person has the email"):
        _run("program_create", "--kind", "flash", "--name", "X", "--as", "nobody@example.com")
    with pytest.raises(CommandError, match="taken"):
        _run(
            "program_create", "--kind", "peer", "--name", "Grow", "--slug", "grow",
            "--as", personas.admin.email,
        )
    assert not Program.objects.filter(name="X").exists()


def test_it_answers_a_bad_number_or_kind_with_the_option_named(personas):
    with pytest.raises(CommandError, match="--weeks: expected a whole number of 1 or more"):
        _run("program_create", "--kind", "flash", "--name", "X", "--weeks", "0",
             "--as", personas.admin.email)
    with pytest.raises(CommandError, match="--kind: invalid choice: 'speed'"):
        _run("program_create", "--kind", "speed", "--name", "X", "--as", personas.admin.email)
    assert not Program.objects.filter(name="X").exists()


def test_it_archives_and_restores_a_program(personas):
    out = _run("program_archive", "--program", "grow", "--as", personas.manager.email)
    assert out.startswith("Archived Grow: nobody can enroll and it is off the Programs list.")
    assert Program.objects.get(slug="grow").status == Program.Status.ARCHIVED
    with pytest.raises(CommandError, match="Grow is already archived"):
        _run("program_archive", "--program", "grow", "--as", personas.manager.email)
    out = _run("program_archive", "--program", "grow", "--restore", "--as", personas.admin.email)
    assert out.startswith("Restored Grow: it is back on the Programs list, closed")
    assert Program.objects.get(slug="grow").status == Program.Status.CLOSED
    assert list(
        AuditEntry.objects.filter(target_id=personas.program.pk)
        .filter(action__in=["program.archive", "program.restore"])
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["program.archive", "program.restore"]


def test_it_lets_only_the_programs_managers_archive_it(personas):
    with pytest.raises(CommandError, match="Only this program's managers can archive it"):
        _run("program_archive", "--program", "grow", "--as", personas.mentor.email)
    with pytest.raises(CommandError, match="--program: no program has the address “nope”"):
        _run("program_archive", "--program", "nope", "--as", personas.admin.email)
    assert Program.objects.get(slug="grow").status != Program.Status.ARCHIVED


def test_it_lists_create_and_archive_under_the_program_group(capsys):
    assert main(["program"]) == 0
    out = capsys.readouterr().out
    assert "create" in out and "archive" in out and "duplicate" in out
