"""The HRIS import of people: upsert by email, all or nothing, every problem located."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.lib.tabular import ImportRejected, read_table
from mentora.people.importing import people_import
from mentora.people.models import Language, Level, Profile, Visibility

FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "import"
HEADER = (
    "email,full_name,job_title,department,manager_email,location,timezone,languages,"
    "years_experience,level\n"
)


def csv_table(text: str):
    return read_table(text.encode(), filename="people.csv")


def run(text: str, **options):
    return people_import(table=csv_table(text), by=None, **options)


def snapshot() -> tuple:
    """Everything an import could write, to prove that nothing was."""
    return (
        list(User.objects.order_by("pk").values_list("pk", "email", "full_name", "password")),
        list(Profile.objects.order_by("pk").values()),
        list(Language.objects.order_by("pk").values_list("pk", "name")),
        list(Profile.languages.through.objects.order_by("pk").values_list()),
    )


def rejected(text: str) -> list[str]:
    """Import a file that must fail; the problems as printed, after checking nothing changed."""
    before = snapshot()
    with pytest.raises(ImportRejected) as caught:
        run(text)
    assert snapshot() == before
    return [str(problem) for problem in caught.value.problems]


def test_it_creates_people_with_profiles_and_unusable_passwords(personas):
    report = people_import(
        table=read_table((FIXTURES / "people.csv").read_bytes(), filename="people.csv"),
        by=personas.admin,
    )

    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    ben = User.objects.get(email="ben.okafor@example.com")
    assert not ben.has_usable_password()
    assert ben.full_name == "Ben Okafor"
    profile = ben.profile
    assert profile.manager.email == "ana.ruiz@example.com"
    assert (profile.job_title, profile.department, profile.location) == (
        "Engineering Manager", "Engineering", "Lagos",
    )
    assert (profile.timezone, profile.years_experience, profile.level) == (
        "Africa/Lagos", 12, Level.MANAGER,
    )
    dora = Profile.objects.get(user__email="dora.kovacs@example.com")
    assert sorted(dora.languages.values_list("name", flat=True)) == [
        "English", "German", "Hungarian",
    ]
    assert dora.user.full_name == "Dóra Kovács"
    ana = Profile.objects.get(user__email="ana.ruiz@example.com")
    assert (ana.level, ana.manager) == (Level.EXECUTIVE, None)
    # Everything the file does not set takes the model's defaults.
    assert (ana.visibility, ana.style_structure, ana.ipip_answers) == (
        Visibility.ORGANIZATION, 3, {},
    )
    assert ana.updated_at is not None and ana.user.date_joined is not None
    assert ana.user.is_active and not ana.user.is_org_admin


def test_it_changes_nothing_when_the_same_file_is_imported_again(db):
    text = (FIXTURES / "people.csv").read_text()
    run(text)
    before = snapshot()

    report = run(text)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert snapshot() == before


def test_it_updates_what_changed_and_counts_the_rest_unchanged(personas):
    report = run(
        HEADER
        + "maya.mentee@example.com,Maya Mentee,Marketing Specialist,Marketing,"
        "marco.mentor@example.com,Lisbon,Europe/Lisbon,English;Portuguese,3,mid\n"
        + "uma.unrelated@example.com,Uma Unrelated,Accountant,Finance,,,,,,\n"
    )

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    maya = Profile.objects.get(user=personas.mentee)
    assert maya.job_title == "Marketing Specialist"
    assert maya.manager == personas.mentor
    assert maya.timezone == "Europe/Lisbon"
    assert sorted(maya.languages.values_list("name", flat=True)) == ["English", "Portuguese"]


def test_it_matches_emails_in_any_case(personas):
    report = run(HEADER + "MAYA.Mentee@Example.com,Maya Mentee,,,,,,,,\n")

    assert report.created == 0
    assert User.objects.filter(email__iexact="maya.mentee@example.com").count() == 1


def test_it_keeps_self_described_fields_when_their_cells_are_empty(personas):
    run(HEADER + "marco.mentor@example.com,Marco Mentor,Marketing Manager,Marketing,,,,,,\n")

    marco = Profile.objects.get(user=personas.mentor)
    assert (marco.timezone, marco.years_experience, marco.level) == (
        "Europe/Paris", 14, Level.MANAGER,
    )
    assert list(marco.languages.values_list("name", flat=True)) == ["English"]


def test_it_clears_organization_fields_when_their_cells_are_empty(personas):
    run(
        HEADER
        + "olga.admin@example.com,Olga Admin,,,,,,,,\n"
        + "maya.mentee@example.com,Maya Mentee,,,olga.admin@example.com,,,,,\n"
    )
    run(HEADER + "maya.mentee@example.com,Maya Mentee,,,,,,,,\n")

    maya = Profile.objects.get(user=personas.mentee)
    assert (maya.job_title, maya.department, maya.manager) == ("", "", None)


def test_it_leaves_out_columns_the_file_does_not_have(personas):
    report = run("full_name,email\nMaya M.,maya.mentee@example.com\n")

    assert report.updated == 1
    maya = Profile.objects.get(user=personas.mentee)
    assert maya.user.full_name == "Maya M."
    assert maya.job_title == "Marketing Associate"


def test_it_resolves_managers_later_in_the_file_and_already_in_mentora(personas):
    run(
        HEADER
        + "ivy@example.com,Ivy,,,jo@example.com,,,,,\n"
        + "maya.mentee@example.com,Maya Mentee,,,jo@example.com,,,,,\n"
        + "jo@example.com,Jo,,,olga.admin@example.com,,,,,\n"
    )

    jo = User.objects.get(email="jo@example.com")
    assert Profile.objects.get(user__email="ivy@example.com").manager == jo
    assert Profile.objects.get(user=personas.mentee).manager == jo
    assert jo.profile.manager == personas.admin


def test_it_gives_a_profile_to_someone_who_had_none(db):
    User.objects.create_user(email="kim@example.com", full_name="Kim")

    report = run(HEADER + "kim@example.com,Kim,Engineer,,,,,English,,\n")

    assert report.updated == 1
    profile = Profile.objects.get(user__email="kim@example.com")
    assert profile.job_title == "Engineer"
    assert list(profile.languages.values_list("name", flat=True)) == ["English"]


def test_it_accepts_columns_in_any_order_and_case_and_level_labels(db):
    run(
        "Level,Years Experience,Full Name,EMAIL,Timezone\n"
        "lead / PRINCIPAL,7,Kim Lee,kim@example.com,europe/berlin\n"
    )

    kim = Profile.objects.get(user__email="kim@example.com")
    assert (kim.level, kim.years_experience, kim.timezone) == (Level.LEAD, 7, "Europe/Berlin")


def test_it_warns_about_columns_it_does_not_use(db):
    report = run("email,full_name,cost_center,timezon\nkim@example.com,Kim,CC-12,UTC\n")

    assert [str(w) for w in report.warnings] == [
        "line 1, column cost_center: this column is not used and was ignored.",
        "line 1, column timezon: this column is not used and was ignored "
        "(did you mean “timezone”?).",
    ]
    assert report.created == 1


def test_it_reports_what_a_dry_run_would_do_and_writes_nothing(personas):
    before = snapshot()

    report = run((FIXTURES / "people.csv").read_text(), dry_run=True)

    assert report.dry_run
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    assert snapshot() == before


def test_it_only_lets_organization_admins_import(personas):
    with pytest.raises(DomainError) as caught:
        people_import(table=csv_table(HEADER), by=personas.manager)

    assert caught.value.code == "forbidden"


def test_it_writes_in_bulk_not_row_by_row(personas, django_assert_max_num_queries):
    rows = "".join(
        f"p{i}@example.com,Person {i},Engineer,Eng,{'p0@example.com' if i else ''},Paris,"
        f"Europe/Paris,English;French,{i % 40},senior\n"
        for i in range(500)
    )
    table = csv_table(HEADER + rows)

    # SQLite allows 999 parameters a statement, so 500 wide profile rows take ~23 inserts.
    with django_assert_max_num_queries(50):
        report = people_import(table=table, by=None)
    assert report.created == 500
    with django_assert_max_num_queries(8):
        assert people_import(table=table, by=None).unchanged == 500


# ---------------------------------------------------------------- each kind of bad input


def test_it_rejects_a_file_without_a_required_column(personas):
    assert rejected("email,job_title\nkim@example.com,Engineer\n") == [
        "line 1, column full_name: the required column “full_name” is missing."
    ]


def test_it_suggests_the_column_meant_when_a_required_one_is_misspelt(db):
    assert rejected("e-mail address,full_name\nkim@example.com,Kim\n")[0].startswith(
        "line 1, column email: the required column “email” is missing"
    )
    assert rejected("emial,full_name\nkim@example.com,Kim\n") == [
        "line 1, column email: the required column “email” is missing (did you mean “emial”?)."
    ]


def test_it_rejects_a_bad_email(personas):
    assert rejected(HEADER + "kim(at)example.com,Kim,,,,,,,,\n") == [
        "line 2, column email: “kim(at)example.com” is not a valid email address."
    ]


def test_it_rejects_an_email_that_appears_twice(personas):
    assert rejected(
        HEADER + "kim@example.com,Kim,,,,,,,,\n" + "lee@example.com,Lee,,,,,,,,\n"
        "KIM@example.com,Kim Again,,,,,,,,\n"
    ) == [
        "line 4, column email: “kim@example.com” appears again (first on line 2); "
        "each person must appear once."
    ]


def test_it_rejects_an_unknown_manager(personas):
    assert rejected(HEADER + "kim@example.com,Kim,,,boss@example.com,,,,,\n") == [
        "line 2, column manager_email: no one with the email “boss@example.com” is in this "
        "file or in Mentora."
    ]


def test_it_rejects_a_manager_cycle_within_the_file(personas):
    assert rejected(
        HEADER
        + "a@example.com,A,,,b@example.com,,,,,\n"
        + "b@example.com,B,,,c@example.com,,,,,\n"
        + "c@example.com,C,,,a@example.com,,,,,\n"
        + "d@example.com,D,,,a@example.com,,,,,\n"
    ) == [
        f"line {n}, column manager_email: manager cycle: "
        "a@example.com → b@example.com → c@example.com → a@example.com."
        for n in (2, 3, 4)
    ]


def test_it_rejects_a_manager_cycle_through_people_already_in_mentora(personas):
    run(HEADER + "maya.mentee@example.com,Maya Mentee,,,marco.mentor@example.com,,,,,\n")

    assert rejected(
        HEADER + "marco.mentor@example.com,Marco Mentor,,,maya.mentee@example.com,,,,,\n"
    ) == [
        "line 2, column manager_email: manager cycle: marco.mentor@example.com → "
        "maya.mentee@example.com → marco.mentor@example.com."
    ]


def test_it_rejects_a_person_managing_themselves(personas):
    assert rejected(HEADER + "kim@example.com,Kim,,,KIM@example.com,,,,,\n") == [
        "line 2, column manager_email: a person cannot be their own manager."
    ]


def test_it_rejects_a_time_zone_that_does_not_exist(personas):
    assert rejected(HEADER + "kim@example.com,Kim,,,,,Mars/Olympus,,,\n") == [
        "line 2, column timezone: “Mars/Olympus” is not an IANA time zone (for example "
        "Europe/Paris or America/New_York)."
    ]


def test_it_rejects_values_of_the_wrong_type(personas):
    assert rejected(
        HEADER
        + "kim@example.com,Kim,,,,,,,ten,\n"
        + "lee@example.com,Lee,,,,,,,71,\n"
        + "max@example.com,Max,,,,,,,2.5,\n"
        + "sam@example.com,Sam,,,,,,,,guru\n"
    ) == [
        "line 2, column years_experience: “ten” is not a whole number from 0 to 70.",
        "line 3, column years_experience: “71” is not a whole number from 0 to 70.",
        "line 4, column years_experience: “2.5” is not a whole number from 0 to 70.",
        "line 5, column level: “guru” is not a level; use one of entry, associate, mid, "
        "senior, lead, manager, director, executive.",
    ]


def test_it_rejects_empty_names_and_overlong_text(personas):
    assert rejected(HEADER + f"kim@example.com, ,{'x' * 201},,,,,,,\n") == [
        "line 2, column full_name: the full name is empty.",
        "line 2, column job_title: “xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” is longer than 200 "
        "characters.",
    ]


def test_it_lists_every_problem_in_file_order(personas):
    problems = rejected((FIXTURES / "people_bad.csv").read_text())

    assert problems == [
        "line 3, column email: “not-an-email” is not a valid email address.",
        "line 4, column manager_email: no one with the email “nobody@example.com” is in this "
        "file or in Mentora.",
        "line 4, column timezone: “Mars/Olympus” is not an IANA time zone (for example "
        "Europe/Paris or America/New_York).",
        "line 4, column years_experience: “four” is not a whole number from 0 to 70.",
        "line 5, column email: “ana.ruiz@example.com” appears again (first on line 2); "
        "each person must appear once.",
        "line 5, column level: “guru” is not a level; use one of entry, associate, mid, "
        "senior, lead, manager, director, executive.",
    ]


def test_it_rejects_a_column_named_twice(db):
    assert rejected("email,full_name,Email\nkim@example.com,Kim,kim@example.com\n") == [
        "line 1, column Email: the column “email” appears twice."
    ]
