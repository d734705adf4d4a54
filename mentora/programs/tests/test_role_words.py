"""Program pages name roles in the program's own words ("coach", "mentee"), never
"Mentee / coachee" (docs/writing.md, rule 2)."""

import pytest
from django.urls import reverse

from mentora.programs.models import Enrollment

pytestmark = pytest.mark.django_db


def test_it_names_the_coach_in_a_coaching_program_on_the_list_and_the_program(
    client_for, personas
):
    client = client_for(personas.coach)
    listing = client.get(reverse("programs:list")).content.decode()
    page = client.get(reverse("programs:detail", args=[personas.coaching.slug])).content.decode()
    assert "You: Coach, enrolled" in listing
    assert "Coach: Enrolled" in page and "Withdraw as coach" in page
    assert "Mentor / coach" not in listing + page


def test_it_names_mentors_and_mentees_on_the_roster_and_the_bulk_confirmation(
    client_for, personas
):
    pending = Enrollment.objects.create(
        program=personas.program, user=personas.unrelated, role="mentee", status="pending"
    )
    client = client_for(personas.manager)
    roster = client.get(reverse("programs:roster", args=["grow"])).content.decode()
    assert "<td>Mentee</td>" in roster
    assert "Mentor (takes up to" in roster
    confirm = client.post(
        reverse("programs:bulk_decide", args=["grow"]),
        {"decision": "approve", "enrollments": [pending.pk]},
    ).content.decode()
    assert f"{personas.unrelated.full_name} (mentee)" in confirm
    assert "coachee" not in roster + confirm


def test_it_counts_places_left_with_a_plural_role_word(client_for, personas):
    personas.coaching.mentee_limit = 30
    personas.coaching.save()
    page = client_for(personas.coach).get(
        reverse("programs:detail", args=[personas.coaching.slug])
    ).content.decode()
    assert "0 of 30 places for coachees taken" in page


def test_it_words_the_hard_rules_a_move_would_break():
    from mentora.matching.templatetags.matching_tags import rules_text

    assert rules_text(["fit_floor"]) == "not a good fit for the career path"
    assert rules_text(["reporting_line", "min_overlap"]) == (
        "in the same reporting line and too little shared weekly availability"
    )
    assert rules_text(["some_new_rule"]) == "some new rule"


def test_it_counts_role_words_in_report_descriptions():
    from mentora.outcomes.reports.common import _count

    assert _count(1, "mentor") == "1 mentor"
    assert _count(1, "coach") == "1 coach"
    assert _count(5, "coach") == "5 coaches"
    assert _count(0, "coachee") == "0 coachees"


def test_it_asks_the_enroll_questions_in_the_programs_role_words(client_for, personas):
    from mentora.programs.models import ApplicationQuestion

    ApplicationQuestion.objects.create(
        program=personas.coaching, text="What would you like to work on?", audience="mentee"
    )
    page = client_for(personas.unrelated).get(
        reverse("programs:detail", args=[personas.coaching.slug])
    ).content.decode()
    assert "How many coachees can you take? (coaches only)" in page
    assert "What would you like to work on? (coachees only)" in page
    assert "mentees / coachees" not in page and "mentors and coaches" not in page
