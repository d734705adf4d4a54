"""`mentora import enrollments FILE --program SLUG`."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from mentora.programs.models import Enrollment

FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "import"


@pytest.fixture
def people(personas):
    call_command("import_people", str(FIXTURES / "people.csv"), stdout=StringIO())
    return personas


def test_it_imports_enrollments_into_the_named_program(people):
    out = StringIO()

    call_command(
        "import_enrollments", str(FIXTURES / "enrollments.csv"), "--program", "lead", stdout=out
    )

    assert out.getvalue().startswith("3 rows: 3 were created")
    assert Enrollment.objects.filter(program__slug="lead").count() == 4


def test_it_names_the_programs_when_the_slug_is_unknown(people):
    with pytest.raises(CommandError) as caught:
        call_command("import_enrollments", str(FIXTURES / "enrollments.csv"), "--program", "x")

    assert str(caught.value) == "No program has the slug “x”; programs: grow, lead."


def test_it_lists_problems_and_writes_nothing(people, tmp_path):
    path = tmp_path / "enrollments.csv"
    path.write_text("email,role\nnobody@example.com,mentee\nchen.wei@example.com,guru\n")
    err = StringIO()

    with pytest.raises(CommandError, match="2 problems; nothing was imported"):
        call_command("import_enrollments", str(path), "--program", "grow", stderr=err)

    assert err.getvalue().splitlines() == [
        "line 2, column email: no one with the email “nobody@example.com” is in Mentora; "
        "import them with “mentora import people” first.",
        "line 3, column role: “guru” is not a role; use mentee (or coachee) or mentor (or coach).",
    ]
    assert not Enrollment.objects.filter(user__email="chen.wei@example.com").exists()
