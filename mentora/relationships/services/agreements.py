"""The agreement: created from the program's template, edited, signed by both, versioned."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction

from mentora.lib import clock
from mentora.lib.choices import Cadence
from mentora.lib.errors import DomainError
from mentora.relationships import permissions as perms
from mentora.relationships.defaults import template_for
from mentora.relationships.models import (
    Agreement,
    AgreementTemplate,
    AgreementVersion,
    Relationship,
)
from mentora.relationships.models.agreements import CONTENT_FIELDS
from mentora.relationships.services.agreement_start import agreement_ensure
from mentora.relationships.services.lifecycle import event_log, relationship_start

__all__ = ["agreement_ensure"]  # lives below lifecycle, which creates it on accept

TEXT_LIMITS = {"channel": 200}
MAX_GOALS = 10


def agreement_content_clean(
    data: dict[str, Any], *, today: date, kind: str | None = None
) -> dict[str, Any]:
    """Checked agreement content (goals, cadence, dates…) or a DomainError naming the field."""
    unknown = sorted(set(data) - set(CONTENT_FIELDS))
    if unknown:
        raise DomainError(f"Unknown agreement field: {', '.join(unknown)}.", field=unknown[0])
    clean: dict[str, Any] = {}
    for name, value in data.items():
        if name == "goals":
            if isinstance(value, str):
                value = value.splitlines()
            if not isinstance(value, list) or not all(isinstance(g, str) for g in value):
                raise DomainError("Goals must be a list of sentences.", field="goals")
            goals = [g.strip() for g in value if g.strip()]
            if len(goals) > MAX_GOALS:
                raise DomainError(f"Agree at most {MAX_GOALS} goals.", field="goals")
            if any(len(g) > 300 for g in goals):
                raise DomainError("Keep each goal under 300 characters.", field="goals")
            clean[name] = goals
        elif name == "cadence":
            if value not in Cadence.values:
                raise DomainError(
                    f"Cadence must be one of {', '.join(Cadence.values)}.", field="cadence"
                )
            clean[name] = value
        elif name == "meeting_minutes":
            if not isinstance(value, int) or not 15 <= value <= 240:
                raise DomainError(
                    "Meetings last between 15 and 240 minutes.", field="meeting_minutes"
                )
            clean[name] = value
        elif name == "sessions":
            if value is not None and kind is not None and kind != Relationship.Kind.COACHING:
                raise DomainError(
                    "Only coaching engagements count sessions; agree an end date instead.",
                    field="sessions",
                )
            if value is not None and (not isinstance(value, int) or not 1 <= value <= 100):
                raise DomainError("Sessions must be between 1 and 100.", field="sessions")
            clean[name] = value
        elif name == "ends_on":
            if isinstance(value, str) and value:
                try:
                    value = date.fromisoformat(value)
                except ValueError as exc:
                    raise DomainError("End date must be YYYY-MM-DD.", field="ends_on") from exc
            if value is not None and value != "" and value <= today:
                raise DomainError("The end date must be in the future.", field="ends_on")
            clean[name] = value or None
        else:
            if not isinstance(value, str):
                raise DomainError(
                    f"{name.replace('_', ' ').capitalize()} must be text.", field=name
                )
            if len(value) > TEXT_LIMITS.get(name, 5000):
                raise DomainError(f"{name.replace('_', ' ').capitalize()} is too long.", field=name)
            clean[name] = value.strip()
    return clean


@transaction.atomic
def agreement_update(
    *, agreement: Agreement, by: Any, data: dict[str, Any], now: datetime | None = None
) -> Agreement:
    """Change the agreement; any change to signed content needs both signatures again."""
    now = now or clock.now()
    relationship = agreement.relationship
    if not perms.can_change_content(by, relationship):
        raise DomainError(
            "Only the two people in an ongoing relationship can change its agreement.",
            code="forbidden",
        )
    clean = agreement_content_clean(data, today=now.date(), kind=relationship.kind)
    before = agreement.content()
    for name, value in clean.items():
        setattr(agreement, name, value)
    after = agreement.content()
    if after == before:
        return agreement
    agreement.version += 1
    agreement.mentee_signed_at = None
    agreement.mentor_signed_at = None
    agreement.updated_at = now
    agreement.save()
    AgreementVersion.objects.create(
        agreement=agreement, number=agreement.version, content=after, changed_by=by, created_at=now
    )
    # The relationship shows (and health reads) the agreed end date / number of sessions.
    relationship.ends_on = agreement.ends_on
    relationship.sessions_planned = agreement.sessions
    relationship.save(update_fields=["ends_on", "sessions_planned"])
    changed = ", ".join(
        name.replace("_", " ") for name in CONTENT_FIELDS if before[name] != after[name]
    )
    event_log(
        relationship=relationship,
        action="agreement_changed",
        by=by,
        reason=f"Version {agreement.version}: {changed}.",
        now=now,
    )
    return agreement


@transaction.atomic
def agreement_sign(*, agreement: Agreement, by: Any, now: datetime | None = None) -> Agreement:
    """Sign the current version; once both have signed an accepted relationship starts."""
    now = now or clock.now()
    relationship = agreement.relationship
    role = relationship.member_role(by)
    if role is None or not perms.can_change_content(by, relationship):
        raise DomainError(
            "Only the two people in an ongoing relationship can sign its agreement.",
            code="forbidden",
        )
    if not agreement.goals:
        raise DomainError("Agree at least one goal before signing.", field="goals")
    field = f"{role}_signed_at"
    if getattr(agreement, field):
        raise DomainError(
            f"You already signed version {agreement.version}.", field="signature", code="conflict"
        )
    setattr(agreement, field, now)
    agreement.save(update_fields=[field])
    AgreementVersion.objects.filter(agreement=agreement, number=agreement.version).update(
        **{field: now}
    )
    event_log(
        relationship=relationship,
        action="agreement_signed",
        by=by,
        reason=f"Version {agreement.version}.",
        now=now,
    )
    if agreement.fully_signed and relationship.status == Relationship.Status.ACCEPTED:
        relationship_start(relationship=relationship, by=by, now=now)
    return agreement


@transaction.atomic
def agreement_apply_template(
    *, agreement: Agreement, template: AgreementTemplate, by: Any, now: datetime | None = None
) -> Agreement:
    """Replace the agreement's text with one of the program's templates (a new version)."""
    if template.program_id != agreement.relationship.program_id:
        raise DomainError("That template belongs to another program.", field="template")
    content = template_for(agreement.relationship.program, template)
    if not template.goals:  # a template without suggested goals keeps the pair's own
        content.pop("goals", None)
    return agreement_update(agreement=agreement, by=by, data=content, now=now)
