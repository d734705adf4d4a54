"""Publishing a draft: relationships, explanations and messages."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.matching.models import (
    MatchExplanation,
    MatchRun,
)
from mentora.matching.scores import score_text
from mentora.matching.services.runs import _require_manager
from mentora.matching.wording import contributions_for
from mentora.programs.models import Program

log = logging.getLogger(__name__)


# ------------------------------------------------------------------------------ publish


@dataclass
class PublishReport:
    """What publishing created."""

    run: MatchRun
    created: int = 0
    mode: str = ""
    relationships: list[Any] = field(default_factory=list)


def _reasons_text(contributions: Iterable[dict[str, Any]], limit: int = 4) -> str:
    lines = [f"- {c['reason']}" for c in list(contributions)[:limit] if c["contribution"] > 0]
    return "\n".join(lines)


@transaction.atomic
def draft_publish(*, program: Program, by: Any, now: datetime | None = None) -> PublishReport:
    """Create the draft's relationships (requests, or directly active) and tell each person why.

    All or nothing: if one pair can no longer be created (someone found a mentor meanwhile,
    a mentor left or is full), nothing is published and the message names the pair. The
    program row is locked so two publishes of one program run one after the other.
    """
    from mentora.notifications.links import absolute
    from mentora.notifications.outbox import outbox_enqueue
    from mentora.relationships.services.lifecycle import (
        relationship_accept,
        relationship_request,
        relationship_start,
    )

    now = now or clock.now()
    _require_manager(by, program)
    program = Program.objects.select_for_update(no_key=True).get(pk=program.pk)
    draft = MatchRun.objects.drafts().filter(program=program).first()
    if draft is None:
        raise DomainError(
            f"{program} has no draft to publish: run the matching first.", code="conflict"
        )
    draft = MatchRun.objects.select_for_update(no_key=True).get(pk=draft.pk)
    if draft.published_at is not None:
        raise DomainError(
            f"This draft was already published on {draft.published_at:%-d %b %Y %H:%M} UTC.",
            code="conflict",
        )
    pairs = list(draft.pairs.select_related("mentee", "mentor").order_by("-score", "pk"))
    if not pairs:
        raise DomainError("The draft has no pairs to publish.", code="conflict")
    active = program.publish_mode == Program.PublishMode.ACTIVE
    report = PublishReport(run=draft, mode=program.publish_mode)
    for pair in pairs:
        try:
            rel = relationship_request(
                program=program,
                mentee=pair.mentee,
                mentor=pair.mentor,
                by=by,
                message=f"Matched by {program} (score {score_text(pair.score)}).",
                now=now,
            )
            if active:
                relationship_accept(relationship=rel, by=by, now=now)
                relationship_start(relationship=rel, by=by, now=now)
        except DomainError as exc:
            raise DomainError(
                f"Could not publish {pair.mentee} with {pair.mentor}: {exc.message} "
                "Nothing was published; run the matching again for a fresh draft.",
                field="draft",
                code="conflict",
            ) from exc
        MatchExplanation.objects.create(
            relationship=rel,
            run=draft,
            score=pair.score,
            contributions=pair.contributions,
            pinned=pair.pinned,
            created_at=now,
        )
        page = absolute(reverse("relationships:detail", args=[rel.pk]))
        reasons = {
            pair.mentee_id: _reasons_text(pair.contributions),
            pair.mentor_id: _reasons_text(
                contributions_for(
                    pair.contributions, mentor_side=True, mentee_name=pair.mentee.get_short_name()
                )
            ),
        }
        next_step = (
            "You can start working together now."
            if active
            else f"{pair.mentor} is asked to accept; you will hear when they do."
        )
        for person, other, role in (
            (pair.mentee, pair.mentor, program.mentor_label),
            (pair.mentor, pair.mentee, program.mentee_label),
        ):
            outbox_enqueue(
                to=person,
                kind="match",
                subject=f"You have been matched with {other} in {program}",
                body=(
                    f"Hello {person},\n\n{program} matched you with {other} as your {role}.\n\n"
                    f"Why we matched you:\n{reasons[person.pk]}\n\n"
                    f"{next_step if person == pair.mentee else _mentor_step(active)}\n\n"
                    f"See the details: {page}\n"
                ),
                dedupe_key=f"match:{draft.pk}:{rel.pk}:{person.pk}",
                now=now,
            )
        report.relationships.append(rel)
    report.created = len(report.relationships)
    draft.published_at = now
    draft.published_by = by
    draft.publish_report = {"created": report.created, "mode": report.mode}
    draft.save(update_fields=["published_at", "published_by", "publish_report"])
    from mentora.audit.services import audit_record
    from mentora.integrations import payloads as webhook_payloads
    from mentora.integrations.services import webhook_emit

    audit_record(
        actor=by,
        action="matching.publish",
        target_type="programs.program",
        target_id=program.pk,
        details={"run": draft.pk, "pairs": report.created, "mode": report.mode},
    )
    created = list(report.relationships)
    webhook_emit(
        event="match.published",
        payload=lambda: webhook_payloads.match_published(
            program_obj=program, relationships=created
        ),
        now=now,
    )
    return report


def _mentor_step(active: bool) -> str:
    return (
        "The relationship is active: agree your goals at the first meeting."
        if active
        else "Please accept or decline the request."
    )
