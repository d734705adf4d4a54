"""Agreements: template text, both sign, a change after signing needs both again, versions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentora.lib.errors import DomainError
from mentora.relationships.models import AgreementTemplate
from mentora.relationships.services.agreements import agreement_sign, agreement_update

from .conftest import NOW

pytestmark = pytest.mark.django_db


def test_it_starts_from_the_default_template_for_the_program_kind(accepted):
    agreement = accepted.agreement
    assert agreement.version == 1 and agreement.cadence == "biweekly"
    assert "stays between us" in agreement.confidentiality
    assert agreement.versions.get().number == 1


def test_it_uses_the_program_template_when_there_is_one(personas):
    from mentora.relationships.services.lifecycle import relationship_accept, relationship_request

    AgreementTemplate.objects.create(
        program=personas.program, name="Standard", is_default=True, channel="Teams, camera on"
    )
    rel = relationship_request(
        program=personas.program,
        mentee=personas.mentee,
        mentor=personas.mentor,
        by=personas.mentee,
        now=NOW,
    )
    relationship_accept(relationship=rel, by=personas.mentor, now=NOW)
    assert rel.agreement.channel == "Teams, camera on"


def test_it_activates_the_relationship_when_both_sign(active):
    agreement = active.agreement
    assert agreement.fully_signed
    version = agreement.versions.get(number=agreement.version)
    assert version.mentee_signed_at == NOW and version.mentor_signed_at == NOW


def test_it_needs_both_signatures_again_after_a_change(active, personas):
    agreement = active.agreement
    later = NOW + timedelta(days=3)
    agreement_update(agreement=agreement, by=personas.mentor, data={"cadence": "weekly"}, now=later)
    assert agreement.version == 3
    assert agreement.mentee_signed_at is None and agreement.mentor_signed_at is None
    old = agreement.versions.get(number=2)
    assert old.content["cadence"] == "biweekly" and old.mentor_signed_at == NOW
    assert agreement.versions.get(number=3).content["cadence"] == "weekly"
    log = active.events.filter(action="agreement_changed").last()
    assert log.reason == "Version 3: cadence." and log.by == personas.mentor


def test_it_ignores_an_update_that_changes_nothing(active, personas):
    agreement = active.agreement
    agreement_update(agreement=agreement, by=personas.mentee, data={"cadence": "biweekly"})
    assert agreement.version == 2 and agreement.fully_signed


def test_it_refuses_signing_twice_and_outsiders(accepted, personas):
    agreement = accepted.agreement
    agreement_update(agreement=agreement, by=personas.mentee, data={"goals": ["A goal"]})
    agreement_sign(agreement=agreement, by=personas.mentee)
    with pytest.raises(DomainError, match="already signed"):
        agreement_sign(agreement=agreement, by=personas.mentee)
    for outsider in (personas.manager, personas.admin, personas.unrelated):
        with pytest.raises(DomainError) as exc:
            agreement_sign(agreement=agreement, by=outsider)
        assert exc.value.code == "forbidden"


def test_it_refuses_signing_without_goals(accepted, personas):
    with pytest.raises(DomainError) as exc:
        agreement_sign(agreement=accepted.agreement, by=personas.mentee)
    assert exc.value.field == "goals"


@pytest.mark.parametrize(
    "data, field",
    [
        ({"cadence": "hourly"}, "cadence"),
        ({"meeting_minutes": 5}, "meeting_minutes"),
        ({"ends_on": "2020-01-01"}, "ends_on"),
        ({"ends_on": "soon"}, "ends_on"),
        ({"goals": [1, 2]}, "goals"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_it_names_the_field_of_bad_input(accepted, personas, data, field):
    with pytest.raises(DomainError) as exc:
        agreement_update(agreement=accepted.agreement, by=personas.mentee, data=data, now=NOW)
    assert exc.value.field == field
    accepted.agreement.refresh_from_db()
    assert accepted.agreement.version == 1
