"""Recommendations' rules for a person's data (collected by mentora.accounts.gdpr)."""

from __future__ import annotations

from mentora.lib.data_rules import EXCLUDE, INCLUDE, DataRules, data_rules_register

RULES = data_rules_register(
    DataRules(
        app="recommendations",
        export_rules={
            # A mentee's ranked choices are theirs; the mentor does not learn who ranked them.
            "recommendations.MentorChoice.mentee": INCLUDE,
            "recommendations.MentorChoice.mentor": EXCLUDE,
            # "Do not pair me with X" is the asker's private choice; X never sees it.
            "recommendations.DoNotPair.user": INCLUDE,
            "recommendations.DoNotPair.other": EXCLUDE,
        },
        child_content={"recommendations.RequestMessage": "choice"},
        erase_delete=["recommendations.DoNotPair.user", "recommendations.DoNotPair.other"],
    )
)
