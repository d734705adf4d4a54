"""Named personas for tests, so permission tests read like a story.

Maya (mentee) and Marco (mentor) are enrolled in the "Grow" mentoring program that
Priya manages; Chloe coaches in the "Lead" coaching program; Olga runs the
organization; Uma is an unrelated colleague; an anonymous visitor has no account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from django.contrib.auth.models import AnonymousUser

from mentora.accounts.models import User
from mentora.people.models import Level, Profile
from mentora.people.services import profile_set_availability, profile_update
from mentora.programs.models import Enrollment, Program

PASSWORD = "correct-horse-battery-staple"


@dataclass
class Personas:
    mentee: User
    mentor: User
    coach: User
    manager: User
    admin: User
    unrelated: User
    anonymous: Any
    program: Program
    coaching: Program

    def all(self) -> dict[str, Any]:
        return {
            "mentee": self.mentee,
            "mentor": self.mentor,
            "coach": self.coach,
            "manager": self.manager,
            "admin": self.admin,
            "unrelated": self.unrelated,
            "anonymous": self.anonymous,
        }


def make_user(email: str, full_name: str, **profile: Any) -> User:
    """A user with a profile; profile fields given as keyword arguments."""
    user = User.objects.create_user(email=email, password=PASSWORD, full_name=full_name)
    skills_offered = profile.pop("skills_offered", None)
    skills_wanted = profile.pop("skills_wanted", None)
    languages = profile.pop("languages", ["English"])
    is_org_admin = profile.pop("is_org_admin", False)
    if is_org_admin:
        user.is_org_admin = True
        user.save(update_fields=["is_org_admin"])
    prof, _ = Profile.objects.get_or_create(user=user)
    profile_update(
        profile=prof,
        by=user,
        data=profile,
        skills_offered=skills_offered,
        skills_wanted=skills_wanted,
        languages=languages,
    )
    return user


def make_personas() -> Personas:
    admin = make_user(
        "olga.admin@example.com",
        "Olga Admin",
        is_org_admin=True,
        job_title="HR Director",
        department="People",
        level=Level.DIRECTOR,
        years_experience=18,
    )
    manager = make_user(
        "priya.manager@example.com",
        "Priya Manager",
        job_title="L&D Partner",
        department="People",
        level=Level.MANAGER,
        years_experience=11,
    )
    mentor = make_user(
        "marco.mentor@example.com",
        "Marco Mentor",
        job_title="Marketing Manager",
        department="Marketing",
        level=Level.MANAGER,
        years_experience=14,
        current_role="Marketing Manager",
        offers_mentoring=True,
        experience_summary="Led brand and growth marketing teams for ten years.",
        skills_offered=["Negotiation", "Brand strategy", "Public speaking"],
        timezone="Europe/Paris",
    )
    profile_set_availability(
        profile=mentor.profile, by=mentor, windows=[(1, time(9), time(12)), (3, time(14), time(17))]
    )
    coach = make_user(
        "chloe.coach@example.com",
        "Chloe Coach",
        job_title="Executive Coach",
        department="People",
        level=Level.SENIOR,
        years_experience=20,
        offers_coaching=True,
        coach_credentials="ICF PCC",
        coaching_focus="Leadership transitions",
        skills_offered=["Leadership", "Feedback"],
    )
    mentee = make_user(
        "maya.mentee@example.com",
        "Maya Mentee",
        job_title="Marketing Associate",
        department="Sales",
        level=Level.ASSOCIATE,
        years_experience=2,
        target_role="Marketing Manager",
        skills_wanted=["Negotiation"],
    )
    unrelated = make_user(
        "uma.unrelated@example.com",
        "Uma Unrelated",
        job_title="Accountant",
        department="Finance",
        level=Level.MID,
        years_experience=6,
    )
    program = Program.objects.create(
        name="Grow",
        slug="grow",
        kind=Program.Kind.MENTORING,
        status=Program.Status.OPEN,
        description="Year-round 1:1 mentoring open to every level.",
        mentor_capacity=3,
    )
    program.managers.set([manager])
    coaching = Program.objects.create(
        name="Lead",
        slug="lead",
        kind=Program.Kind.COACHING,
        status=Program.Status.OPEN,
        description="Coaching for new people leaders.",
        mentor_capacity=4,
    )
    coaching.managers.set([admin])
    Enrollment.objects.create(
        program=program, user=mentor, role=Enrollment.Role.MENTOR, status=Enrollment.Status.APPROVED
    )
    Enrollment.objects.create(
        program=program, user=mentee, role=Enrollment.Role.MENTEE, status=Enrollment.Status.APPROVED
    )
    Enrollment.objects.create(
        program=coaching, user=coach, role=Enrollment.Role.MENTOR, status=Enrollment.Status.APPROVED
    )
    return Personas(
        mentee=mentee,
        mentor=mentor,
        coach=coach,
        manager=manager,
        admin=admin,
        unrelated=unrelated,
        anonymous=AnonymousUser(),
        program=program,
        coaching=coaching,
    )
