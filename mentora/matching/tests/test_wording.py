"""Reasons written to the mentee, turned round for the mentor."""

from __future__ import annotations

import pytest

from mentora.matching.wording import contributions_for, for_mentor


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (
            "Has worked as Engineering Manager — your target role",
            "You have worked as Engineering Manager — Maya's target role",
        ),
        (
            "Offers 2 of the 4 skills you want: Hiring, Delegation",
            "You offer 2 of the 4 skills Maya wants: Hiring, Delegation",
        ),
        (
            "Offers none of the skills you want to develop",
            "You offer none of the skills Maya wants to develop",
        ),
        (
            "Their experience reads very close to your goals (similarity 0.75)",
            "Your experience reads very close to Maya's goals (similarity 0.75)",
        ),
        ("10 more years of experience than you", "You have 10 more years of experience than Maya"),
        ("2 fewer years of experience than you", "You have 2 fewer years of experience than Maya"),
        ("As experienced as you", "As experienced as Maya"),
        (
            "You want remote meetings, they meet in person only",
            "Maya wants remote meetings, you meet in person only",
        ),
        (
            "Both prefer structured sessions; you want supportive sessions, they are more "
            "challenging",
            "Both prefer structured sessions; Maya wants supportive sessions, you are more "
            "challenging",
        ),
        (
            "You want supportive sessions, they are more challenging",
            "Maya wants supportive sessions, you are more challenging",
        ),
        (
            "Accredited coach; covers 1 of your 2 focus areas",
            "Accredited coach; covers 1 of Maya's 2 focus areas",
        ),
        ("You shortlisted this mentor", "Maya shortlisted you"),
        ("You have not set a target role", "Maya has not set a target role"),
        ("Both fine with remote meetings", "Both fine with remote meetings"),
        ("1.5 h of shared working hours a week", "1.5 h of shared working hours a week"),
    ],
)
def test_it_turns_each_reason_round_for_the_mentor(reason, expected):
    assert for_mentor(reason, "Maya") == expected


def test_it_leaves_the_mentee_s_reasons_as_they_are():
    contributions = [{"factor": "experience", "reason": "3 more years of experience than you"}]
    assert contributions_for(contributions, mentor_side=False, mentee_name="Maya") == contributions
    mentor = contributions_for(contributions, mentor_side=True, mentee_name="Maya")
    assert mentor[0]["reason"] == "You have 3 more years of experience than Maya"
    assert contributions[0]["reason"] == "3 more years of experience than you"  # not mutated
