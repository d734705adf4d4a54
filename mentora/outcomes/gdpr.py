"""Outcomes' rules for a person's data (collected by mentora.accounts.gdpr): a person's survey
invitations are theirs (linked by `respondent`), with their answers."""

from __future__ import annotations

from mentora.lib.data_rules import DataRules, data_rules_register

RULES = data_rules_register(
    DataRules(app="outcomes", child_content={"outcomes.SurveyAnswer": "invitation"})
)
