"""Agreement templates per program: program managers write the text new agreements start from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.programs.models import Program
from mentora.relationships import permissions as perms
from mentora.relationships.models import AgreementTemplate
from mentora.relationships.services.agreements import agreement_content_clean

TEMPLATE_FIELDS = (
    "name",
    "is_default",
    "goals",
    "cadence",
    "meeting_minutes",
    "channel",
    "confidentiality",
    "mentee_commitments",
    "mentor_commitments",
    "feedback",
)


def _check(by: Any, program: Program) -> None:
    if not perms.can_manage_templates(by, program):
        raise DomainError(
            f"Only the managers of {program} can change its agreement templates.",
            code="forbidden",
        )


def _clean_template(data: dict[str, Any], *, now: datetime) -> dict[str, Any]:
    unknown = sorted(set(data) - set(TEMPLATE_FIELDS))
    if unknown:
        raise DomainError(f"Unknown template field: {', '.join(unknown)}.", field=unknown[0])
    clean: dict[str, Any] = {}
    rest = dict(data)
    if "name" in rest:
        name = rest.pop("name")
        name = name.strip() if isinstance(name, str) else ""
        if not name:
            raise DomainError("Give the template a name.", field="name")
        if len(name) > 100:
            raise DomainError("Keep the name under 100 characters.", field="name")
        clean["name"] = name
    if "is_default" in rest:
        value = rest.pop("is_default")
        if not isinstance(value, bool):
            raise DomainError("Default is yes or no.", field="is_default")
        clean["is_default"] = value
    # Blank cadence / length mean "the program's" and "the usual 45 minutes".
    if rest.get("cadence") in ("", None) and "cadence" in rest:
        rest.pop("cadence")
        clean["cadence"] = ""
    if "meeting_minutes" in rest and rest["meeting_minutes"] is None:
        rest.pop("meeting_minutes")
        clean["meeting_minutes"] = None
    for name in ("channel", "confidentiality", "mentee_commitments", "mentor_commitments"):
        if name in rest and rest[name] is None:
            rest[name] = ""
    if rest.get("feedback") is None and "feedback" in rest:
        rest["feedback"] = ""
    if rest.get("goals") is None and "goals" in rest:
        rest["goals"] = []
    clean.update(agreement_content_clean(rest, today=now.date()))
    return clean


def _save(template: AgreementTemplate, clean: dict[str, Any], *, now: datetime) -> None:
    if clean.get("is_default"):
        # One default per program: the new default takes over.
        AgreementTemplate.objects.filter(program=template.program, is_default=True).exclude(
            pk=template.pk
        ).update(is_default=False)
    for name, value in clean.items():
        setattr(template, name, value)
    template.updated_at = now
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError as exc:
        raise DomainError(
            f"{template.program} already has a template called “{template.name}”.",
            field="name",
            code="conflict",
        ) from exc


@transaction.atomic
def agreement_template_create(
    *, program: Program, by: Any, data: dict[str, Any], now: datetime | None = None
) -> AgreementTemplate:
    """A new template for a program; the program's first template becomes its default."""
    now = now or clock.now()
    _check(by, program)
    Program.objects.select_for_update().filter(pk=program.pk).first()  # one writer per program
    clean = _clean_template(data, now=now)
    if "name" not in clean:
        raise DomainError("Give the template a name.", field="name")
    template = AgreementTemplate(program=program, created_at=now)
    if not AgreementTemplate.objects.filter(program=program, is_default=True).exists():
        clean["is_default"] = True
    _save(template, clean, now=now)
    return template


@transaction.atomic
def agreement_template_update(
    *, template: AgreementTemplate, by: Any, data: dict[str, Any], now: datetime | None = None
) -> AgreementTemplate:
    """Change a template; agreements already drafted from it keep their own text."""
    now = now or clock.now()
    _check(by, template.program)
    Program.objects.select_for_update().filter(pk=template.program_id).first()
    template = AgreementTemplate.objects.select_related("program").get(pk=template.pk)
    _save(template, _clean_template(data, now=now), now=now)
    return template


@transaction.atomic
def agreement_template_delete(*, template: AgreementTemplate, by: Any) -> None:
    """Delete a template; without a default, new agreements start from the built-in text."""
    _check(by, template.program)
    template.delete()
