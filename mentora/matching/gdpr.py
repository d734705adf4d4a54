"""Matching's rules for a person's data (collected by mentora.accounts.gdpr; docs/gdpr.md)."""

from __future__ import annotations

from mentora.lib.data_rules import EXCLUDE, DataRules, data_rules_register

RULES = data_rules_register(
    DataRules(
        app="matching",
        # Matching drafts and rules are program staff's working data until published.
        export_rules={
            "matching.DraftPair.mentee": EXCLUDE,
            "matching.DraftPair.mentor": EXCLUDE,
            "matching.MatchRule.mentee": EXCLUDE,
            "matching.MatchRule.mentor": EXCLUDE,
            "matching.MatchRule.created_by": EXCLUDE,
            "matching.MatchRun.started_by": EXCLUDE,
            "matching.MatchRun.published_by": EXCLUDE,
            "matching.UnmatchedMentee.mentee": EXCLUDE,
        },
    )
)
