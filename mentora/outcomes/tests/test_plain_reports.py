"""Reports a director reads: a plain sentence per measure, sections with a summary first,
career movement against eligible colleagues (k-anonymous, association not cause)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentora.accounts.models import User
from mentora.outcomes.reports import dashboard_report, outcomes_report
from mentora.outcomes.tests.conftest import NOW, answered, pair, person
from mentora.people.models import Profile, RoleChange
from mentora.testing import make_user

pytestmark = pytest.mark.django_db

BEFORE = [2, 3, 2, 4, 3, 2, 3, 3, 2, 3]
AFTER = [4, 4, 3, 4, 4, 3, 5, 3, 2, 2]


def cohort(program, before=BEFORE, after=AFTER):
    people = []
    for b, a in zip(before, after, strict=True):
        mentee = person(program)
        answered(program, mentee, "baseline", b)
        answered(program, mentee, "end", a)
        people.append(mentee)
    return people


def test_it_leads_each_measure_with_a_plain_sentence(personas, frozen):
    cohort(personas.program)
    table = outcomes_report(personas.program, now=NOW).table("outcomes_end")

    # 6 of 10 rose, mean +0.7, the interval leaves zero out and d_z is between 0.5 and 0.8.
    assert table.headlines[0] == (
        "Self-confidence rose for 6 of 10 mentees: +0.7 on a 5-point scale, a clear rise."
    )
    assert table.statistics_folded  # the t-test and Wilcoxon figures sit behind "Statistics"


def test_it_says_when_a_change_may_be_chance(personas, frozen):
    cohort(personas.program, before=[3, 3, 3, 3, 3], after=[4, 2, 3, 4, 3])
    table = outcomes_report(personas.program, now=NOW).table("outcomes_end")
    assert table.headlines[0] == (
        "Self-confidence rose for 2 of 5 mentees: +0.2 on a 5-point scale, too small to be "
        "sure it is more than chance."
    )


def test_it_shows_the_sentences_first_and_the_statistics_one_click_away(
    personas, client_for, frozen
):
    cohort(personas.program)
    page = client_for(personas.manager).get("/outcomes/programs/grow/outcomes/").text

    summary = page.split('id="summary-heading"')[1].split("</section>")[0]
    assert "Self-confidence rose for 6 of 10 mentees" in summary
    end = page.split('id="t-outcomes_end"')[1].split("</section>")[0]
    assert end.index("Self-confidence rose") < end.index("<details")
    assert end.index("<details") < end.index("Wilcoxon signed-rank p")


def test_it_splits_the_dashboard_into_sections_under_a_summary(personas, client_for, frozen):
    for _ in range(3):
        pair(personas.program)
    page = client_for(personas.manager).get("/outcomes/programs/grow/").text

    summary = page.split('id="summary-heading"')[1].split("</section>")[0]
    # Maya (the personas' mentee) is enrolled and not matched yet.
    assert "3 of 4 enrolled mentees are matched (75 %)" in summary
    for heading in ("Getting matched", "Working together", "What people say", "Who takes part"):
        assert f">{heading}</h2>" in page
    assert page.index("In short") < page.index(">Getting matched</h2>")
    report = dashboard_report(personas.program, now=NOW)
    assert report.extras["summary"][0].startswith("3 of 4 enrolled mentees are matched")


def _movement(program, *, mentees=6, others=8, promoted=2, promoted_others=1, left_others=1):
    start = NOW - timedelta(days=200)  # when the cohort enrolled
    group = [person(program) for _ in range(mentees)]
    colleagues = [make_user(f"c{i}@example.com", f"Colleague {i}") for i in range(others)]
    for user in group[:promoted] + colleagues[:promoted_others]:
        RoleChange.objects.create(person=user, field="level", old="mid", new="senior",
                                  at=start + timedelta(days=30))
    RoleChange.objects.create(person=group[-1], field="department", old="Sales", new="Data",
                              at=start + timedelta(days=40))
    for user in colleagues[-left_others:]:
        RoleChange.objects.create(person=user, field="status", old="active", new="left",
                                  at=start + timedelta(days=50))
        User.objects.filter(pk=user.pk).update(is_active=False)
    # Hired after the start: not an eligible comparison.
    late = make_user("late@example.com", "Late Joiner")
    Profile.objects.filter(user=late).update(hire_date=NOW.date())
    # Promoted before the period: not counted.
    RoleChange.objects.create(person=colleagues[0], field="level", old="entry", new="mid",
                              at=start - timedelta(days=10))
    return group, colleagues


def test_it_compares_career_movement_with_eligible_colleagues(personas, frozen):
    _movement(personas.program)
    table = outcomes_report(personas.program, now=NOW).table("career_movement")

    mentees, others = table.rows  # six new mentees and Maya, the personas' mentee
    assert mentees[:8] == ["Mentees in Grow", 7, 2, 28.6, 1, 14.3, 0, 0.0]
    eligible = User.objects.exclude(enrollments__program=personas.program).exclude(
        email="late@example.com").count()
    assert others[1] == eligible
    assert (others[2], others[6]) == (1, 1)
    assert "28.6 % of mentees were promoted, against" in table.headlines[0]
    assert "association, not proof of cause" in table.headlines[1]


def test_it_withholds_career_movement_of_small_groups(personas, frozen):
    _movement(personas.program, mentees=3, promoted=1)
    table = outcomes_report(personas.program, now=NOW).table("career_movement")
    assert table.rows[0][0] == "Mentees in Grow"
    assert all(str(cell) == "fewer than 5" for cell in table.rows[0][1:])
    assert "fewer than 5 people in a group" in table.headlines[0]


def test_it_says_career_movement_needs_a_reimport(personas, frozen):
    for _ in range(5):
        person(personas.program)
    table = outcomes_report(personas.program, now=NOW).table("career_movement")
    assert "appears once your HR file is imported again" in table.headlines[0]


def test_it_exports_career_movement(personas, client_for, frozen):
    _movement(personas.program)
    response = client_for(personas.manager).get(
        "/outcomes/programs/grow/export.csv?table=career_movement"
    )
    text = b"".join(response.streaming_content).decode() if response.streaming else response.text
    assert text.splitlines()[0] == (
        "Group,People,Promoted,% promoted,Moved internally,% moved,Left,% left"
    )
    assert text.splitlines()[1].startswith("Mentees in Grow,7,2,28.6")


# --- the organization overview -----------------------------------------------------------


def test_it_gives_leadership_one_page_across_programs(
    personas, client_for, frozen, django_assert_max_num_queries
):
    from mentora.programs.models import Program

    Program.objects.update(status=Program.Status.OPEN)
    cohort(personas.program)
    client = client_for(personas.admin)
    client.get("/outcomes/overview/")  # computes and stores every program's reports
    with django_assert_max_num_queries(9):  # 8, plus the header's one role query
        page = client.get("/outcomes/overview/").text

    assert "Mentoring and coaching: organization overview" in page
    assert ">Grow</h2>" in page and ">Lead</h2>" in page
    assert "Self-confidence rose for 6 of 10 mentees" in page
    assert "association, not proof" in page


def test_it_shows_managers_only_their_programs_in_the_overview(personas, client_for, frozen):
    from mentora.programs.models import Program

    Program.objects.update(status=Program.Status.OPEN)
    other = Program.objects.exclude(managers=personas.manager).first()
    page = client_for(personas.manager).get("/outcomes/overview/").text
    assert ">Grow</h2>" in page
    if other is not None:
        assert f">{other.name}</h2>" not in page
    assert client_for(personas.mentee).get("/outcomes/overview/").status_code == 404
