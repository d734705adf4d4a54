"""The demo's job titles mapped to O*NET occupations, and the step that loads the shipped data.

A person in a real organization confirms the occupation their job title maps to ("did you
mean"); the made-up demo people have theirs chosen here, by hand, so the career pages have
content from the first sign-in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mentora.accounts.models import User
from mentora.careers.loading.sources import Progress
from mentora.careers.models import Occupation
from mentora.careers.services import careerdata_load_shipped
from mentora.growth.models import CareerRole
from mentora.people.models import Profile

PAST_ROLES_KEPT = 10  # as many as a person may list (mentora.growth.services.MAX_PAST_ROLES)
# A title's seniority words say how far along someone is, not which occupation they are in.
SENIORITY = re.compile(
    r"^(?:(?:junior|senior|lead|principal|staff|graduate|strategic|enterprise|regional|"
    r"deputy)\s+)+|\s+(?:i|ii|iii)$",
    re.IGNORECASE,
)

# Base job title (seniority removed) → O*NET-SOC code of the O*NET 29.3 occupation.
OCCUPATIONS: dict[str, str] = {
    # Engineering
    "Software Engineer": "15-1252.00",  # Software Developers
    "Frontend Engineer": "15-1254.00",  # Web Developers
    "Site Reliability Engineer": "15-1244.00",  # Network and Computer Systems Administrators
    "Systems Administrator": "15-1244.00",
    "QA Engineer": "15-1253.00",  # Software Quality Assurance Analysts and Testers
    "QA Analyst": "15-1253.00",
    "Security Engineer": "15-1299.05",  # Information Security Engineers
    "Data Engineer": "15-1243.00",  # Database Architects
    "Engineering Manager": "11-3021.00",  # Computer and Information Systems Managers
    "SRE Manager": "11-3021.00",
    "QA Manager": "11-3021.00",
    "Director of Engineering": "11-3021.00",
    "VP of Engineering": "11-3021.00",
    "IT Specialist": "15-1232.00",  # Computer User Support Specialists
    "IT Support Technician": "15-1232.00",
    "Support Engineer": "15-1232.00",
    "Support Manager": "43-1011.00",  # First-Line Supervisors of Office and Admin. Support
    "Solutions Engineer": "41-9031.00",  # Sales Engineers
    "Associate Solutions Engineer": "41-9031.00",
    "Solutions Engineering Manager": "11-2022.00",  # Sales Managers
    # Product
    "Product Manager": "11-2021.00",  # Marketing Managers (O*NET lists Product Manager there)
    "Associate Product Manager": "11-2021.00",
    "Group Product Manager": "11-2021.00",
    "Director of Product": "11-2021.00",
    "VP of Product": "11-2021.00",
    "Technical Program Manager": "15-1299.09",  # Information Technology Project Managers
    "Head of Program Management": "15-1299.09",
    "Program Coordinator": "13-1082.00",  # Project Management Specialists
    # Design and research
    "Product Designer": "15-1255.00",  # Web and Digital Interface Designers
    "UX Researcher": "15-1255.00",
    "Research Manager": "15-1255.00",
    "Research Assistant": "19-4061.00",  # Social Science Research Assistants
    "Design Manager": "27-1011.00",  # Art Directors
    "Design Director": "27-1011.00",
    "VP of Design": "27-1011.00",
    # Data
    "Data Analyst": "15-2051.01",  # Business Intelligence Analysts
    "Data Scientist": "15-2051.00",  # Data Scientists
    "Analytics Manager": "11-3021.00",
    "Data Science Manager": "11-3021.00",
    "Director of Data": "11-3021.00",
    "VP of Data": "11-3021.00",
    # Marketing
    "Marketing Manager": "11-2021.00",
    "Growth Marketing Manager": "11-2021.00",
    "Product Marketing Manager": "11-2021.00",
    "Head of Product Marketing": "11-2021.00",
    "Director of Marketing": "11-2021.00",
    "VP of Marketing": "11-2021.00",
    "Marketing Specialist": "13-1161.00",  # Market Research Analysts and Marketing Specialists
    "Marketing Associate": "13-1161.00",
    "Marketing Coordinator": "13-1161.00",
    "Marketing Strategist": "13-1161.00",
    "Growth Marketer": "13-1161.00",
    "Growth Marketing Specialist": "13-1161.00",
    "Growth Marketing Coordinator": "13-1161.00",
    "Product Marketing Associate": "13-1161.00",
    # Sales and revenue
    "Account Executive": "41-3091.00",  # Sales Representatives of Services
    "Sales Representative": "41-3091.00",
    "Sales Development Representative": "41-3091.00",
    "Sales Manager": "11-2022.00",
    "Sales Director": "11-2022.00",
    "VP of Sales": "11-2022.00",
    "Sales Operations Analyst": "13-1111.00",  # Management Analysts
    "Sales Operations Coordinator": "13-1111.00",
    "Revenue Operations Analyst": "13-1111.00",
    "Revenue Operations Manager": "11-1021.00",  # General and Operations Managers
    # Customer success
    "Customer Success Manager": "43-1011.00",
    "Customer Success Team Lead": "43-1011.00",
    "Customer Success Associate": "43-4051.00",  # Customer Service Representatives
    "Customer Support Specialist": "43-4051.00",
    "Director of Customer Success": "11-1021.00",
    "VP of Customer Success": "11-1021.00",
    # Finance and legal
    "Accountant": "13-2011.00",  # Accountants and Auditors
    "FP&A Analyst": "13-2051.00",  # Financial and Investment Analysts
    "FP&A Associate": "13-2051.00",
    "Financial Analyst": "13-2051.00",
    "FP&A Manager": "11-3031.00",  # Financial Managers
    "Finance Manager": "11-3031.00",
    "Finance Director": "11-3031.00",
    "Compliance Analyst": "13-1041.00",  # Compliance Officers
    "General Counsel": "23-1011.00",  # Lawyers
    "Legal Counsel": "23-1011.00",
    "Counsel": "23-1011.00",
    "Legal Manager": "23-1011.00",
    "Paralegal": "23-2011.00",  # Paralegals and Legal Assistants
    # People
    "People Partner": "13-1071.00",  # Human Resources Specialists
    "Recruiter": "13-1071.00",
    "Recruiting Coordinator": "13-1071.00",
    "People Coordinator": "13-1071.00",
    "People Partner Manager": "11-3121.00",  # Human Resources Managers
    "Director of People": "11-3121.00",
    "VP of People": "11-3121.00",
    "L&D Specialist": "13-1151.00",  # Training and Development Specialists
    "L&D Coordinator": "13-1151.00",
    "Leadership Coach": "13-1151.00",
    "Learning & Development Manager": "11-3131.00",  # Training and Development Managers
    # Operations and leadership
    "Operations Manager": "11-1021.00",
    "Director of Operations": "11-1021.00",
    "Chief Operating Officer": "11-1021.00",
    "Operations Analyst": "13-1111.00",
    "Operations Associate": "13-1111.00",
    "Business Operations Analyst": "13-1111.00",
    "Strategy Manager": "13-1111.00",
    "Strategy & Operations": "13-1111.00",
    "Chief Executive Officer": "11-1011.00",  # Chief Executives
    "Chief Financial Officer": "11-1011.00",
}


def occupation_for(title: str) -> str | None:
    """The O*NET-SOC code of a demo job title, or None for a title the demo does not use."""
    title = title.strip()
    if title in OCCUPATIONS:
        return OCCUPATIONS[title]
    base = SENIORITY.sub("", title).strip()
    while base != title:
        title, base = base, SENIORITY.sub("", base).strip()
    return OCCUPATIONS.get(base)


@dataclass(frozen=True)
class CareersSummary:
    """What the career step of the demo did."""

    loaded: bool  # False when career data was already in the database (left as it was)
    targets: int  # people whose target role maps to a loaded occupation
    roles: int  # current and past occupations recorded


def careers_build(*, progress: Progress | None = None) -> CareersSummary:
    """Load the shipped O*NET and BLS subset (unless career data is loaded already) and give
    every demo person the occupations of their job title, target role and past roles."""
    from mentora.demo.organization import generate_organization

    report = careerdata_load_shipped(progress=progress)
    known = set(Occupation.objects.values_list("code", flat=True))
    titles = dict(Occupation.objects.values_list("code", "title"))
    people = generate_organization()
    users = dict(
        User.objects.filter(email__in=[p.email for p in people]).values_list("email", "pk")
    )
    profiles = {
        pr.user_id: pr
        for pr in Profile.objects.filter(user_id__in=users.values()).only(
            "pk", "user_id", "target_occupation_code"
        )
    }
    targets: list[Profile] = []
    roles: list[CareerRole] = []
    for person in people:
        user_id = users.get(person.email)
        if user_id is None:
            continue
        target = occupation_for(person.target_role) if person.target_role else None
        if target in known:
            profile = profiles[user_id]
            profile.target_occupation_code = target
            targets.append(profile)
        current = occupation_for(person.job_title)
        if current in known:
            roles.append(CareerRole(user_id=user_id, kind=CareerRole.Kind.CURRENT,
                                    occupation_code=current, title=titles[current]))
        past: list[str] = []
        for title in person.past_roles.splitlines():
            code = occupation_for(title)
            if code in known and code != current and code not in past:
                past.append(code)
        roles += [
            CareerRole(user_id=user_id, kind=CareerRole.Kind.PAST, occupation_code=code,
                       title=titles[code], position=position)
            for position, code in enumerate(past[:PAST_ROLES_KEPT])
        ]
    Profile.objects.bulk_update(targets, ["target_occupation_code"])
    CareerRole.objects.filter(user_id__in=users.values()).delete()
    CareerRole.objects.bulk_create(roles)
    return CareersSummary(loaded=bool(report.loaded), targets=len(targets), roles=len(roles))
