"""`{% proposal_waiting rel request.user as waiting %}`: times the other person proposed."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.relationships.models import MeetingProposal

register = template.Library()


@register.simple_tag
def proposal_waiting(relationship: Any, user: Any) -> bool:
    """True when the other member proposed times this person has not answered yet."""
    return (
        MeetingProposal.objects.filter(
            relationship=relationship, status=MeetingProposal.Status.OPEN
        )
        .exclude(proposed_by=user)
        .exists()
    )
