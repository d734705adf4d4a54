"""A mentoring relationship or coaching engagement, and the log of everything it went through."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class RelationshipQuerySet(models.QuerySet["Relationship"]):
    def live(self) -> RelationshipQuerySet:
        return self.filter(status__in=Relationship.LIVE)

    def active(self) -> RelationshipQuerySet:
        return self.filter(status=Relationship.Status.ACTIVE)

    def holding_place(self) -> RelationshipQuerySet:
        """Relationships that use one of the mentor's places (accepted, active or paused)."""
        return self.filter(status__in=Relationship.HOLDING_PLACE)

    def for_member(self, user: Any) -> RelationshipQuerySet:
        return self.filter(Q(mentee=user) | Q(mentor=user))


class Relationship(models.Model):
    """A mentee and a mentor (or coachee and coach) working together in a program."""

    class Kind(models.TextChoices):
        MENTORING = "mentoring", "Mentoring"
        COACHING = "coaching", "Coaching"

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        COMPLETED = "completed", "Completed"
        ENDED_EARLY = "ended_early", "Ended early"

    LIVE = [Status.REQUESTED, Status.ACCEPTED, Status.ACTIVE, Status.PAUSED]
    HOLDING_PLACE = [Status.ACCEPTED, Status.ACTIVE, Status.PAUSED]
    CLOSED = [Status.DECLINED, Status.EXPIRED, Status.COMPLETED, Status.ENDED_EARLY]

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="relationships"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentee_relationships"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_relationships"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MENTORING)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    sessions_planned = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Coaching: the number of sessions agreed."
    )
    ends_on = models.DateField(null=True, blank=True, help_text="Mentoring: the agreed end date.")
    message = models.TextField(blank=True, help_text="Why the request was made.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee"],
                condition=Q(status__in=["requested", "accepted", "active", "paused"]),
                name="relationship_one_live_per_mentee_program",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=models.F("mentor")), name="relationship_two_people"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} with {self.mentor} ({self.program})"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    def member_role(self, user: Any) -> str | None:
        """'mentee', 'mentor' or None for the given user."""
        if getattr(user, "pk", None) == self.mentee_id:
            return "mentee"
        if getattr(user, "pk", None) == self.mentor_id:
            return "mentor"
        return None

    def other_member(self, user: Any) -> Any:
        return self.mentor if user.pk == self.mentee_id else self.mentee


EVENT_LABELS = {
    "withdraw": "Withdrawn",
    "request": "Requested",
    "accept": "Accepted",
    "decline": "Declined",
    "expire": "Expired",
    "start": "Started",
    "pause": "Paused",
    "resume": "Resumed",
    "complete": "Completed",
    "end_early": "Ended early",
    "agreement_changed": "Agreement changed",
    "agreement_signed": "Agreement signed",
    "meeting_scheduled": "Meeting scheduled",
    "meetings_scheduled": "Meetings scheduled",
    "meeting_rescheduled": "Meeting moved",
    "meeting_cancelled": "Meeting cancelled",
    "times_proposed": "Meeting times proposed",
    "agenda_added": "Agenda item added",
    "note_added": "Shared note added",
    "action_added": "Action added",
    "action_done": "Action done",
    "action_reopened": "Action reopened",
    "check_in": "Checked in",
    "nudged": "Nudged by the program manager",
    "reflection": "Final reflection written",
    "rematch_requested": "Asked to be rematched",
    "rematch_handled": "Rematch request handled",
}


class RelationshipEvent(models.Model):
    """One entry of a relationship's log: who did what, when and why."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def label(self) -> str:
        return EVENT_LABELS.get(self.action, self.action.replace("_", " ").capitalize())
