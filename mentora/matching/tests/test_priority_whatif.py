"""The workbench's priority panel stays closed until asked, the what-if form tries a priority,
and a person's preferred name is editable on their profile and used where they are named."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from mentora.matching.models import MatchRun
from mentora.matching.services import matchpriority_set, matchrun_execute, matchrun_start
from mentora.people.models import Profile

from .helpers import grow_cohort

pytestmark = pytest.mark.django_db


def _whatif_data(program_weights: dict, **extra) -> dict:
    data = {f"w_{k}": v for k, v in program_weights.items()}
    data.update(objective="total", reporting_line_depth=2, require_shared_language="on",
                min_overlap_hours=0)
    data.update(extra)
    return data


def test_the_priority_panel_is_closed_until_asked_even_for_good_fits(client_for, personas):
    grow_cohort(personas, mentees=3, mentors=2)
    matchpriority_set(program=personas.program, by=personas.manager, priority="good_fits")
    page = client_for(personas.manager).get(
        reverse("matching:workbench", args=[personas.program.slug])
    ).content.decode()
    details = re.search(r"<details[^>]*>\s*<summary>Change the priority</summary>", page)
    assert details is not None and " open" not in details.group(0)
    assert "Now: Match only good fits." in page


def test_whatif_offers_the_priority_and_a_preview_uses_it(client_for, personas):
    grow_cohort(personas, mentees=6, mentors=2)
    matchrun_execute(run=matchrun_start(program=personas.program, by=personas.manager))
    client = client_for(personas.manager)
    url = reverse("matching:whatif", args=[personas.program.slug])
    page = client.get(url).content.decode()
    assert "Match only good fits" in page and "Match as many as possible" in page
    assert 'name="priority" value="as_many"' in page and 'name="floor_skills"' in page
    from mentora.matching.engine import FACTORS

    weights = {f: 1 for f in FACTORS}
    response = client.post(url, _whatif_data(weights, priority="good_fits", floor_role="on",
                                             floor_skills=0, min_score=0))
    assert response.status_code == 302, unescape(response.content.decode())[:2000]
    run = MatchRun.objects.filter(purpose=MatchRun.Purpose.PREVIEW).latest("pk")
    assert run.constraints["fit_floor"] is True and run.constraints["floor_role"] is True
    result = unescape(client.get(response["Location"]).content.decode())
    assert "Priority" in result and "Match only good fits" in result
    assert "True" not in re.sub(r"<[^>]+>", " ", result)  # values read as words


def test_whatif_refuses_good_fits_without_a_floor_naming_the_field(client_for, personas):
    grow_cohort(personas, mentees=3, mentors=2)
    from mentora.matching.engine import FACTORS

    response = client_for(personas.manager).post(
        reverse("matching:whatif", args=[personas.program.slug]),
        _whatif_data({f: 1 for f in FACTORS}, priority="good_fits", floor_skills=0,
                     min_score=0),
    )
    page = unescape(response.content.decode())
    assert response.status_code == 200 and 'role="alert"' in page
    assert "Priority: “Match only good fits” needs a fit floor" in page
    assert not MatchRun.objects.filter(purpose=MatchRun.Purpose.PREVIEW).exists()


def test_a_preferred_name_is_editable_and_named_on_the_workbench(client_for, personas):
    client = client_for(personas.mentee)
    url = reverse("people:profile_edit") + "?step=basics"
    assert 'name="preferred_name"' in client.get(url).content.decode()
    profile = Profile.objects.get(user=personas.mentee)
    response = client.post(url, {
        "step": "basics", "preferred_name": "Mai", "job_title": profile.job_title,
        "years_experience": profile.years_experience, "timezone": profile.timezone,
        "level": profile.level, "meeting_format": profile.meeting_format,
        "visibility": profile.visibility, "languages": "English",
    })
    assert response.status_code == 302, unescape(response.content.decode())[:3000]
    assert Profile.objects.get(user=personas.mentee).preferred_name == "Mai"
    grow_cohort(personas, mentees=2, mentors=2)
    matchrun_execute(run=matchrun_start(program=personas.program, by=personas.manager))
    page = unescape(client_for(personas.manager).get(
        reverse("matching:workbench", args=[personas.program.slug])
    ).content.decode())
    assert "Mai" in page
    assert f"<td>{personas.mentee.full_name}<br>" not in page


def test_whatif_starts_a_factor_newer_than_the_draft_at_its_default_weight(client_for,
                                                                           personas):
    grow_cohort(personas, mentees=3, mentors=2)
    run = matchrun_execute(run=matchrun_start(program=personas.program, by=personas.manager))
    run.weights = {k: v for k, v in run.weights.items() if k != "answers"}  # an older draft
    run.save(update_fields=["weights"])
    page = client_for(personas.manager).get(
        reverse("matching:whatif", args=[personas.program.slug])
    ).content.decode()
    field = re.search(r'<input[^>]*name="w_answers"[^>]*>', page)
    assert field is not None and 'value="0.0"' in field.group(0)
