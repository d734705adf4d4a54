"""Relationship health: cadence adherence, overdue actions and silence → green/amber/red."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery

from mentora.relationships.models import ActionItem, Meeting, Relationship

CADENCE_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 30}
LEVELS = ["green", "amber", "red"]
# Words for each level, so the badge never relies on colour alone.
LABELS = {"green": "On track", "amber": "Needs attention", "red": "At risk"}


def stalled_days() -> int:
    """Days without activity after which a relationship counts as stalled (default 21)."""
    return int(getattr(settings, "MENTORA_STALLED_DAYS", 21))


def stuck_days() -> int:
    """Days in Requested or Accepted after which a pair counts as stuck (default 7)."""
    return int(getattr(settings, "MENTORA_STUCK_DAYS", 7))


def waiting_since(relationship: Relationship) -> datetime | None:
    """When a pair that has not started began waiting: asked (Requested) or agreed (Accepted)."""
    if relationship.status == Relationship.Status.REQUESTED:
        return relationship.requested_at
    if relationship.status == Relationship.Status.ACCEPTED:
        return relationship.accepted_at or relationship.requested_at
    return None


@dataclass
class Health:
    """A relationship's health level and the reasons for it, in words."""

    level: str = "green"
    reasons: list[str] = field(default_factory=list)
    days_silent: int = 0
    stalled: bool = False
    graded: bool = False  # only active relationships are graded
    # Active, but the first meeting is not due yet and none was held: nothing to grade.
    not_started: bool = False

    @property
    def label(self) -> str:
        """The level in words ("Stalled" when it is, stuck requests too; else "Not graded"
        unless active)."""
        if self.stalled:
            return "Stalled"
        if self.not_started:
            return "Not started yet"
        if not self.graded:
            return "Not graded"
        return LABELS[self.level]

    def as_dict(self) -> dict[str, Any]:
        """Plain values for the API."""
        return asdict(self) | {"label": self.label}

    def flag(self, level: str, reason: str) -> None:
        if LEVELS.index(level) > LEVELS.index(self.level):
            self.level = level
        self.reasons.append(reason)


def _count(queryset: QuerySet[Any]) -> Subquery:
    return Subquery(
        queryset.order_by().values("relationship").annotate(n=Count("pk")).values("n"),
        output_field=IntegerField(),
    )


def with_health_data(queryset: QuerySet[Relationship], *, now: datetime) -> QuerySet[Relationship]:
    """Annotate what health needs (meetings held, overdue actions, last meeting) in one query."""
    held = Meeting.objects.filter(
        relationship=OuterRef("pk"), status=Meeting.Status.SCHEDULED, starts_at__lt=now
    )
    overdue = ActionItem.objects.filter(
        relationship=OuterRef("pk"), status=ActionItem.Status.OPEN, due_on__lt=now.date()
    )
    last_meeting = Subquery(
        held.order_by().values("relationship").annotate(m=Max("starts_at")).values("m")
    )
    return queryset.annotate(
        held_count=_count(held.filter(Q(starts_at__gte=OuterRef("started_at")))),
        overdue_count=_count(overdue),
        last_meeting_at=last_meeting,
    )


def health_of(relationship: Relationship, *, now: datetime) -> Health:
    """Health of a relationship annotated by `with_health_data` (or loaded one by one)."""
    if not hasattr(relationship, "held_count"):
        relationship = with_health_data(Relationship.objects.filter(pk=relationship.pk), now=now)[0]
    health = Health()
    last = max(filter(None, [relationship.last_activity_at, relationship.last_meeting_at]))  # type: ignore[attr-defined]
    health.days_silent = max((now - last).days, 0)
    since = waiting_since(relationship)
    if since is not None and (now - since).days >= stuck_days():
        # Stuck before it started: flagged with the stalled pairs, not "Not graded".
        days = (now - since).days
        health.days_silent, health.stalled, health.level = days, True, "red"
        if relationship.status == Relationship.Status.REQUESTED:
            health.reasons = [f"Requested {days} days ago; {relationship.mentor} has not answered."]
        else:
            health.reasons = [
                f"Accepted {days} days ago; {relationship.mentee} and {relationship.mentor} "
                "have not started."
            ]
        return health
    if relationship.status != Relationship.Status.ACTIVE:
        health.reasons.append("Only active relationships are graded.")
        return health
    health.graded = True
    limit = stalled_days()
    if health.days_silent >= limit:
        health.stalled = True
        health.flag("red", f"No activity for {health.days_silent} days.")
    elif health.days_silent >= limit // 2:
        health.flag("amber", f"No activity for {health.days_silent} days.")
    agreement = getattr(relationship, "agreement", None)
    cadence = agreement.cadence if agreement else relationship.program.default_cadence
    started = relationship.started_at or relationship.accepted_at or relationship.requested_at
    expected = (now - started).days // CADENCE_DAYS.get(cadence, 14)
    held = relationship.held_count or 0  # type: ignore[attr-defined]
    if expected >= 1:
        share = held / expected
        text = f"Held {held} of {expected} agreed meetings."
        if share < 0.5:
            health.flag("red", text)
        elif share < 0.8:
            health.flag("amber", text)
    overdue = relationship.overdue_count or 0  # type: ignore[attr-defined]
    if overdue:
        health.flag(
            "red" if overdue >= 3 else "amber",
            f"{overdue} overdue action item{'s' if overdue != 1 else ''}.",
        )
    if held == 0 and expected < 1 and not health.reasons:
        # "On track" with no meeting held says nothing: the first one is not due yet.
        return Health(
            days_silent=health.days_silent,
            not_started=True,
            reasons=["No meeting held yet; the first one is not due yet."],
        )
    if not health.reasons:
        health.reasons.append("Meeting as agreed, nothing overdue.")
    return health


def wrap_up_reason(relationship: Relationship, *, held: int, today: date) -> str:
    """Why an ongoing relationship should be closed now (past its end date, or every agreed
    coaching session held), or "" when it should not."""
    if relationship.status not in (Relationship.Status.ACTIVE, Relationship.Status.PAUSED):
        return ""
    if relationship.ends_on and relationship.ends_on < today:
        return (
            f"The agreed end date ({relationship.ends_on:%-d %b %Y}) has passed: complete "
            "the relationship, or agree a new date."
        )
    if relationship.sessions_planned and held >= relationship.sessions_planned:
        return (
            f"All {relationship.sessions_planned} agreed sessions are held: complete the "
            "engagement, or agree more sessions."
        )
    return ""
