"""A relationship's first agreement, made from the program's template when it is accepted.

Below both `lifecycle` (which calls it on accept) and `agreements` (which edits and signs),
so neither imports the other both ways.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from mentora.lib import clock
from mentora.relationships.defaults import template_for
from mentora.relationships.models import Agreement, AgreementVersion, Relationship


@transaction.atomic
def agreement_ensure(*, relationship: Relationship, now: datetime | None = None) -> Agreement:
    """The relationship's agreement, created from the program's template on first use."""
    existing = Agreement.objects.filter(relationship=relationship).first()
    if existing is not None:
        return existing
    now = now or clock.now()
    agreement = Agreement.objects.create(
        relationship=relationship,
        ends_on=relationship.ends_on,
        sessions=relationship.sessions_planned,
        updated_at=now,
        **template_for(relationship.program),
    )
    AgreementVersion.objects.create(
        agreement=agreement, number=1, content=agreement.content(), created_at=now
    )
    return agreement
