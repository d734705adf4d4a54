"""The demo organization as plain data: people, reporting lines and profiles, from one seed.

Pure Python (no database): `generate_organization()` returns the same people every time
for the same seed, so the demo, its tests and screenshots agree.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import time

from mentora.demo import data
from mentora.demo.data import Department, Track
from mentora.people.personality import ITEMS

STYLE_AXES = ("structure", "challenge", "approach", "focus", "channel")


@dataclass
class PersonSpec:
    """One person of the demo organization, with everything their profile holds."""

    index: int
    full_name: str
    email: str
    department: str
    team: str
    track: str
    level: str
    job_title: str
    manager: int | None
    location: str
    timezone: str
    languages: list[str] = field(default_factory=list)
    years_experience: int = 0
    current_role: str = ""
    target_role: str = ""
    career_path: str = ""
    career_goals: str = ""
    experience_summary: str = ""
    past_roles: str = ""
    industries: str = ""
    skills_offered: list[str] = field(default_factory=list)
    skills_wanted: list[str] = field(default_factory=list)
    offers_mentoring: bool = False
    offers_coaching: bool = False
    coach_credentials: str = ""
    coaching_focus: str = ""
    style: dict[str, int] = field(default_factory=dict)
    importance: dict[str, str] = field(default_factory=dict)
    cadence: str = "biweekly"
    importance_cadence: str = "nice"
    meeting_format: str = "remote"
    visibility: str = "organization"
    ipip: dict[int, int] | None = None
    availability: list[tuple[int, time, time]] = field(default_factory=list)
    joined_days_ago: int = 0
    login: str = ""
    is_org_admin: bool = False


def _ascii(text: str) -> str:
    text = text.replace("ı", "i").replace("ß", "ss")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def email_for(full_name: str) -> str:
    """first.last@example.com, accents folded (“Inês Gonçalves” → ines.goncalves)."""
    first, _, last = full_name.rpartition(" ")
    return f"{_ascii(first)}.{_ascii(last)}@{data.DEMO_DOMAIN}"


def _tracks_by_title() -> dict[str, tuple[Department, Track]]:
    """Every title and track name → the department and track it belongs to."""
    found: dict[str, tuple[Department, Track]] = {}
    for department in data.DEPARTMENTS:
        for track in department.tracks:
            for title in (track.name, *track.titles, track.manager_title):
                found.setdefault(title, (department, track))
    return found


TRACK_OF = _tracks_by_title()
TRACKS = {track.name: (dep, track) for dep in data.DEPARTMENTS for track in dep.tracks}
# Target roles that name no track of ours but a neighbouring one.
TRACK_ALIASES = {
    "Security Engineer": "Site Reliability Engineer",
    "Strategy Manager": "Business Operations",
    "Marketing Manager": "Marketing",
    "Operations Manager": "Business Operations",
    "Compliance Manager": "Compliance",
    "Legal Counsel": "Legal",
}


def _origins() -> dict[str, list[str]]:
    """Track name → roles people often held before joining it from another family."""
    found: dict[str, list[str]] = {}
    for department in data.DEPARTMENTS:
        for track in department.tracks:
            for move in track.moves:
                target = track_for_role(move)
                if target and target[1].name != track.name:
                    found.setdefault(target[1].name, []).append(track.titles[2])
    return found


def in_sentence(skill: str) -> str:
    """A skill name as it reads mid-sentence: “Giving feedback” → “giving feedback”, “SQL” stays."""
    first = skill.split(" ")[0]
    if first in PROPER_WORDS or any(ch.isupper() for ch in first[1:]):
        return skill
    return skill[:1].lower() + skill[1:]


PROPER_WORDS = {
    "Python", "Django", "React", "Figma", "Kubernetes", "Terraform", "Salesforce", "Excel",
    "Airflow", "Linux", "Playwright",
}


def track_for_role(role: str) -> tuple[Department, Track] | None:
    """The department and track a role title belongs to, when we know it."""
    return TRACK_OF.get(role) or TRACK_OF.get(TRACK_ALIASES.get(role, ""))


ORIGINS = _origins()


class _Generator:
    """Builds the organization step by step from one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.people: list[PersonSpec] = []
        self.used_names = {name for _, name, _ in data.LOGINS}
        self.used_emails = {f"{local}@{data.DEMO_DOMAIN}" for _, _, local in data.LOGINS}
        self.origin: dict[int, str] = {}  # person index → role held before switching family

    # Skeleton: who reports to whom, in which team, where.

    def name_for(self, location_key: str) -> tuple[str, str]:
        pool = data.LOCATIONS[location_key].names
        if self.rng.random() < 0.15:  # people move: some names come from elsewhere
            pool = self.rng.choice(sorted(data.NAMES))
        firsts, lasts = data.NAMES[pool]
        for _ in range(50):
            name = f"{self.rng.choice(firsts)} {self.rng.choice(lasts)}"
            email = email_for(name)
            if name not in self.used_names and email not in self.used_emails:
                self.used_names.add(name)
                self.used_emails.add(email)
                return name, email
        raise RuntimeError("The name pools are too small for the demo organization.")

    def pick_location(self, department: Department, near: str | None = None) -> str:
        if near and self.rng.random() < 0.5:
            return near
        keys = list(department.locations)
        return self.rng.choices(keys, weights=[department.locations[k] for k in keys])[0]

    def add(
        self,
        *,
        department: Department,
        track: Track,
        team: str,
        level: str,
        title: str,
        manager: int | None,
        location: str,
    ) -> PersonSpec:
        place = data.LOCATIONS[location]
        full_name, email = self.name_for(location)
        person = PersonSpec(
            index=len(self.people),
            full_name=full_name,
            email=email,
            department=department.name,
            team=team,
            track=track.name,
            level=level,
            job_title=title,
            manager=manager,
            location=place.name,
            timezone=place.timezone,
        )
        person.languages = self.languages_for(location)
        low, high = data.YEARS_BY_LEVEL[level]
        person.years_experience = self.rng.randint(low, high)
        person.joined_days_ago = self.rng.randint(20, 60 + 365 * min(person.years_experience, 7))
        self.people.append(person)
        return person

    def languages_for(self, location_key: str) -> list[str]:
        languages = ["English"]
        for language, chance in data.LOCATIONS[location_key].languages:
            if self.rng.random() < chance:
                languages.append(language)
        if self.rng.random() < 0.08:
            extra = self.rng.choice(("Spanish", "French", "German", "Italian", "Japanese",
                                     "Arabic", "Polish", "Dutch"))
            if extra not in languages:
                languages.append(extra)
        return languages

    def build_department(self, department: Department, ceo: PersonSpec) -> None:
        head_location = "london" if self.rng.random() < 0.6 else self.pick_location(department)
        head = self.add(
            department=department, track=department.tracks[0], team=department.name,
            level="executive", title=department.head_title, manager=ceo.index,
            location=head_location,
        )
        directors_count = 0 if department.size < 16 else max(1, round((department.size - 1) / 35))
        rest = department.size - 1 - directors_count
        managers_count = max(1, round(rest / 7))
        directors = [
            self.add(
                department=department, track=department.tracks[0], team=department.name,
                level="director", title=department.director_title, manager=head.index,
                location=self.pick_location(department, near=head_location),
            )
            for _ in range(directors_count)
        ]
        bosses = directors or [head]
        weights = [len(department.tracks) - i for i in range(len(department.tracks))]
        managers = []
        for i in range(managers_count):
            if i < len(department.tracks):
                track = department.tracks[i]
            else:
                track = self.rng.choices(department.tracks, weights=weights)[0]
            boss = bosses[i % len(bosses)]
            managers.append(
                self.add(
                    department=department, track=track,
                    team=department.teams[i % len(department.teams)], level="manager",
                    title=track.manager_title, manager=boss.index,
                    location=self.pick_location(department, near=data_key(boss.location)),
                )
            )
        for i in range(rest - managers_count):
            boss = managers[i % len(managers)]
            track = TRACKS[boss.track][1]
            if len(department.tracks) > 1 and self.rng.random() < 0.15:
                track = self.rng.choice(department.tracks)
            level = self.rng.choices(data.IC_LEVELS, weights=data.IC_LEVEL_WEIGHTS)[0]
            self.add(
                department=department, track=track, team=boss.team, level=level,
                title=track.titles[data.IC_LEVELS.index(level)], manager=boss.index,
                location=self.pick_location(department, near=data_key(boss.location)),
            )

    def build(self) -> list[PersonSpec]:
        leadership = data.DEPARTMENTS[0]
        ceo = self.add(
            department=leadership, track=leadership.tracks[0], team="Leadership",
            level="executive", title=data.CEO_TITLE, manager=None, location="london",
        )
        ceo.department = "Leadership"
        ceo.years_experience = 26
        for department in data.DEPARTMENTS:
            self.build_department(department, ceo)
        for person in self.people:
            self.describe(person)
        place_named_logins(self.people)
        self.choose_coaches()
        for person in self.people:
            self.describe_offer(person)
        coaching_hours(self.people, random.Random(f"{self.seed}-coaching-hours"))
        return self.people

    # Profiles: titles, path, goals, skills, style, availability.

    def department_of(self, person: PersonSpec) -> Department:
        for department in data.DEPARTMENTS:
            if department.name == person.department:
                return department
        return data.DEPARTMENTS[0]

    def describe(self, person: PersonSpec) -> None:
        rng = self.rng
        department = self.department_of(person)
        track = TRACKS[person.track][1]
        person.current_role = self.current_role(person)
        person.past_roles = "\n".join(self.past_roles(person, department, track))
        industries = [rng.choice(department.industries)]
        if rng.random() < 0.35:
            industries.append(rng.choice(data.OTHER_INDUSTRIES))
        person.industries = ", ".join(dict.fromkeys(industries))
        own_skills = list(track.skills)
        offered = rng.sample(own_skills, k=min(len(own_skills), rng.randint(2, 4)))
        offered += rng.sample(data.GENERAL_SKILLS, k=rng.randint(0, 2))
        if person.level in ("manager", "director", "executive"):
            offered += rng.sample(data.LEADERSHIP_SKILLS, k=rng.randint(2, 3))
        person.skills_offered = list(dict.fromkeys(offered))
        self.set_direction(person, department, track)
        person.style = {axis: rng.choices((1, 2, 3, 4, 5), (2, 3, 3, 3, 2))[0]
                        for axis in STYLE_AXES}
        person.importance = {axis: "important" if rng.random() < 0.25 else "nice"
                             for axis in STYLE_AXES}
        person.cadence = rng.choices(("weekly", "biweekly", "monthly"), (2, 5, 3))[0]
        person.importance_cadence = "important" if rng.random() < 0.2 else "nice"
        person.meeting_format = rng.choices(("remote", "either", "in_person"), (6, 3, 1))[0]
        person.visibility = rng.choices(("organization", "programs", "hidden"), (85, 13, 2))[0]
        if rng.random() < 0.4:
            person.ipip = self.ipip_answers()
        if rng.random() < 0.75:
            person.availability = self.availability()
        if rng.random() < data.MENTOR_CHANCE[person.level]:
            person.offers_mentoring = True

    def current_role(self, person: PersonSpec) -> str:
        if person.level == "executive":
            if person.manager is None:
                return f"{person.job_title}, running the company"
            return f"{person.job_title}, leading {person.department}"
        if person.level == "director":
            return f"{person.job_title}, leading several {person.department} teams"
        if person.level == "manager":
            return f"{person.job_title}, leading the {person.team} team"
        return f"{person.job_title} on the {person.team} team"

    def past_roles(self, person: PersonSpec, department: Department, track: Track) -> list[str]:
        rng = self.rng
        if person.level in data.IC_LEVELS:
            below = list(dict.fromkeys(track.titles[: data.IC_LEVELS.index(person.level)]))
        elif person.level == "manager":
            below = [track.titles[4], track.titles[3], track.titles[2]]
        elif person.level == "director":
            below = [track.manager_title, track.titles[3]]
        else:
            below = [department.director_title, track.manager_title]
        roles = [role for role in below if role != person.job_title]
        roles = sorted(set(roles), key=roles.index)
        if person.level in data.IC_LEVELS:
            roles.reverse()  # newest first
            roles = roles[: rng.randint(1, 3)] if roles else []
        origins = ORIGINS.get(track.name)
        if origins and rng.random() < 0.2:
            origin = rng.choice(origins)  # some people came from another job family
            if origin not in roles:
                roles.append(origin)
                self.origin[person.index] = origin
        return list(dict.fromkeys(roles))

    def set_direction(self, person: PersonSpec, department: Department, track: Track) -> None:
        """Target role, career path and first-person goals, chosen by level."""
        rng = self.rng
        level = person.level
        if level == "executive":
            return
        roll = rng.random()
        kind, target = "stay", ""
        if level == "director":
            if roll < 0.6:
                kind, target = "leader", department.head_title
        elif level == "manager":
            if roll < 0.5:
                kind, target = "leader", department.director_title
            elif roll < 0.7:
                # Managers who switch family usually keep managing: PM lead, design manager.
                moved = track_for_role(rng.choice(track.moves))
                if moved and moved[1].manager_title != person.job_title:
                    kind, target = "cross", moved[1].manager_title
        else:
            position = data.IC_LEVELS.index(level)
            up = next((t for t in track.titles[position + 1:] if t != person.job_title), "")
            if level in ("entry", "associate", "mid"):
                options = [("up", up, 0.6), ("cross", rng.choice(track.moves), 0.25)]
                if level == "mid":
                    options.append(("manage", track.manager_title, 0.1))
            elif level == "senior":
                options = [("manage", track.manager_title, 0.35), ("up", up, 0.3),
                           ("cross", self.lateral(track, position), 0.2)]
            else:
                options = [("manage", track.manager_title, 0.4),
                           ("cross", self.lateral(track, position), 0.2)]
            edge = 0.0
            for option_kind, option_target, share in options:
                edge += share
                if roll < edge and option_target:
                    kind, target = option_kind, option_target
                    break
        self.set_goals(person, department, track, kind, target)

    def lateral(self, track: Track, position: int) -> str:
        """A move into another family for a senior person: usually one level down there."""
        move = self.rng.choice(track.moves)
        found = TRACK_OF.get(move)  # aliases name roles we have no ladder for: keep them
        if found is None or move == found[1].manager_title:
            return move
        return found[1].titles[position - 1]

    def set_goals(
        self, person: PersonSpec, department: Department, track: Track, kind: str, target: str
    ) -> None:
        rng = self.rng
        found = track_for_role(target)
        target_department, target_track = found if found else (department, track)
        wanted = [s for s in target_track.skills if s not in person.skills_offered]
        if kind in ("manage", "leader"):
            wanted = [s for s in data.LEADERSHIP_SKILLS if s not in person.skills_offered]
        if kind == "stay":
            wanted = [s for s in (*track.skills, *data.GENERAL_SKILLS)
                      if s not in person.skills_offered]
        picks = rng.sample(wanted, k=min(len(wanted), rng.randint(2, 3)))
        if rng.random() < 0.5:
            extra = rng.choice(data.GENERAL_SKILLS)
            if extra not in person.skills_offered:
                picks.append(extra)
        person.skills_wanted = list(dict.fromkeys(picks))
        if kind == "stay" and rng.random() < 0.5:
            return  # not everyone writes goals down
        templates = {
            "up": data.GOALS_UP, "manage": data.GOALS_MANAGE, "cross": data.GOALS_CROSS,
            "leader": data.GOALS_LEADER, "stay": data.GOALS_STAY,
        }[kind]
        wanted_words = [in_sentence(s) for s in person.skills_wanted]
        skill_a = wanted_words[0] if wanted_words else "prioritisation"
        skill_b = wanted_words[1] if len(wanted_words) > 1 else "stakeholder management"
        person.career_goals = rng.choice(templates).format(
            target=target, current=person.job_title, skill_a=skill_a, skill_b=skill_b,
            horizon=rng.choice(data.HORIZONS), team=person.team,
            project=rng.choice(department.projects),
            department=target_department.name,
        )
        if target:
            person.target_role = target
            path = [person.job_title, target]
            if kind == "manage":
                path.append(target_department.director_title)
            person.career_path = " → ".join(path)

    def ipip_answers(self) -> dict[int, int]:
        leaning = {trait: self.rng.uniform(2.0, 4.3) for trait in
                   ("extraversion", "agreeableness", "conscientiousness", "neuroticism",
                    "intellect")}
        answers = {}
        for item in ITEMS:
            mean = leaning[item.trait]
            mean = 6 - mean if item.reverse else mean
            answers[item.number] = min(5, max(1, round(self.rng.gauss(mean, 0.8))))
        return answers

    def availability(self) -> list[tuple[int, time, time]]:
        days = sorted(self.rng.sample(range(5), k=self.rng.randint(1, 3)))
        windows = []
        for day in days:
            start = self.rng.choice((8, 9, 10, 11, 13, 14, 15, 16))
            minute = self.rng.choice((0, 30))
            length = self.rng.randint(1, 3)
            end = min(start + length, 19)
            windows.append((day, time(start, minute), time(end, minute)))
        return windows

    def choose_coaches(self) -> None:
        senior = [p for p in self.people
                  if p.level in ("senior", "lead", "manager", "director") and p.login == ""]
        people_team = [p for p in senior if p.department == "People"]
        others = [p for p in senior if p.department != "People"]
        chosen = people_team[:4] + self.rng.sample(others, k=data.COACH_COUNT - 5)
        for person in chosen:
            person.offers_coaching = True

    def coach_hours(self, person: PersonSpec) -> int:
        for grade, hours in data.COACH_HOURS.items():
            if grade in person.coach_credentials:
                return self.rng.choice(hours)
        return 100

    def describe_offer(self, person: PersonSpec) -> None:
        rng = self.rng
        if person.offers_coaching and not person.coach_credentials:
            person.coach_credentials = rng.choice(data.COACH_CREDENTIALS)
            person.coaching_focus = ", ".join(rng.sample(data.COACHING_FOCUS, k=3))
        writes_one = person.years_experience >= 4 and rng.random() < 0.3
        if person.experience_summary or not (
            person.offers_mentoring or person.offers_coaching or writes_one
        ):
            return
        department = self.department_of(person)
        track = TRACKS[person.track][1]
        skills = [in_sentence(s) for s in person.skills_offered] or ["career planning"]
        words = {
            "years": person.years_experience, "field": department.field_of_work,
            "title": person.job_title, "skill_a": skills[0],
            "skill_b": skills[1] if len(skills) > 1 else "career planning",
            "industry": rng.choice(data.OTHER_INDUSTRIES).lower().replace("public", "the public"),
            "first_title": track.titles[0], "origin": self.origin.get(person.index, ""),
        }
        if person.offers_coaching:
            focus = person.coaching_focus.split(", ")
            person.experience_summary = rng.choice(data.COACH_EXPERIENCE).format(
                credential=person.coach_credentials, hours=self.coach_hours(person),
                focus_a=focus[0], focus_b=focus[1], **words,
            )
            return
        leader = person.level in ("manager", "director", "executive")
        words["highlight"] = rng.choice(
            department.leader_highlights if leader else department.highlights
        )
        templates = data.EXPERIENCE_SWITCHER if words["origin"] else data.EXPERIENCE_TEMPLATES
        if person.level in ("entry", "associate"):
            templates = templates[:2]  # “for the last few years” reads wrong this early
        person.experience_summary = rng.choice(templates).format(**words)


def data_key(location_name: str) -> str:
    """The key of a location from its display name."""
    for key, location in data.LOCATIONS.items():
        if location.name == location_name:
            return key
    raise KeyError(location_name)


def _rename(person: PersonSpec, label: str) -> None:
    role, name, local = next(login for login in data.LOGINS if login[0] == label)
    person.full_name = name
    person.email = f"{local}@{data.DEMO_DOMAIN}"
    person.login = role


def _place(person: PersonSpec, location_key: str) -> None:
    person.location = data.LOCATIONS[location_key].name
    person.timezone = data.LOCATIONS[location_key].timezone


def place_named_logins(people: list[PersonSpec]) -> None:
    """Give five positions the named demo sign-ins, with profiles that tell their story."""
    admin = next(p for p in people if p.department == "People" and p.level == "executive")
    _rename(admin, "organization admin")
    admin.is_org_admin = True
    _place(admin, "london")
    admin.languages = ["English", "Russian"]
    admin.target_role, admin.career_goals, admin.career_path = "", "", ""

    manager = next(p for p in people if p.department == "People" and p.level == "manager"
                   and p.track == "Learning & Development")
    _rename(manager, "program manager")
    _place(manager, "london")
    manager.languages = ["English", "Tamil"]
    manager.years_experience = 11
    manager.offers_mentoring = True
    manager.current_role = "Learning & Development Manager, running the mentoring and " \
        "coaching programmes"
    manager.experience_summary = (
        "Eleven years in learning and development, first as a facilitator, then designing "
        "leadership programmes. I run our mentoring and coaching programmes and care "
        "about one thing: that people leave them with a clear next step."
    )
    manager.skills_offered = ["Programme design", "Facilitation", "Career frameworks",
                              "Coaching others", "Stakeholder management"]
    manager.target_role = "Director of People"
    manager.career_path = "Learning & Development Manager → Director of People"
    manager.career_goals = (
        "I want to lead the whole people function one day. Next step: show the leadership team "
        "what our programmes change, with numbers, and learn to build a budget case for them."
    )
    manager.skills_wanted = ["Presenting to executives", "Budgeting", "Data visualisation"]

    coach = next(p for p in people if p.manager == manager.index and p.login == "")
    _rename(coach, "coach")
    _place(coach, "london")
    coach.languages = ["English", "French"]
    coach.level, coach.track, coach.job_title = "lead", "Learning & Development", \
        "Leadership Coach"
    coach.current_role = "Leadership Coach for new people leaders"
    coach.years_experience = 16
    coach.offers_coaching, coach.offers_mentoring = True, False
    coach.coach_credentials = "ICF PCC"
    coach.coaching_focus = "new people leaders, leadership transitions, difficult conversations"
    coach.experience_summary = (
        "ICF PCC coach with more than 600 coaching hours. Before coaching I managed customer "
        "success teams for eight years, so I know the first year of leading people from the "
        "inside. I coach with questions, not advice, and I will hold you to what you commit to."
    )
    coach.skills_offered = ["Coaching others", "Giving feedback", "Conflict resolution",
                            "Delegation", "Facilitation"]
    coach.past_roles = "Senior L&D Specialist\nCustomer Success Team Lead\nCustomer Success " \
        "Manager"
    # A full-time coach: from eight (coachees in Asia) to half past five, four days a week.
    coach.availability = [
        (day, start, end) for day in range(4)
        for start, end in ((time(8), time(12)), (time(13), time(17, 30)))
    ]
    coach.target_role, coach.career_goals, coach.career_path = "", "", ""
    coach.skills_wanted = ["Programme design"]

    mentor = next(p for p in people if p.department == "Engineering" and p.level == "manager"
                  and p.track == "Software Engineer")
    _rename(mentor, "mentor")
    _place(mentor, "london")
    mentor.languages = ["English", "Spanish"]
    mentor.years_experience = 13
    mentor.offers_mentoring = True
    mentor.current_role = f"Engineering Manager, leading the {mentor.team} team (7 engineers)"
    mentor.past_roles = "Staff Software Engineer\nSenior Software Engineer\nSoftware Engineer II"
    mentor.experience_summary = (
        "Thirteen years in engineering: eight as a backend engineer, the last five leading "
        "teams. I made the switch from staff engineer to manager and got a lot of it wrong "
        "first; I'm happy to talk through the first year of managing, hiring loops, giving "
        "hard feedback and how to keep a hand in the code without becoming the bottleneck."
    )
    mentor.skills_offered = ["People management", "Hiring and interviewing", "Giving feedback",
                             "Delegation", "System design", "Python"]
    mentor.style = {"structure": 2, "challenge": 2, "approach": 4, "focus": 3, "channel": 4}
    mentor.availability = [(1, time(9), time(12)), (3, time(14), time(17))]
    mentor.cadence = "biweekly"
    mentor.target_role = "Director of Engineering"
    mentor.career_path = "Engineering Manager → Director of Engineering"
    mentor.career_goals = (
        "I want to grow into a director role in the next two years: managing managers, owning "
        "a budget and hiring plan, and getting better at presenting to executives."
    )
    mentor.skills_wanted = ["Presenting to executives", "Budgeting", "Strategic thinking"]
    mentor.visibility = "organization"

    mentee = next(p for p in people if p.department == "Engineering" and p.level == "mid"
                  and p.track == "Software Engineer" and p.manager != mentor.index
                  and p.login == "")
    _rename(mentee, "mentee")
    _place(mentee, "berlin")
    mentee.job_title = "Software Engineer II"
    mentee.current_role = f"Software Engineer II on the {mentee.team} team"
    mentee.years_experience = 5
    mentee.languages = ["English", "Mandarin", "German"]
    mentee.target_role = "Engineering Manager"
    mentee.career_path = "Software Engineer II → Senior Software Engineer → Engineering Manager"
    mentee.career_goals = (
        "I want to become an engineering manager within two years. I already run our team's "
        "sprint planning and onboard new joiners; what I lack is experience giving difficult "
        "feedback and running hiring interviews. This year I'd like to mentor an intern and "
        "lead the design of one cross-team project."
    )
    mentee.skills_offered = ["Python", "Django", "Code review", "PostgreSQL"]
    mentee.skills_wanted = ["People management", "Giving feedback", "Hiring and interviewing",
                            "Delegation"]
    mentee.style = {"structure": 2, "challenge": 2, "approach": 4, "focus": 4, "channel": 4}
    mentee.importance = {"structure": "important", "challenge": "important", "approach": "nice",
                         "focus": "nice", "channel": "nice"}
    mentee.availability = [(1, time(10), time(13)), (3, time(15), time(18))]
    mentee.offers_mentoring, mentee.offers_coaching = False, False
    mentee.visibility = "organization"
    for person, days in ((admin, 2100), (manager, 1150), (coach, 880), (mentor, 1500),
                         (mentee, 700)):
        person.visibility = "organization"
        person.joined_days_ago = days


def coaching_hours(people: list[PersonSpec], rng: random.Random) -> None:
    """Coaches keep time for coaching: three or four weekdays, a long morning or afternoon
    block each, so coachees in other offices find an hour. (One or two short windows, as
    other people set, left most Lead coachees without any coach in their hours.)

    Its own random generator, so everything drawn before (names, titles …) stays the same.
    """
    for person in people:
        if not person.offers_coaching or person.login:
            continue
        days = sorted(rng.sample(range(5), k=rng.choice((3, 4))))
        person.availability = [
            (day, time(8), time(12)) if rng.random() < 0.5 else (day, time(13), time(17, 30))
            for day in days
        ]


def generate_organization(seed: int = data.SEED) -> list[PersonSpec]:
    """The whole demo organization: the same people, titles and managers for the same seed."""
    return _Generator(seed).build()
