"""Growth: occupations people hold, skill assessments, development plans, introductions,
feedback and challenging situations.

Occupations and skills are referred to by their official O*NET codes (with the name as it was
when chosen), never by foreign key: a career-data reload may drop an occupation or a skill, and
a person's plan and history must survive that (docs/careers.md, "Codes as keys").
Who may see each of these rows is decided in ``mentora.growth.permissions``.
"""

# One module per sub-domain; every model is importable from here, as before the split, so
# migrations and callers keep `mentora.growth.models.<Model>`.
from mentora.growth.models.assessments import Assessment, SkillRating
from mentora.growth.models.feedback import Feedback, FeedbackItem, FeedbackRequest
from mentora.growth.models.introductions import Introduction, IntroductionQuerySet
from mentora.growth.models.plans import Contact, DevelopmentPlan, Goal, Milestone, PlanSkill
from mentora.growth.models.roles import LEVEL_MAX, CareerRole
from mentora.growth.models.situations import Situation

__all__ = [
    "LEVEL_MAX",
    "CareerRole",
    "Assessment",
    "SkillRating",
    "DevelopmentPlan",
    "Goal",
    "Milestone",
    "PlanSkill",
    "Contact",
    "IntroductionQuerySet",
    "Introduction",
    "FeedbackRequest",
    "Feedback",
    "FeedbackItem",
    "Situation",
]
