"""Growth's rules for a person's data (collected by mentora.accounts.gdpr; docs/privacy.md,
"Growth"): the person's and their supporters' own writing."""

from __future__ import annotations

from mentora.lib.data_rules import EXCLUDE, INCLUDE, DataRules, data_rules_register

RULES = data_rules_register(
    DataRules(
        app="growth",
        export_rules={
            "growth.Assessment.subject": INCLUDE,
            "growth.Assessment.assessor": INCLUDE,
            "growth.Contact.person": EXCLUDE,  # someone else's development plan naming them
            "growth.Introduction.introducer": INCLUDE,
            "growth.Introduction.mentee": INCLUDE,
            "growth.Introduction.contact": INCLUDE,
            "growth.Introduction.declined_by": EXCLUDE,  # one of the three above already
            "growth.FeedbackRequest.requester": INCLUDE,
            "growth.FeedbackRequest.giver": INCLUDE,
            "growth.Feedback.giver": INCLUDE,
            "growth.Feedback.recipient": INCLUDE,
            "growth.Situation.owner": INCLUDE,
            "growth.Situation.shared_with": EXCLUDE,  # the owner's; sharing ends with the pair
        },
        # In order: a grandchild (a goal's milestone) after its parent.
        child_content={
            "growth.SkillRating": "assessment",
            "growth.Goal": "plan",
            "growth.Milestone": "goal",
            "growth.PlanSkill": "plan",
            "growth.Contact": "plan",
            "growth.FeedbackItem": "feedback",
        },
    )
)
