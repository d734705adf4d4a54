"""The `mentora careerdata load` and `mentora careers search` commands."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from mentora.careers.models import DataRelease, Occupation
from mentora.careers.tests.conftest import MINI_ONET
from mentora.cli import _resolve

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_maps_the_two_word_commands():
    assert _resolve(["careerdata", "load", "x.zip"]) == ["careerdata_load", "x.zip"]
    assert _resolve(["careers", "search", "SWE"]) == ["careers_search", "SWE"]


def test_it_loads_with_progress_and_a_summary(mini_bls):
    output = run("careerdata_load", str(MINI_ONET), str(mini_bls))

    assert "Reading Occupation Data.txt" in output
    assert "Wrote 17 titles" in output
    assert "Loaded O*NET 99.1 Database: 5 occupations, 17 titles" in output
    assert "Loaded BLS Employment Projections 2024–34: 6 projections." in output
    assert "Done in" in output


def test_it_says_when_there_is_nothing_to_do(mini_bls):
    run("careerdata_load", str(MINI_ONET), "-v0")
    output = run("careerdata_load", str(MINI_ONET))
    assert "O*NET 99.1 Database was already loaded; nothing changed." in output


def test_it_is_quiet_at_verbosity_zero():
    output = run("careerdata_load", str(MINI_ONET), "-v0")
    assert "Reading" not in output and "Loaded O*NET 99.1 Database" in output


def test_it_fails_with_a_clear_message_and_no_traceback(mini_onet):
    (mini_onet / "Job Zones.txt").write_text("O*NET-SOC Code\tTitle\n", encoding="utf-8")
    before = Occupation.objects.count()
    with pytest.raises(CommandError, match="Job Zones.txt, column 'Job Zone': missing column"):
        run("careerdata_load", str(mini_onet))
    assert Occupation.objects.count() == before


def test_it_prints_ranked_matches(mini_data):
    output = run("careers_search", "software", "enginer")
    lines = output.splitlines()
    assert lines[0].startswith(" 1. 15-1252.00  Software Developers")
    assert "(as “Software Engineer”)" in lines[0]
    assert any("15-1254.00" in line for line in lines[1:])


def test_it_says_when_nothing_matches(mini_data):
    assert run("careers_search", "zzqx") == "No occupation matches “zzqx”.\n"


def test_it_asks_for_the_data_before_searching():
    DataRelease.objects.all().delete()  # other tests of this package may have loaded some
    with pytest.raises(CommandError, match="No career data is loaded"):
        run("careers_search", "nurse")


@pytest.mark.parametrize(
    "args, message",
    [
        (["nurse", "--limit", "0"], "--limit must be between 1 and 50, not 0."),
        (["  "], "Give a job title to search for."),
        (["x" * 201], "The title is too long"),
    ],
)
def test_it_rejects_bad_search_input(mini_data, args, message):
    with pytest.raises(CommandError, match=message):
        run("careers_search", *args)


def test_it_prints_the_attribution_on_stderr(mini_data):
    from io import StringIO

    from django.core.management import call_command

    out, err = StringIO(), StringIO()
    call_command("careers_search", "software", stdout=out, stderr=err)
    assert "O*NET 99.1 Database" in err.getvalue() and "USDOL/ETA" in err.getvalue()
    assert "USDOL/ETA" not in out.getvalue()
