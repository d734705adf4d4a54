"""Writes for growth, by sub-domain: roles, assessments, plans, introductions, feedback and
situations.

Every service checks who may do it with ``mentora.growth.permissions`` and refuses bad input
with a DomainError naming the field; emails go through ``notify`` in the same transaction as
the change they report. Import from here (``mentora.growth.services``) or the sub-module.
"""

from mentora.growth.services.assessments import (
    assessment_save,
)
from mentora.growth.services.common import (
    MAX_PAST_ROLES,
    MAX_TEXT,
)
from mentora.growth.services.feedback import (
    ItemFields,
    feedback_give,
    feedback_request_create,
    feedback_request_decline,
)
from mentora.growth.services.introductions import (
    introduction_answer,
    introduction_ask,
    introduction_ask_answer,
    introduction_propose,
    introduction_withdraw,
)
from mentora.growth.services.plans import (
    GoalFields,
    contact_add,
    contact_set_status,
    goal_create,
    goal_update,
    milestone_add,
    milestone_set_done,
    plan_get_or_create,
    plan_skill_remove,
    plan_skill_update,
    plan_skills_add,
)
from mentora.growth.services.roles import (
    career_roles_set,
    target_role_set,
)
from mentora.growth.services.situations import (
    SITUATION_FIELDS,
    situation_create,
    situation_share,
    situation_update,
)

__all__ = [
    "GoalFields",
    "ItemFields",
    "MAX_PAST_ROLES",
    "MAX_TEXT",
    "SITUATION_FIELDS",
    "assessment_save",
    "career_roles_set",
    "contact_add",
    "contact_set_status",
    "feedback_give",
    "feedback_request_create",
    "feedback_request_decline",
    "goal_create",
    "goal_update",
    "introduction_answer",
    "introduction_ask",
    "introduction_ask_answer",
    "introduction_propose",
    "introduction_withdraw",
    "milestone_add",
    "milestone_set_done",
    "plan_get_or_create",
    "plan_skill_remove",
    "plan_skill_update",
    "plan_skills_add",
    "situation_create",
    "situation_share",
    "situation_update",
    "target_role_set",
]
