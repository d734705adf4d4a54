"""`mentora import people FILE`: progress and summary, every problem listed, exit code 1."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from mentora.accounts.models import User
from mentora.cli import main

FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "import"


def call(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_people", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_a_file_and_prints_the_summary(db):
    out, err = call(str(FIXTURES / "people.xlsx"))

    assert out.splitlines()[:3] == [
        "4 rows: 4 were created, 0 were updated, 0 unchanged.",
        "People: 4 join, 0 move, 0 leave.",
        "Joiners:",
    ]
    assert "  Ana Ruiz <ana.ruiz@example.com>" in out.splitlines()
    assert err == ""
    assert User.objects.filter(email="ana.ruiz@example.com").exists()


def test_it_checks_without_writing_on_a_dry_run(db):
    out, _ = call(str(FIXTURES / "people.csv"), "--dry-run")

    assert out.startswith("Dry run, nothing written. 4 rows: 4 would be created")
    assert not User.objects.exists()


def test_it_lists_every_problem_and_fails(db):
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_people", str(FIXTURES / "people_bad.csv"), stderr=err)

    assert str(caught.value) == (
        "The file has 6 problems; nothing was imported. Fix them and try again."
    )
    lines = err.getvalue().splitlines()
    assert len(lines) == 6
    assert "line 4, column timezone: “Mars/Olympus” is not an IANA time zone" in lines[2]
    assert not User.objects.exists()


def test_it_shows_progress_on_large_files(db, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "email,full_name\n" + "".join(f"p{i}@example.com,P {i}\n" for i in range(10_001))
    )

    out, err = call(str(path))

    assert err.splitlines() == [
        "checked 5,000 of 10,001 rows",
        "checked 10,000 of 10,001 rows",
        "checked 10,001 of 10,001 rows",
        "writing 0 of 10,001 rows",
        "writing 10,001 of 10,001 rows",
    ]
    assert out.startswith("10,001 rows: 10,001 were created")


def test_it_explains_a_missing_or_unreadable_file(db, tmp_path):
    with pytest.raises(CommandError, match="nowhere.csv: no such file."):
        call(str(tmp_path / "nowhere.csv"))
    bad = tmp_path / "people.csv"
    bad.write_bytes("email,full_name\nkim@example.com,Kim Müller\n".encode("latin-1"))
    err = StringIO()
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_people", str(bad), stderr=err)
    assert err.getvalue().startswith("line 2: The file is not UTF-8 text.")


def test_it_runs_as_mentora_import_people(db, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["import", "people", str(FIXTURES / "people_bad.csv")])

    assert caught.value.code == 1
    err = capsys.readouterr().err
    assert "line 3, column email: “not-an-email” is not a valid email address." in err
    assert "CommandError: The file has 6 problems; nothing was imported." in err
