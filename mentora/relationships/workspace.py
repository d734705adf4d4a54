"""The relationship workspace: the one next step for a relationship's state, as the reader sees it.

Pure decisions over what the page has loaded already (no queries of its own), so the page,
its tests and the API agree on what comes next (docs/decisions/0040-relationship-workspace.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.urls import reverse

from mentora.relationships.models import Relationship

S = Relationship.Status
AFTER_MEETING_DAYS = 7  # "notes and actions" is the next step for a week after a meeting
AGENDA_DAYS = 7  # an agenda is worth preparing from a week before the meeting
FEEDBACK_EVERY = 3  # after every third meeting held: time for feedback


@dataclass(frozen=True)
class NextStep:
    """One next step: a short title, a sentence, and what the primary button does.

    `key` names the step for tests and the template: answer, wait_answer, agree_goals, sign,
    wait_sign, schedule_first, prepare_agenda, after_meeting, feedback, schedule_next,
    wrap_up, resume, reflect, closed, oversee.
    """

    key: str
    title: str
    text: str
    button: str = ""
    form: str = ""  # the form the button opens in place ("schedule", "reflection", …)
    link: str = ""  # or the page it leads to ("agreement", "meeting", "confirm:complete")


def next_step(
    rel: Relationship,
    *,
    user: Any,
    now: datetime,
    agreement: Any,
    next_meeting: Any,
    next_agenda: int,
    last_held: Any,
    last_held_notes: int,
    held: int,
    wrap_up: str,
    wrote_reflection: bool,
) -> NextStep:
    """The next step for `user` (a member; anyone else gets the overseer's line)."""
    role = rel.member_role(user)
    mentor_word = rel.program.mentor_label
    if role is None:
        return NextStep("oversee", "What the pair is doing", _overseer_line(rel, held))
    other = rel.other_member(user)
    if rel.status == S.REQUESTED:
        if role == "mentor":
            return NextStep(
                "answer",
                "Answer the request",
                f"{other} asked you to be their {mentor_word}. Accept to agree goals together, "
                "or decline with a word of why.",
                button="Accept",
                link="post:accept",
            )
        return NextStep(
            "wait_answer",
            f"Waiting for {other} to answer",
            f"We let you know by email as soon as {other} accepts or declines.",
        )
    if rel.status == S.ACCEPTED:
        if agreement is None or not agreement.goals:
            return NextStep(
                "agree_goals",
                "Sign the agreement",
                f"Agree your goals with {other} first: write them in the agreement, then both of "
                "you sign it.",
                button="Write the goals",
                link="agreement_edit",
            )
        if getattr(agreement, f"{role}_signed_at", None):
            return NextStep(
                "wait_sign",
                f"Waiting for {other} to sign",
                f"You signed version {agreement.version}. The relationship starts when {other} "
                "signs too.",
                button="Read the agreement",
                link="agreement",
            )
        return NextStep(
            "sign",
            "Sign the agreement",
            f"Read the goals and expectations you agreed with {other}, then sign version "
            f"{agreement.version}.",
            button="Read and sign",
            link="agreement",
        )
    if rel.status == S.PAUSED:
        return NextStep(
            "resume",
            "Paused",
            "Your agreement, notes and actions are kept. Resume when you are both ready, then "
            "schedule the next meeting.",
            button="Resume",
            link="post:resume",
        )
    if rel.is_closed:
        if rel.status in (S.COMPLETED, S.ENDED_EARLY) and not wrote_reflection:
            return NextStep(
                "reflect",
                "Wrap up and reflect",
                f"What went well, and what could have been better? {other} reads your "
                "reflection; nobody else does.",
                button="Write my reflection",
                form="reflection",
            )
        return NextStep("closed", "This relationship has ended", "Thank you for taking part.")
    # Active.
    if wrap_up:
        return NextStep(
            "wrap_up", "Wrap up and reflect", wrap_up, button="Complete", link="confirm:complete"
        )
    if held == 0 and next_meeting is None:
        return NextStep(
            "schedule_first",
            "Schedule the first meeting",
            f"Pick a time that suits you and {other}; both of you get a calendar invitation.",
            button="Schedule the first meeting",
            form="schedule",
        )
    if (
        last_held is not None
        and now - _end(last_held) <= timedelta(days=AFTER_MEETING_DAYS)
        and last_held_notes == 0
    ):
        return NextStep(
            "after_meeting",
            "After the meeting: notes and actions",
            "Write down what you agreed while it is fresh: a shared note and the actions each "
            "of you takes.",
            button="Open the meeting",
            link="meeting:last",
        )
    if (
        held
        and held % FEEDBACK_EVERY == 0
        and last_held is not None
        and (now - _end(last_held) <= timedelta(days=AFTER_MEETING_DAYS * 2))
    ):
        return NextStep(
            "feedback",
            "Time for feedback",
            f"You have met {held} times. Tell {other} what works and what could be better, "
            "or ask for their view.",
            button=f"Ask {other.get_short_name()} for feedback",
            form="feedback",
        )
    if next_meeting is None:
        return NextStep(
            "schedule_next",
            "Schedule the next meeting",
            f"No meeting is planned with {other}.",
            button="Schedule a meeting",
            form="schedule",
        )
    soon = next_meeting.starts_at - now <= timedelta(days=AGENDA_DAYS)
    return NextStep(
        "prepare_agenda",
        "Prepare the agenda",
        (
            "Nothing is on the agenda yet: add what you want to talk about."
            if next_agenda == 0
            else f"{next_agenda} topic{'s' if next_agenda != 1 else ''} on the agenda so far."
        )
        + ("" if soon else " The meeting is more than a week away."),
        button="Add a topic",
        form="agenda",
    )


def step_url(step: NextStep, rel: Relationship, *, last_held: Any = None) -> str:
    """The page where the step is done, as the relationship page's button leads there ("" for
    a step with nothing to do): for the API, so a client can send the person there."""
    if step.form:
        return reverse("relationships:form", args=[rel.pk, step.form])
    if step.link in ("agreement", "agreement_edit"):
        name = "agreement" if step.link == "agreement" else "agreement_change"
        return reverse(f"relationships:{name}", args=[rel.pk])
    if step.link == "meeting:last" and last_held is not None:
        return reverse("relationships:meeting", args=[last_held.pk])
    if step.link.startswith("confirm:"):
        return reverse("relationships:confirm", args=[rel.pk, step.link.split(":", 1)[1]])
    if step.link:  # post:accept, post:resume: done from the relationship page itself
        return reverse("relationships:detail", args=[rel.pk])
    return ""


def step_as_dict(step: NextStep, rel: Relationship, *, last_held: Any = None) -> dict[str, str]:
    """The step as plain values for the API: what the relationship page leads with."""
    return {
        "key": step.key,
        "title": step.title,
        "text": step.text,
        "button": step.button,
        "url": step_url(step, rel, last_held=last_held),
    }


def _end(meeting: Any) -> datetime:
    return meeting.starts_at + timedelta(minutes=meeting.duration_minutes)  # type: ignore[no-any-return]


def _overseer_line(rel: Relationship, held: int) -> str:
    if rel.status == S.REQUESTED:
        return f"{rel.mentee} asked {rel.mentor}; the request waits for an answer."
    if rel.status == S.ACCEPTED:
        return f"{rel.mentee} and {rel.mentor} are agreeing their goals; it starts when both sign."
    if rel.is_closed:
        return f"{rel.mentee} and {rel.mentor} have finished ({rel.get_status_display().lower()})."
    meetings = f"{held} meeting{'s' if held != 1 else ''} held"
    return f"{rel.mentee} and {rel.mentor}: {meetings} so far."
