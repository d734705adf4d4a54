"""Integrations' rules for a person's data (collected by mentora.accounts.gdpr)."""

from __future__ import annotations

from mentora.lib.data_rules import EXCLUDE, DataRules, data_rules_register

RULES = data_rules_register(
    DataRules(
        app="integrations",
        # Organization configuration, not the person's data.
        export_rules={"integrations.WebhookEndpoint.created_by": EXCLUDE},
    )
)
