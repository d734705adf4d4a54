"""Conversations' rules for a person's data (collected by mentora.accounts.gdpr; docs/gdpr.md).

Both members read the whole conversation, so both get it in their export; erasing a person
deletes what they wrote and their read markers (docs/decisions/0091), and retention deletes
the messages with the relationship's other confidential content.
"""

from __future__ import annotations

from mentora.lib.data_rules import DataRules, data_rules_register

RULES = data_rules_register(
    DataRules(
        app="conversations",
        relationship_content={
            "conversations.Conversation": "relationship",
            "conversations.Message": "conversation__relationship",
        },
        erase_delete=["conversations.Message.author", "conversations.ConversationMember.user"],
        purge_delete={"conversations.Message": "conversation__relationship"},
    )
)
