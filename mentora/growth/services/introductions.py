"""Introductions: a mentor or coach connects a mentee with someone who can help, on their own
initiative or because the mentee asked them to (ADR 0041)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from mentora.growth import permissions as perms
from mentora.growth.models import (
    Contact,
    Introduction,
)
from mentora.growth.services.common import (
    MAX_TEXT,
    clean_text,
    notify_person,
    refuse_unless,
)
from mentora.growth.services.plans import plan_get_or_create
from mentora.lib import clock
from mentora.lib.errors import DomainError


@transaction.atomic
def introduction_propose(
    *, introducer: Any, mentee: Any, contact: Any, reason: str, now: datetime | None = None
) -> Introduction:
    """A mentor or coach proposes to introduce their mentee to someone; both are asked."""
    now = now or clock.now()
    refuse_unless(
        perms.can_introduce(introducer, mentee),
        "Only the person's mentor or coach can introduce them to someone.",
    )
    _check_contact(
        contact, mentee=mentee, introducer=introducer,
        other_than="Introduce your mentee to someone other than themselves or you.",
    )
    reason = clean_text(reason, field="reason", label="Why they should meet", limit=2000)
    intro = _create(
        introducer=introducer, mentee=mentee, contact=contact, reason=reason, created_at=now
    )
    url = reverse("growth:introduction", args=[intro.pk])
    for person, other in ((mentee, contact), (contact, mentee)):
        notify_person(
            to=person,
            kind="growth.introduction_proposed",
            context={"introducer": introducer, "other": other, "reason": reason},
            url=url,
            now=now,
        )
    return intro


OPEN = (Introduction.Status.ASKED, Introduction.Status.PROPOSED)


def _check_contact(contact: Any, *, mentee: Any, introducer: Any, other_than: str) -> None:
    if contact is None or not contact.is_active:
        raise DomainError("Choose someone with an active account to meet.", field="contact")
    if contact.pk in (mentee.pk, introducer.pk):
        raise DomainError(other_than, field="contact")


def _create(**fields: Any) -> Introduction:
    """One open introduction per mentee and person: refused with a message, and the database's
    constraint catches a race."""
    mentee, contact = fields["mentee"], fields["contact"]
    if Introduction.objects.filter(mentee=mentee, contact=contact, status__in=OPEN).exists():
        raise DomainError(
            f"An introduction of {mentee} to {contact} is already under way.",
            field="contact",
            code="conflict",
        )
    try:
        with transaction.atomic():
            return Introduction.objects.create(**fields)
    except IntegrityError as exc:
        raise DomainError(
            "That introduction is already under way.", field="contact", code="conflict"
        ) from exc


@transaction.atomic
def introduction_ask(
    *, mentee: Any, introducer: Any, contact: Any, note: str, now: datetime | None = None
) -> Introduction:
    """A mentee asks their mentor or coach to introduce them to someone; the mentor is asked."""
    now = now or clock.now()
    refuse_unless(
        perms.can_introduce(introducer, mentee),
        "Ask someone who mentors or coaches you now to make the introduction.",
    )
    _check_contact(
        contact, mentee=mentee, introducer=introducer,
        other_than=f"Choose someone other than yourself or {introducer} to meet.",
    )
    note = clean_text(note, field="note", label="Why you would like to meet", limit=2000)
    intro = _create(
        introducer=introducer, mentee=mentee, contact=contact, status=Introduction.Status.ASKED,
        asked_at=now, ask_note=note, reason="", created_at=now,
    )
    notify_person(
        to=introducer,
        kind="growth.introduction_asked",
        context={"mentee": mentee, "contact": contact, "note": note},
        url=reverse("growth:introduction", args=[intro.pk]),
        now=now,
    )
    return intro


@transaction.atomic
def introduction_ask_answer(
    *,
    introduction: Introduction,
    by: Any,
    introduce: bool,
    reason: str = "",
    now: datetime | None = None,
) -> Introduction:
    """The mentor or coach answers a mentee's ask: introduce them (the other person is asked;
    the mentee said yes by asking) or say not this time (the mentee is told)."""
    now = now or clock.now()
    intro = (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("introducer", "mentee", "contact")
        .get(pk=introduction.pk)
    )
    refuse_unless(
        by.pk == intro.introducer_id and perms.can_introduce(by, intro.mentee),
        "Only the person who was asked can answer, while they mentor or coach the asker.",
    )
    if intro.status != Introduction.Status.ASKED:
        raise DomainError("This request is already answered.", code="conflict")
    url = reverse("growth:introduction", args=[intro.pk])
    if not introduce:
        intro.status, intro.declined_by, intro.closed_at = (Introduction.Status.DECLINED, by, now)
        intro.save()
        notify_person(
            to=intro.mentee,
            kind="growth.introduction_ask_declined",
            context={"introducer": by, "contact": intro.contact},
            url=url,
            now=now,
        )
        return intro
    intro.reason = clean_text(
        reason or intro.ask_note, field="reason", label="Why they should meet", limit=2000
    )
    intro.status = Introduction.Status.PROPOSED
    intro.mentee_accepted_at = intro.asked_at or now
    intro.save()
    notify_person(
        to=intro.contact,
        kind="growth.introduction_proposed",
        context={"introducer": by, "other": intro.mentee, "reason": intro.reason},
        url=url,
        now=now,
    )
    notify_person(
        to=intro.mentee,
        kind="growth.introduction_ask_introduced",
        context={"introducer": by, "contact": intro.contact},
        url=url,
        now=now,
    )
    return intro


@transaction.atomic
def introduction_answer(
    *, introduction: Introduction, by: Any, accept: bool, now: datetime | None = None
) -> Introduction:
    """One of the two people accepts or declines; when both accept, they are connected and
    the contact is added to the mentee's plan."""
    now = now or clock.now()
    intro = (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("introducer", "mentee", "contact")
        .get(pk=introduction.pk)
    )
    refuse_unless(
        perms.can_answer_introduction(by, intro),
        "Only the two people being introduced can answer.",
    )
    if intro.status != Introduction.Status.PROPOSED:
        raise DomainError(
            f"This introduction is already {intro.get_status_display().lower()}.",
            code="conflict",
        )
    url = reverse("growth:introduction", args=[intro.pk])
    if not accept:
        intro.status, intro.declined_by, intro.closed_at = (Introduction.Status.DECLINED, by, now)
        intro.save()
        notify_person(
            to=intro.introducer,
            kind="growth.introduction_declined",
            context={"by": by, "mentee": intro.mentee, "contact": intro.contact},
            url=url,
            now=now,
        )
        return intro
    if by.pk == intro.mentee_id:
        intro.mentee_accepted_at = intro.mentee_accepted_at or now
    else:
        intro.contact_accepted_at = intro.contact_accepted_at or now
    if intro.mentee_accepted_at and intro.contact_accepted_at:
        intro.status, intro.closed_at = Introduction.Status.CONNECTED, now
        plan = plan_get_or_create(owner=intro.mentee, now=now)
        Contact.objects.create(
            plan=plan,
            person=intro.contact,
            name=intro.contact.full_name,
            why=f"Introduced by {intro.introducer}: {intro.reason}"[:MAX_TEXT],
            status=Contact.Status.INTRODUCED,
            created_at=now,
        )
        for person, other in ((intro.mentee, intro.contact), (intro.contact, intro.mentee)):
            notify_person(
                to=person,
                kind="growth.introduction_connected",
                context={"introducer": intro.introducer, "other": other},
                url=url,
                now=now,
            )
        notify_person(
            to=intro.introducer,
            kind="growth.introduction_connected_introducer",
            context={"mentee": intro.mentee, "contact": intro.contact},
            url=url,
            now=now,
        )
    intro.save()
    return intro


@transaction.atomic
def introduction_withdraw(
    *, introduction: Introduction, by: Any, now: datetime | None = None
) -> Introduction:
    """The introducer withdraws an introduction nobody has completed yet; the mentee withdraws
    a request the introducer has not answered yet."""
    now = now or clock.now()
    asked = introduction.status == Introduction.Status.ASKED
    refuse_unless(
        by.pk == (introduction.mentee_id if asked else introduction.introducer_id),
        "Only the person who asked can withdraw the request."
        if asked
        else "Only the introducer can withdraw it.",
    )
    if introduction.status not in OPEN:
        raise DomainError(
            "Only an introduction still waiting for answers can be withdrawn.", code="conflict"
        )
    introduction.status, introduction.closed_at = Introduction.Status.WITHDRAWN, now
    introduction.save(update_fields=["status", "closed_at"])
    return introduction


# Feedback ------------------------------------------------------------------------------------
