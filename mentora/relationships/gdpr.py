"""Relationships' rules for a person's data (collected by mentora.accounts.gdpr; docs/gdpr.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from mentora.lib.data_rules import EXCLUDE, INCLUDE, DataRules, data_rules_register
from mentora.relationships import permissions
from mentora.relationships.models import Relationship
from mentora.relationships.services import lifecycle


def _member_relationships(user: Any) -> QuerySet[Relationship]:
    return Relationship.objects.filter(Q(mentee=user) | Q(mentor=user))


def _end_relationships(user: Any) -> int:
    """End the person's live relationships through the usual services (partners are told)."""
    reason = "A participant's account was erased at their request."
    ended = 0
    live = Relationship.objects.live().filter(Q(mentee=user) | Q(mentor=user))
    for relationship in live.select_related("program").order_by("pk"):
        if relationship.status == Relationship.Status.REQUESTED:
            if relationship.mentor_id == user.pk:
                lifecycle.relationship_decline(relationship=relationship, by=user, reason=reason)
            else:  # a mentee cannot decline their own request; it lapses instead
                lifecycle.relationship_expire(relationship=relationship)
        else:
            lifecycle.relationship_end_early(relationship=relationship, by=user, reason=reason)
        ended += 1
    return ended


def _past_retention(cutoff: datetime) -> QuerySet[Relationship]:
    return Relationship.objects.filter(status__in=Relationship.CLOSED, ended_at__lt=cutoff)


RULES = data_rules_register(
    DataRules(
        app="relationships",
        export_rules={
            # Relationships one is a member of; content comes through relationship_content.
            "relationships.Relationship.mentee": INCLUDE,
            "relationships.Relationship.mentor": INCLUDE,
            "relationships.Relationship.requested_by": EXCLUDE,  # a manager pairing others
            "relationships.RelationshipEvent.by": EXCLUDE,  # a manager's actions on others' pairs
            "relationships.AgreementVersion.changed_by": EXCLUDE,  # via relationship_content
            "relationships.RematchRequest.mentee": INCLUDE,
            "relationships.RematchRequest.resolved_by": EXCLUDE,  # a manager handling others
            "relationships.ActionItem.owner": INCLUDE,
            "relationships.ActionItem.created_by": INCLUDE,
            # Private notes: the author's own, and only for the author (see gdpr_export).
            "relationships.PrivateNote.author": INCLUDE,
            "relationships.Meeting.organiser": INCLUDE,
            "relationships.MeetingSeries.organiser": INCLUDE,
            "relationships.MeetingProposal.proposed_by": INCLUDE,
            "relationships.AgendaItem.added_by": INCLUDE,
        },
        # What both members may read (permissions.can_view_content).
        relationship_content={
            "relationships.Agreement": "relationship",
            "relationships.AgreementVersion": "agreement__relationship",
            "relationships.RelationshipEvent": "relationship",
            "relationships.MeetingSeries": "relationship",
            "relationships.Meeting": "relationship",
            "relationships.MeetingProposal": "relationship",
            "relationships.ProposedSlot": "proposal__relationship",
            "relationships.AgendaItem": "meeting__relationship",
            "relationships.SharedNote": "meeting__relationship",
            "relationships.ActionItem": "relationship",
            "relationships.CheckIn": "relationship",
            "relationships.Reflection": "relationship",
        },
        content_hidden={"relationships.RelationshipEvent": permissions.events_hidden_from_mentor},
        author_only=frozenset({"relationships.PrivateNote"}),
        member_relationships=_member_relationships,
        erase_steps={"ended_relationships": _end_relationships},
        erase_delete=["relationships.PrivateNote.author"],
        retention_expired=_past_retention,
        # Content deleted, and text cleared, for relationships past retention. Dates,
        # statuses, counts and check-in confidence scores stay: statistics keep working.
        purge_delete={
            "relationships.PrivateNote": "meeting__relationship",
            "relationships.SharedNote": "meeting__relationship",
            "relationships.AgendaItem": "meeting__relationship",
            "relationships.Reflection": "relationship",
            "relationships.AgreementVersion": "agreement__relationship",
        },
        purge_blank={
            "relationships.CheckIn": (
                "relationship",
                {"progress": "", "blockers": "", "next_step": ""},
            ),
            "relationships.ActionItem": ("relationship", {"text": ""}),
            "relationships.Meeting": ("relationship", {"location": ""}),
            "relationships.RelationshipEvent": ("relationship", {"reason": ""}),
            "relationships.Agreement": (
                "relationship",
                {
                    "goals": [],
                    "channel": "",
                    "confidentiality": "",
                    "mentee_commitments": "",
                    "mentor_commitments": "",
                    "feedback": "",
                },
            ),
            "relationships.Relationship": ("", {"message": "", "end_reason": ""}),
        },
    )
)
