"""Publishing a draft: a preview of what will happen, then relationships, explanations and
messages; and withdrawing a published match nobody has accepted yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse

from mentora.audit.services import audit_record
from mentora.integrations import payloads as webhook_payloads
from mentora.integrations.services import webhook_emit
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.matching.models import DraftPair, MatchExplanation, MatchRun
from mentora.matching.reasons import people_name, plural, reasons_for_match, worded
from mentora.matching.scores import score_text
from mentora.matching.services.runs import _require_manager
from mentora.notifications.links import absolute
from mentora.notifications.messages import notify, render
from mentora.programs.models import Program
from mentora.relationships.services.lifecycle import (
    relationship_accept,
    relationship_request,
    relationship_start,
    relationship_withdraw,
)

INTRO_MAX = 1000


@dataclass
class PublishReport:
    """What publishing created."""

    run: MatchRun
    created: int = 0
    mode: str = ""
    relationships: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Message:
    """One email as it will be sent."""

    to: Any
    subject: str
    body: str


@dataclass(frozen=True)
class PublishPreview:
    """What publishing a draft will do: pairs, people told, and the two messages of a pair."""

    run: MatchRun
    pairs: int
    people: int
    intro: str
    mode: str
    mentee_message: Message | None
    mentor_message: Message | None


def default_intro(program: Program) -> str:
    """The first paragraph of every match message unless the manager writes their own."""
    return (
        f"Welcome to {program.name}. We looked at what each {program.mentee_label} wants to "
        f"grow in and what each {program.mentor_label} has done, and paired people who fit."
    )


def _clean_intro(program: Program, intro: str | None) -> str:
    text = (intro if intro is not None else "").strip() or default_intro(program)
    if len(text) > INTRO_MAX:
        raise DomainError(
            f"Keep the introduction to {INTRO_MAX} characters (it has {len(text)}).",
            field="intro",
        )
    return text


def _draft_to_publish(program: Program, *, lock: bool) -> MatchRun:
    qs = MatchRun.objects.drafts().filter(program=program)
    draft = qs.first()
    if draft is None:
        raise DomainError(
            f"{program} has no draft to publish: run the matching first.", code="conflict"
        )
    if lock:
        draft = MatchRun.objects.select_for_update(no_key=True).get(pk=draft.pk)
    if draft.published_at is not None:
        raise DomainError(
            f"This draft was already published on {draft.published_at:%-d %b %Y %H:%M} UTC.",
            code="conflict",
        )
    return draft


def _contexts(program: Program, pair: DraftPair, *, intro: str,
              page: str) -> list[tuple[Any, dict[str, Any]]]:
    """The mentee's and the mentor's message context of a pair (kind ``matching.match``, each
    side in its own voice)."""
    active = program.publish_mode == Program.PublishMode.ACTIVE
    mentee_name, mentor_name = people_name(pair.mentee), people_name(pair.mentor)
    words = {"mentor_word": program.mentor_label, "mentee_word": program.mentee_label}
    out = []
    for person, other, role, voice in (
        (pair.mentee, pair.mentor, program.mentor_label, "mentee"),
        (pair.mentor, pair.mentee, program.mentee_label, "mentor"),
    ):
        reasons = reasons_for_match(worded(pair.contributions, voice=voice, mentee=mentee_name,
                                           mentor=mentor_name, **words))
        out.append((person, {
            "program": program, "recipient_name": people_name(person),
            "other": people_name(other), "role": role, "intro": intro,
            "reasons": [r.text for r in reasons], "is_mentee": voice == "mentee",
            "active": active, "page": page,
        }))
    return out


def _messages(program: Program, pair: DraftPair, *, intro: str, page: str) -> list[Message]:
    """Both messages of a pair exactly as they will be sent."""
    out = []
    for person, context in _contexts(program, pair, intro=intro, page=page):
        msg = render(kind="matching.match", to=person, context=context)
        out.append(Message(to=person, subject=msg.subject, body=msg.text))
    return out


def publish_preview(*, program: Program, by: Any, intro: str | None = None) -> PublishPreview:
    """What publishing the current draft will do, without doing it."""
    _require_manager(by, program)
    draft = _draft_to_publish(program, lock=False)
    pairs = list(draft.pairs.select_related("mentee__profile", "mentor__profile")
                 .order_by("-score", "pk"))
    text = _clean_intro(program, intro)
    people = len({p.mentee_id for p in pairs} | {p.mentor_id for p in pairs})
    sample = pairs[0] if pairs else None
    msgs = (_messages(program, sample, intro=text,
                      page=absolute(reverse("relationships:list")))
            if sample else [None, None])
    return PublishPreview(run=draft, pairs=len(pairs), people=people, intro=text,
                          mode=program.publish_mode, mentee_message=msgs[0],
                          mentor_message=msgs[1])


@transaction.atomic
def draft_publish(
    *, program: Program, by: Any, intro: str | None = None, now: datetime | None = None
) -> PublishReport:
    """Create the draft's relationships (requests, or directly active) and tell each person why.

    All or nothing: if one pair can no longer be created (someone found a mentor meanwhile,
    a mentor left or is full), nothing is published and the message names the pair. The
    program row is locked so two publishes of one program run one after the other. ``intro``
    is the first paragraph of every message (the preview shows it; empty: the default).
    """
    now = now or clock.now()
    _require_manager(by, program)
    program = Program.objects.select_for_update(no_key=True).get(pk=program.pk)
    draft = _draft_to_publish(program, lock=True)
    text = _clean_intro(program, intro)
    pairs = list(draft.pairs.select_related("mentee__profile", "mentor__profile")
                 .order_by("-score", "pk"))
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
        for person, context in _contexts(program, pair, intro=text, page=page):
            notify(
                to=person,
                kind="matching.match",
                context=context,
                dedupe_key=f"match:{draft.pk}:{rel.pk}:{person.pk}",
                now=now,
            )
        report.relationships.append(rel)
    report.created = len(report.relationships)
    draft.published_at = now
    draft.published_by = by
    draft.publish_report = {"created": report.created, "mode": report.mode, "intro": text}
    draft.save(update_fields=["published_at", "published_by", "publish_report"])
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


@transaction.atomic
def match_withdraw(
    *, relationship: Any, by: Any, reason: str = "", now: datetime | None = None
) -> Any:
    """Withdraw a published match the mentor has not accepted yet, and tell both people.

    Only a program manager (or an organization admin) of the program, only for a pair the
    program's matching made, and only while it is still a request.
    """
    now = now or clock.now()
    program = relationship.program
    _require_manager(by, program)
    if len(reason) > 500:
        raise DomainError("Keep the reason to 500 characters.", field="reason")
    explanation = MatchExplanation.objects.filter(relationship=relationship).first()
    if explanation is None or explanation.source != MatchExplanation.Source.MATCHING:
        raise DomainError(
            "Only a match published from the matching workbench can be withdrawn here.",
            field="relationship", code="conflict",
        )
    if relationship.status != type(relationship).Status.REQUESTED:
        raise DomainError(
            f"{people_name(relationship.mentor)} has already answered; this match can no longer "
            "be withdrawn. End the relationship from its page instead.",
            field="relationship", code="conflict",
        )
    rel = relationship_withdraw(relationship=relationship, by=by,
                                reason=reason.strip() or "Match withdrawn by the program.",
                                now=now)
    for person, other, is_mentee in ((rel.mentee, rel.mentor, True),
                                     (rel.mentor, rel.mentee, False)):
        context = {"program": program, "recipient_name": people_name(person),
                   "other": people_name(other), "manager_name": people_name(by),
                   "reason": reason.strip(), "is_mentee": is_mentee,
                   "mentee_plural": plural(program.mentee_label)}
        notify(to=person, kind="matching.withdrawn", context=context,
               dedupe_key=f"match-withdrawn:{rel.pk}:{person.pk}", now=now)
    audit_record(actor=by, action="matching.withdraw", target_type="programs.program",
                 target_id=program.pk, details={"relationship": rel.pk})
    return rel
