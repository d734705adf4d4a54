"""Relationship models: lifecycle, agreement, meetings and what happens between them."""

from mentora.relationships.models.agreements import Agreement, AgreementTemplate, AgreementVersion
from mentora.relationships.models.ending import Reflection, RematchRequest
from mentora.relationships.models.lifecycle import Relationship, RelationshipEvent
from mentora.relationships.models.meetings import (
    ActionItem,
    AgendaItem,
    CheckIn,
    Meeting,
    MeetingSeries,
    PrivateNote,
    SharedNote,
)
from mentora.relationships.models.proposals import MeetingProposal, ProposedSlot

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Agreement",
    "AgreementTemplate",
    "AgreementVersion",
    "CheckIn",
    "Meeting",
    "MeetingProposal",
    "MeetingSeries",
    "PrivateNote",
    "ProposedSlot",
    "Reflection",
    "Relationship",
    "RelationshipEvent",
    "RematchRequest",
    "SharedNote",
]
