"""Notifications' rules for a person's data (collected by mentora.accounts.gdpr)."""

from __future__ import annotations

from mentora.lib.data_rules import EXCLUDE, INCLUDE, DataRules, data_rules_register

RULES = data_rules_register(
    DataRules(
        app="notifications",
        export_rules={
            "notifications.OutboxMessage.recipient": INCLUDE,
            "notifications.ChatSettings.updated_by": EXCLUDE,  # organization configuration
        },
        erase_delete=[
            "notifications.CalendarFeed.user",
            "notifications.NotificationPreference.user",
            "notifications.OutboxMessage.recipient",
        ],
    )
)
