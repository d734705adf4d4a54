"""Agreement templates per program: managers write them, new agreements start from the default,
pairs can start again from another; pages and API for every persona."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.lib.errors import DomainError
from mentora.relationships.models import AgreementTemplate
from mentora.relationships.services.agreements import agreement_apply_template, agreement_sign
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
from mentora.relationships.services.templates import (
    agreement_template_create,
    agreement_template_delete,
    agreement_template_update,
)

from .conftest import NOW

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]
MANAGERS = ("manager", "admin")  # Priya manages Grow; Olga is an organization admin

SPRINT = {
    "name": "Short sprint",
    "goals": ["Ship one thing you are proud of"],
    "cadence": "weekly",
    "meeting_minutes": 30,
    "channel": "Teams, camera on",
}


def _template(personas, **data):
    return agreement_template_create(
        program=personas.program, by=personas.manager, data={**SPRINT, **data}, now=NOW
    )


def test_it_makes_the_first_template_the_default_and_starts_agreements_from_it(personas):
    template = _template(personas)
    assert template.is_default
    rel = relationship_request(
        program=personas.program, mentee=personas.mentee, mentor=personas.mentor,
        by=personas.mentee, now=NOW,
    )  # fmt: skip
    relationship_accept(relationship=rel, by=personas.mentor, now=NOW)
    agreement = rel.agreement
    assert agreement.goals == ["Ship one thing you are proud of"]
    assert (agreement.cadence, agreement.meeting_minutes) == ("weekly", 30)
    assert agreement.channel == "Teams, camera on"
    assert "stays between us" in agreement.confidentiality  # empty field: standard wording


def test_it_keeps_one_default_per_program(personas):
    first = _template(personas)
    second = _template(personas, name="Long haul", is_default=True)
    first.refresh_from_db()
    assert second.is_default and not first.is_default
    agreement_template_update(template=first, by=personas.admin, data={"is_default": True})
    second.refresh_from_db()
    assert not second.is_default


def test_it_refuses_a_duplicate_name_and_bad_values_naming_the_field(personas):
    _template(personas)
    with pytest.raises(DomainError) as duplicate:
        _template(personas)
    assert duplicate.value.field == "name" and duplicate.value.code == "conflict"
    with pytest.raises(DomainError) as short:
        _template(personas, name="Tiny", meeting_minutes=5)
    assert short.value.field == "meeting_minutes"
    with pytest.raises(DomainError) as unnamed:
        _template(personas, name="  ")
    assert unnamed.value.field == "name"
    with pytest.raises(DomainError) as unknown:
        _template(personas, name="X", ends_on="2027-01-01")
    assert unknown.value.field == "ends_on"
    assert AgreementTemplate.objects.count() == 1


@pytest.mark.parametrize("persona", ["mentee", "mentor", "coach", "unrelated"])
def test_it_lets_only_managers_write_templates(personas, persona):
    with pytest.raises(DomainError) as refused:
        agreement_template_create(
            program=personas.program, by=getattr(personas, persona), data=SPRINT
        )
    assert refused.value.code == "forbidden"


def test_it_lets_a_pair_start_again_from_another_template(active, personas):
    template = _template(personas)
    before = active.agreement.version
    agreement = agreement_apply_template(
        agreement=active.agreement, template=template, by=personas.mentee, now=NOW
    )
    assert agreement.version == before + 1
    assert agreement.goals == SPRINT["goals"] and agreement.cadence == "weekly"
    assert not agreement.mentee_signed_at and not agreement.mentor_signed_at
    agreement_sign(agreement=agreement, by=personas.mentee, now=NOW)
    agreement_sign(agreement=agreement, by=personas.mentor, now=NOW)
    assert agreement.versions.count() == before + 1


def test_it_keeps_the_pairs_goals_when_the_template_suggests_none(active, personas):
    template = _template(personas, goals=[])
    agreement = agreement_apply_template(
        agreement=active.agreement, template=template, by=personas.mentor, now=NOW
    )
    assert agreement.goals == ["Negotiate my next salary review", "Run a campaign end to end"]


def test_it_refuses_a_template_of_another_program(active, personas):
    other = agreement_template_create(
        program=personas.coaching, by=personas.admin, data={"name": "Coaching"}, now=NOW
    )
    with pytest.raises(DomainError):
        agreement_apply_template(agreement=active.agreement, template=other, by=personas.mentee)


def test_it_falls_back_to_the_standard_text_once_the_default_is_deleted(personas, accepted):
    template = _template(personas)
    agreement_template_delete(template=template, by=personas.manager)
    assert not AgreementTemplate.objects.exists()
    assert accepted.agreement.channel == "Video call"


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_templates_page_to_managers_only(client_for, personas, persona):
    template = _template(personas)
    client = client_for(getattr(personas, persona))
    # The program's page answers others 403; a template by id answers 404, like the API.
    for url, refused in (
        (reverse("relationships:templates", args=["grow"]), 403),
        (reverse("relationships:template_edit", args=[template.pk]), 404),
    ):
        response = client.get(url)
        expected = 200 if persona in MANAGERS else 302 if persona == "anonymous" else refused
        assert response.status_code == expected, (persona, url)
        assert ("Short sprint" in response.content.decode()) == (persona in MANAGERS)
    response = client.post(reverse("relationships:template_delete", args=[template.pk]))
    assert AgreementTemplate.objects.exists() == (persona not in MANAGERS)
    if persona not in MANAGERS and persona != "anonymous":
        assert response.status_code == 404


def test_it_creates_edits_and_deletes_templates_from_the_pages(client_for, personas):
    client = client_for(personas.manager)
    url = reverse("relationships:templates", args=["grow"])
    response = client.post(
        url,
        {
            "name": "Standard",
            "goals_text": "Grow one skill\nMeet a new colleague",
            "cadence": "",
            "meeting_minutes": "",
            "feedback": "Two questions at the end of each meeting.",
        },
        follow=True,
    )
    assert "Template “Standard” saved." in response.content.decode()
    template = AgreementTemplate.objects.get()
    assert template.goals == ["Grow one skill", "Meet a new colleague"]
    assert template.is_default and template.cadence == "" and template.meeting_minutes is None
    response = client.post(
        reverse("relationships:template_edit", args=[template.pk]),
        {"name": "Standard", "goals_text": "", "meeting_minutes": "500"},
    )
    assert response.status_code == 200
    assert "Meetings last between 15 and 240 minutes." in response.content.decode()
    client.post(reverse("relationships:template_delete", args=[template.pk]))
    assert not AgreementTemplate.objects.exists()


def test_it_offers_the_templates_on_the_agreement_page(client_for, personas, active):
    template = _template(personas)
    client = client_for(personas.mentee)
    page = client.get(reverse("relationships:agreement_change", args=[active.pk])).content.decode()
    assert "Start again from a template" in page and "Short sprint" in page
    response = client.post(
        reverse("relationships:agreement_template", args=[active.pk]),
        {"template": template.pk},
        follow=True,
    )
    assert "proposed as a new version" in response.content.decode()
    active.agreement.refresh_from_db()
    assert active.agreement.cadence == "weekly"


@pytest.mark.parametrize("persona", PERSONAS[:-1])
def test_it_serves_templates_over_the_api_to_managers_only(
    client, api_token_for, personas, persona
):
    headers = api_token_for(getattr(personas, persona))
    base = "/api/v1/relationships"
    created = client.post(
        f"{base}/programs/grow/agreement-templates",
        {"name": "API made", "goals": ["One goal"], "cadence": "monthly"},
        content_type="application/json",
        **headers,
    )
    listing = client.get(f"{base}/programs/grow/agreement-templates", **headers)
    if persona not in MANAGERS:
        assert (created.status_code, listing.status_code) == (403, 403)
        template = _template(personas)
        assert client.get(f"{base}/agreement-templates/{template.pk}", **headers).status_code == 404
        assert (
            client.delete(f"{base}/agreement-templates/{template.pk}", **headers).status_code == 404
        )
        return
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["is_default"] and body["program"] == "grow" and body["goals"] == ["One goal"]
    assert [t["name"] for t in listing.json()] == ["API made"]
    patched = client.patch(
        f"{base}/agreement-templates/{body['id']}",
        {"meeting_minutes": 3},
        content_type="application/json",
        **headers,
    )
    assert patched.status_code == 422 and patched.json()["field"] == "meeting_minutes"
    patched = client.patch(
        f"{base}/agreement-templates/{body['id']}",
        {"meeting_minutes": 60, "cadence": ""},
        content_type="application/json",
        **headers,
    )
    assert (patched.json()["meeting_minutes"], patched.json()["cadence"]) == (60, "")
    deleted = client.delete(f"{base}/agreement-templates/{body['id']}", **headers)
    assert deleted.status_code == 204 and not AgreementTemplate.objects.exists()


def test_it_answers_an_unknown_program_with_404(client, api_token_for, personas):
    response = client.get(
        "/api/v1/relationships/programs/nope/agreement-templates",
        **api_token_for(personas.manager),
    )
    assert response.status_code == 404
