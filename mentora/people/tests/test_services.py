"""Profile writes: validation, skills, availability and the personality questionnaire."""

from datetime import time

import pytest

from mentora.lib.errors import DomainError
from mentora.people import personality
from mentora.people.models import Profile, Skill
from mentora.people.services import (
    profile_score_personality,
    profile_set_availability,
    profile_update,
)

pytestmark = pytest.mark.django_db


def test_it_updates_fields_and_skills_case_insensitively(personas):
    profile = personas.mentee.profile
    profile_update(
        profile=profile,
        by=personas.mentee,
        data={"target_role": "Product Manager"},
        skills_wanted=["negotiation", "Roadmapping", "roadmapping", " "],
    )
    profile.refresh_from_db()
    assert profile.target_role == "Product Manager"
    assert sorted(s.name for s in profile.skills_wanted.all()) == ["Negotiation", "Roadmapping"]
    assert Skill.objects.filter(name__iexact="negotiation").count() == 1


def test_it_rejects_an_unknown_time_zone_and_writes_nothing(personas):
    profile = personas.mentee.profile
    with pytest.raises(DomainError, match="IANA time zone") as exc:
        profile_update(
            profile=profile, by=personas.mentee, data={"timezone": "Mars/Olympus", "job_title": "X"}
        )
    assert exc.value.field == "timezone"
    profile = Profile.objects.get(pk=profile.pk)
    assert (profile.timezone, profile.job_title) == ("UTC", "Marketing Associate")


def test_it_rejects_a_style_value_out_of_range(personas):
    with pytest.raises(DomainError) as exc:
        profile_update(profile=personas.mentee.profile, by=personas.mentee, data={"style_focus": 9})
    assert exc.value.field == "style_focus"


def test_nobody_else_edits_my_profile_but_an_org_admin_can(personas):
    with pytest.raises(DomainError, match="own profile"):
        profile_update(profile=personas.mentee.profile, by=personas.mentor, data={"job_title": "X"})
    profile_update(profile=personas.mentee.profile, by=personas.admin, data={"job_title": "Y"})
    assert Profile.objects.get(user=personas.mentee).job_title == "Y"


def test_availability_rejects_overlaps_and_inverted_windows(personas):
    profile = personas.mentee.profile
    with pytest.raises(DomainError, match="overlap"):
        profile_set_availability(
            profile=profile,
            by=personas.mentee,
            windows=[(0, time(9), time(11)), (0, time(10), time(12))],
        )
    with pytest.raises(DomainError, match="Window 1: it must end after it starts"):
        profile_set_availability(
            profile=profile, by=personas.mentee, windows=[(2, time(11), time(9))]
        )
    windows = profile_set_availability(
        profile=profile,
        by=personas.mentee,
        windows=[(4, time(13), time(15)), (0, time(9), time(10))],
    )
    assert [str(w) for w in windows] == ["Monday 09:00–10:00", "Friday 13:00–15:00"]
    assert sum(w.hours for w in profile.availability.all()) == 3


def test_personality_scoring_reverses_keyed_items():
    answers = {item.number: 5 for item in personality.ITEMS}
    traits = personality.score(answers)
    # Four traits have two forward and two reversed items: (5 + 5 + 1 + 1) / 4;
    # intellect has one forward and three reversed: (5 + 1 + 1 + 1) / 4.
    assert traits == {t: 3.0 for t in personality.TRAITS} | {"intellect": 2.0}
    extravert = dict(answers) | {1: 5, 11: 5, 6: 1, 16: 1}
    assert personality.score(extravert)["extraversion"] == 5.0


def test_personality_requires_every_answer(personas):
    with pytest.raises(DomainError, match="missing: 20"):
        profile_score_personality(
            profile=personas.mentee.profile,
            by=personas.mentee,
            answers={n: 3 for n in range(1, 20)},
        )
    profile_score_personality(
        profile=personas.mentee.profile, by=personas.mentee, answers={n: 4 for n in range(1, 21)}
    )
    assert personas.mentee.profile.traits == {t: 3.0 for t in personality.TRAITS} | {
        "intellect": 2.5
    }
