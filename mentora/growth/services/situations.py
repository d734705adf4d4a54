"""Situations a person thinks through and may share with their mentor or coach."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse

from mentora.growth import permissions as perms
from mentora.growth.models import (
    Situation,
)
from mentora.growth.services.common import (
    clean_text,
    notify_person,
    refuse_unless,
)
from mentora.lib import clock
from mentora.lib.errors import DomainError

SITUATION_FIELDS = ("title", "situation", "options", "decision", "reflection")


def _situation_values(data: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(data) - set(SITUATION_FIELDS))
    if unknown:
        raise DomainError(f"Unknown field: {', '.join(unknown)}.", field=unknown[0])
    values = {}
    for name, value in data.items():
        if name == "title":
            values[name] = clean_text(value, field="title", label="The title", limit=200)
        else:
            values[name] = clean_text(
                value,
                field=name,
                label=name.capitalize(),
                required=name == "situation",
                limit=10000,
            )
    return values


@transaction.atomic
def situation_create(
    *, owner: Any, by: Any, data: Mapping[str, str], now: datetime | None = None
) -> Situation:
    """Write down a challenging situation (private to its owner)."""
    now = now or clock.now()
    refuse_unless(perms.can_change_plan(by, owner), "You can only write your own situations.")
    values = _situation_values(data)
    for required in ("title", "situation"):
        if not values.get(required):
            raise DomainError(f"The {required} is required.", field=required)
    return Situation.objects.create(owner=owner, created_at=now, updated_at=now, **values)


@transaction.atomic
def situation_update(
    *, situation: Situation, by: Any, data: Mapping[str, str], now: datetime | None = None
) -> Situation:
    """Change a situation: add the options, the decision, the reflection."""
    now = now or clock.now()
    refuse_unless(perms.can_change_situation(by, situation), "Only its author can change it.")
    for name, value in _situation_values(data).items():
        setattr(situation, name, value)
    situation.updated_at = now
    situation.save()
    return situation


@transaction.atomic
def situation_share(
    *, situation: Situation, by: Any, with_user: Any, now: datetime | None = None
) -> Situation:
    """Share a situation with one's coach or mentor, or stop sharing it (``with_user`` None)."""
    now = now or clock.now()
    refuse_unless(perms.can_change_situation(by, situation), "Only its author can share it.")
    if with_user is not None and not perms.supports(with_user, situation.owner):
        raise DomainError(
            "Share it only with your coach or mentor of an ongoing relationship.",
            field="shared_with",
        )
    situation.shared_with = with_user
    situation.updated_at = now
    situation.save(update_fields=["shared_with", "updated_at"])
    if with_user is not None:
        notify_person(
            to=with_user,
            kind="growth.situation_shared",
            context={"owner": situation.owner, "title": situation.title},
            url=reverse("growth:situation", args=[situation.pk]),
            now=now,
        )
    return situation
