"""A small program to match: the personas plus a few more mentees and mentors."""

from __future__ import annotations

from mentora.programs.models import Enrollment
from mentora.testing import make_user


def enroll(program, user, role, **kw):
    return Enrollment.objects.create(
        program=program, user=user, role=role, status=Enrollment.Status.APPROVED, **kw
    )


def grow_cohort(personas, *, mentees: int = 4, mentors: int = 2, start: int = 0):
    """Adds mentees and mentors to Grow; returns (mentees, mentors) including the personas."""
    extra_mentees = [personas.mentee]
    extra_mentors = [personas.mentor]
    for k in range(start, start + mentees - 1):
        user = make_user(
            f"mentee{k}@example.com",
            f"Mentee {k}",
            department="Sales" if k % 2 else "Engineering",
            years_experience=1 + k,
            target_role="Marketing Manager" if k % 2 else "Engineering Manager",
            skills_wanted=["Negotiation"] if k % 2 else ["Leadership"],
        )
        enroll(personas.program, user, Enrollment.Role.MENTEE)
        extra_mentees.append(user)
    for k in range(start, start + mentors - 1):
        user = make_user(
            f"mentor{k}@example.com",
            f"Mentor {k}",
            department="Engineering",
            years_experience=15,
            current_role="Engineering Manager",
            offers_mentoring=True,
            skills_offered=["Leadership"],
        )
        enroll(personas.program, user, Enrollment.Role.MENTOR, capacity=1)
        extra_mentors.append(user)
    return extra_mentees, extra_mentors
