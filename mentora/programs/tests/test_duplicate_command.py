"""`mentora program duplicate` for scripts that start each quarter's cohort."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mentora.accounts.services import user_set_program_staff
from mentora.programs.models import Program


def test_it_starts_a_new_cohort_from_the_command_line(personas):
    user_set_program_staff(user=personas.manager, is_program_staff=True, by=personas.admin)
    out = StringIO()
    call_command(
        "program_duplicate", "--program", "grow", "--name", "Grow Q3",
        "--as", personas.manager.email, stdout=out,
    )
    assert "Created Grow Q3 (grow-q3) as a draft from Grow" in out.getvalue()
    assert Program.objects.get(slug="grow-q3").cohort_of == personas.program


def test_it_explains_a_refusal_without_a_traceback(personas):
    with pytest.raises(CommandError, match="program staff"):
        call_command(
            "program_duplicate", "--program", "grow", "--name", "Grow Q3",
            "--as", personas.manager.email,
        )
    with pytest.raises(CommandError, match="No program"):
        call_command(
            "program_duplicate", "--program", "nope", "--name", "X", "--as", personas.admin.email
        )
