"""The audit trail's rules for a person's data (collected by mentora.accounts.gdpr)."""

from __future__ import annotations

from mentora.lib.data_rules import INCLUDE, DataRules, data_rules_register

RULES = data_rules_register(
    DataRules(app="audit", export_rules={"audit.AuditEntry.actor": INCLUDE})
)
