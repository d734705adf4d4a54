"""Growth content for the demo: plans, goals, milestones, feedback, contacts and situations.

For about three quarters of the mentees and coachees whose relationship has started (active,
paused or completed, from history.py) the demo writes a development plan with one to three
SMART goals (those of completed pairs mostly achieved, so the outcomes dashboard has goal
completion to count), milestones, sometimes a colleague or someone in the field to meet, and
feedback from their mentor or coach dated while they worked together. Some coachees of Lead
wrote down a challenging situation, some shared it with their coach.

O*NET-based content (the target occupation, self-assessments, the mentor's view, the skills of
the plan) needs the career data in the careers tables: the demo loads the subset shipped with
Mentora first (careers.py, docs/careers.md), and demo target roles map to its occupations;
without career data, goals and feedback name the skills people want from their profile and no
assessment is written.

Bulk inserts, consistent with what the growth services would have written (one plan per person,
goal dates on or after the day they were set, milestones not after their goal, plan skills
above their starting level, feedback only from a mentor or coach of a started relationship,
each feedback point tied to a skill or a goal), without the emails the services would send.
Seeded, so every build is the same. The five demo sign-ins get nothing, and nobody is linked
to them (as giver, contact or reader), so the browser stories start fresh.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mentora.accounts.models import User
from mentora.careers.models import Occupation
from mentora.demo import data
from mentora.demo.careers import occupation_for
from mentora.demo.organization import in_sentence
from mentora.growth.gaps import LEVEL_MAX, default_target_level, gap_rows
from mentora.growth.models import (
    Assessment,
    Contact,
    DevelopmentPlan,
    Feedback,
    FeedbackItem,
    Goal,
    Milestone,
    PlanSkill,
    Situation,
    SkillRating,
)
from mentora.growth.selectors import SkillSet, skill_set
from mentora.people.models import Profile
from mentora.relationships.models import Relationship

GROWTH_SEED = data.SEED + 11
PLAN_SHARE = 0.75
S = Relationship.Status
G = Goal.Status
STARTED = (S.ACTIVE, S.PAUSED, S.COMPLETED)

# (outcome, measure, strategies); {skill} is the skill the goal builds, {project} a piece of work.
GOALS = (
    (
        "Take the lead on {skill} in {project}",
        "My manager confirms I led it, and two colleagues tell me what worked",
        "Ask for the lead at the next planning meeting\nShadow someone strong in {skill} "
        "first\nAsk two colleagues for feedback afterwards",
    ),
    (
        "Use {skill} on a real piece of work every month",
        "Three pieces of work debriefed with my mentor, with notes on what I would change",
        "Pick one task a month that needs {skill}\nDebrief it with my mentor the same week",
    ),
    (
        "Run a session on {skill} for my team",
        "Session held, with feedback from at least five colleagues",
        "Write down what I learned so far\nAsk my mentor to review the outline\nBook a "
        "slot in the team meeting",
    ),
    (
        "Get honest feedback on my {skill} from three colleagues",
        "Three written answers, with the patterns summarised and discussed with my mentor",
        "Choose people who see my work often\nAsk one specific question each\nTalk the "
        "answers through with my mentor",
    ),
)
TARGET_GOAL = (
    "Write a one-page development case for becoming {target}",
    "Reviewed with my manager and my mentor, with agreed next steps",
    "List the gaps from my self-assessment\nTalk to two people who hold the role\nAgree "
    "the next step with my manager",
)
MILESTONES = (
    "Agree the scope with my manager",
    "Draft a first version and share it with my mentor",
    "Try it once and note what happened",
    "Collect feedback and decide what to change",
)
STRENGTHS = (
    (
        "You put {skill} into practice quickly after we talk about it.",
        "Two weeks after our session you used it in {project} and it showed.",
    ),
    (
        "People listen when you explain your reasoning; your {skill} is stronger than you "
        "think.",
        "In the planning meeting for {project} you summarised the trade-offs and the group "
        "agreed in minutes.",
    ),
    (
        "You follow through on what we agree.",
        "Every action from our last three meetings was done before we met again.",
    ),
)
GOAL_STRENGTHS = (
    (
        "You made real progress on this goal and you did it in a way others noticed.",
        "Your manager mentioned the work on {project} without being asked.",
    ),
    (
        "You broke this goal into steps and kept going when it got busy.",
        "Even in the weeks of {project} you kept our check-ins and came with an update.",
    ),
)
IMPROVEMENTS = (
    (
        "When {skill} is needed under pressure, you tend to wait for others to step in "
        "first.",
        "In the retrospective on {project} you had the answer but let the discussion run for "
        "twenty minutes.",
    ),
    (
        "Your {skill} would land better with a clear ask at the end.",
        "Your update on {project} listed the facts but not the decision you needed.",
    ),
    (
        "Make {skill} a habit rather than a one-off.",
        "You prepared carefully for the quarterly review of {project}, less so for the "
        "weekly ones.",
    ),
)
SITUATIONS = (
    (
        "Two senior people in my team disagree about the roadmap",
        "Both come to me separately and each expects me to take their side before the "
        "planning meeting.",
        "Decide myself; bring them together first; escalate to my manager.",
        "I will bring them together and ask each to argue the other's case first.",
        "It was tense for ten minutes, then useful. We agreed on two of the three items.",
    ),
    (
        "A high performer asked for a promotion I cannot give yet",
        "They are ready in most ways but the level needs scope we do not have this year.",
        "Say no plainly; find a stretch project; support a move to another team.",
        "Be honest about the timing and agree a stretch project with a review in three "
        "months.",
        "",
    ),
    (
        "I have to give difficult feedback to someone who used to be my peer",
        "Their work has slipped for a month and the team has noticed.",
        "Raise it at our next 1:1; wait for the review cycle; ask HR for advice.",
        "Raise it at our next 1:1, with two concrete examples.",
        "Harder to start than to have. They knew, and were relieved to talk about it.",
    ),
    (
        "My calendar leaves no time to think",
        "Since taking the team I have been in meetings from nine to six most days.",
        "Decline recurring meetings; delegate the weekly report; block mornings.",
        "",
        "",
    ),
)
FIELD_CONTACTS = (
    ("A {target} at another company", "Local meetup", "To hear how they made the move"),
    ("Someone who moved into {target} in the last year", "Alumni network",
     "To learn what surprised them in the first months"),
)
PROJECTS = ("the quarterly planning", "the pricing review", "the customer escalation",
            "the hiring loop", "the year-end review")


@dataclass
class GrowthSummary:
    """What the growth content added, and whether O*NET-based content could be written."""

    plans: int = 0
    goals: int = 0
    achieved: int = 0
    milestones: int = 0
    contacts: int = 0
    feedback: int = 0
    situations: int = 0
    assessments: int = 0
    plan_skills: int = 0
    career_data: bool = False


def phrase(element_id: str, name: str) -> str:
    """A skill as it reads mid-sentence: O*NET's Title Case names in lower case ("Critical
    Thinking" → "critical thinking"), the profile's skills as the demo writes them."""
    return name.lower() if element_id else in_sentence(name)


def _login_emails() -> list[str]:
    return [f"{local}@{data.DEMO_DOMAIN}" for _, _, local in data.LOGINS]


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    seconds = max(int((end - start).total_seconds()), 0)
    return start + timedelta(seconds=rng.randint(0, seconds))


class _Builder:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.rng = random.Random(GROWTH_SEED)
        self.summary = GrowthSummary()
        self.skill_sets: dict[str, SkillSet | None] = {}
        self.projects: dict[str, tuple[str, ...]] = {d.name: d.projects for d in data.DEPARTMENTS}

    # ------------------------------------------------------------------ who

    def relationships(self) -> dict[int, list[Relationship]]:
        """Started relationships in the demo programs by mentee, sign-ins left out."""
        logins = _login_emails()
        rows = (
            Relationship.objects.filter(
                program__slug__in=("grow", "lead"), status__in=STARTED, started_at__isnull=False
            )
            .exclude(mentee__email__in=logins)
            .exclude(mentor__email__in=logins)
            .select_related("mentee", "mentor", "program")
            .order_by("started_at", "pk")
        )
        by_mentee: dict[int, list[Relationship]] = defaultdict(list)
        for rel in rows:
            by_mentee[rel.mentee_id].append(rel)
        return by_mentee

    def occupation(self, profile: Profile) -> SkillSet | None:
        code = profile.target_occupation_code or occupation_for(profile.target_role or "")
        if not code:
            return None
        if code not in self.skill_sets:
            self.skill_sets[code] = skill_set(code)
        return self.skill_sets[code]

    # ------------------------------------------------------------------ write

    def build(self) -> GrowthSummary:
        by_mentee = self.relationships()
        chosen = [pk for pk in by_mentee if self.rng.random() < PLAN_SHARE]
        profiles = {
            p.user_id: p
            for p in Profile.objects.filter(user_id__in=chosen).only(
                "user_id", "target_role", "target_occupation_code", "department"
            )
        }
        wanted: dict[int, list[str]] = defaultdict(list)
        for user_id, name in (
            Profile.skills_wanted.through.objects.filter(  # type: ignore[attr-defined]
                profile__user_id__in=chosen
            )
            .order_by("profile__user_id", "skill__name")
            .values_list("profile__user_id", "skill__name")
        ):
            wanted[user_id].append(name)
        self.summary.career_data = Occupation.objects.exists()
        by_title: dict[str, list[User]] = defaultdict(list)
        for person in (
            User.objects.exclude(email__in=_login_emails())
            .filter(profile__job_title__in={p.target_role for p in profiles.values()} - {""})
            .order_by("pk")
            .only("pk", "full_name", "profile__job_title", "profile__department")
            .select_related("profile")
        ):
            by_title[person.profile.job_title].append(person)

        plans: list[DevelopmentPlan] = []
        todo: list[tuple[DevelopmentPlan, Profile, list[Relationship], SkillSet | None]] = []
        targets: list[Profile] = []
        for user_id in chosen:
            profile, rels = profiles[user_id], by_mentee[user_id]
            first = rels[0]
            assert first.started_at is not None
            created = min(
                first.started_at + timedelta(days=self.rng.randint(2, 10), hours=2),
                self.now - timedelta(hours=1),
            )
            skills = self.occupation(profile) if self.summary.career_data else None
            if skills is not None and profile.target_occupation_code != skills.code:
                profile.target_occupation_code = skills.code
                targets.append(profile)
            plan = DevelopmentPlan(
                owner_id=user_id,
                occupation_code=skills.code if skills else "",
                occupation_title=skills.title if skills else "",
                created_at=created,
                updated_at=created,
            )
            plans.append(plan)
            todo.append((plan, profile, rels, skills))
        Profile.objects.bulk_update(targets, ["target_occupation_code"])
        DevelopmentPlan.objects.bulk_create(plans)

        goals: list[tuple[Goal, list[Milestone]]] = []
        plan_skills: list[PlanSkill] = []
        contacts: list[Contact] = []
        assessments: list[tuple[Assessment, list[SkillRating]]] = []
        feedback: list[tuple[Feedback, list[FeedbackItem]]] = []
        situations: list[Situation] = []
        for plan, profile, rels, skills in todo:
            rel = rels[-1]  # the latest relationship shapes where the plan stands now
            projects = self.projects.get(profile.department, PROJECTS)
            focus: list[tuple[str, str]] = []  # (element id or "", skill name)
            if skills is not None:
                rated = self.assess(plan, skills, rels, assessments)
                for skill in self.plan_skills(plan, skills, rated, rel):
                    plan_skills.append(skill)
                    focus.append((skill.element_id, skill.element_name))
            focus += [("", name) for name in wanted.get(plan.owner_id, [])]
            if not focus:
                focus = [("", self.rng.choice(data.GENERAL_SKILLS))]
            plan_goals = self.goals(plan, profile, rel, focus, projects)
            goals += plan_goals
            latest = max([plan.created_at] + [g.updated_at for g, _ in plan_goals])
            plan.updated_at = latest
            contact = self.contact(plan, profile, by_title)
            if contact is not None:
                contacts.append(contact)
            for each in rels:
                feedback += self.feedback(each, plan_goals, focus, projects)
                situation = self.situation(each)
                if situation is not None:
                    situations.append(situation)

        # Related rows hold the objects they belong to; bulk_create takes each parent's new
        # primary key (saved just before) when it writes the child.
        Goal.objects.bulk_create([goal for goal, _ in goals])
        Milestone.objects.bulk_create([m for _, steps in goals for m in steps])
        PlanSkill.objects.bulk_create(plan_skills)
        Contact.objects.bulk_create(contacts)
        DevelopmentPlan.objects.bulk_update(plans, ["updated_at"])
        Assessment.objects.bulk_create([a for a, _ in assessments])
        SkillRating.objects.bulk_create([r for _, ratings in assessments for r in ratings])
        Feedback.objects.bulk_create([f for f, _ in feedback])
        FeedbackItem.objects.bulk_create([item for _, points in feedback for item in points])
        Situation.objects.bulk_create(situations)

        s = self.summary
        s.plans, s.goals, s.contacts = len(plans), len(goals), len(contacts)
        s.achieved = sum(goal.status == G.ACHIEVED for goal, _ in goals)
        s.milestones = sum(len(steps) for _, steps in goals)
        s.feedback, s.situations = len(feedback), len(situations)
        s.assessments, s.plan_skills = len(assessments), len(plan_skills)
        return s

    # ------------------------------------------------------------------ O*NET content

    def assess(
        self,
        plan: DevelopmentPlan,
        skills: SkillSet,
        rels: list[Relationship],
        out: list[tuple[Assessment, list[SkillRating]]],
    ) -> dict[str, int]:
        """A self-assessment a day before the plan; sometimes the ongoing mentor's view too."""
        rng = self.rng
        levels = {
            need.element_id: min(max(round(need.level_needed - rng.uniform(-0.8, 2.6)), 0), 7)
            for need in skills.skills
            if rng.random() < 0.9
        }
        if not levels:
            need = skills.skills[0]
            levels[need.element_id] = max(round(need.level_needed) - 1, 0)
        when = plan.created_at - timedelta(days=1)
        out.append(self._assessment(plan.owner_id, plan.owner_id, skills, levels, when))
        ongoing = [r for r in rels if r.status in (S.ACTIVE, S.PAUSED)]
        if ongoing and rng.random() < 0.4:
            mentor_view = {
                key: min(max(level + rng.choice((-2, -1, 0, 0, 0, 1, 2)), 0), 7)
                for key, level in levels.items()
            }
            assert ongoing[-1].started_at is not None
            at = _between(rng, max(ongoing[-1].started_at, plan.created_at), self.now)
            out.append(self._assessment(plan.owner_id, ongoing[-1].mentor_id, skills,
                                        mentor_view, at))
        return levels

    @staticmethod
    def _assessment(
        subject_id: int, assessor_id: int, skills: SkillSet, levels: dict[str, int],
        at: datetime,
    ) -> tuple[Assessment, list[SkillRating]]:
        assessment = Assessment(
            subject_id=subject_id, assessor_id=assessor_id, occupation_code=skills.code,
            occupation_title=skills.title, rated_code=skills.rated_code,
            rated_title=skills.rated_title, created_at=at, updated_at=at,
        )
        ratings = [
            SkillRating(assessment=assessment, element_id=need.element_id, element_name=need.name,
                        level=levels[need.element_id], importance=need.importance,
                        level_needed=need.level_needed)
            for need in skills.skills
            if need.element_id in levels
        ]
        return assessment, ratings

    def plan_skills(
        self, plan: DevelopmentPlan, skills: SkillSet, levels: dict[str, int], rel: Relationship
    ) -> list[PlanSkill]:
        """The largest gaps (two or three), from the assessed level towards the role's."""
        rows = [
            row for row in gap_rows([s.as_need for s in skills.skills], levels)
            if row.status == "gap" and row.level is not None and row.level < LEVEL_MAX
        ]
        out = []
        done = 1.0 if rel.status == S.COMPLETED else self._elapsed(plan.created_at, weeks=26)
        for row in rows[: self.rng.randint(2, 3)]:
            assert row.level is not None
            target = default_target_level(row.level_needed, row.level)
            moved = round((target - row.level) * done * self.rng.uniform(0.5, 1.0))
            out.append(
                PlanSkill(
                    plan=plan, element_id=row.element_id, element_name=row.name,
                    importance=row.importance, level_needed=row.level_needed,
                    start_level=row.level, current_level=row.level + moved,
                    target_level=target, created_at=plan.created_at,
                    updated_at=plan.created_at if not moved else self._later(plan.created_at),
                )
            )
        return out

    # ------------------------------------------------------------------ goals and people

    def _elapsed(self, since: datetime, *, weeks: int) -> float:
        return min(max((self.now - since) / timedelta(weeks=weeks), 0.0), 1.0)

    def _later(self, since: datetime, until: datetime | None = None) -> datetime:
        return _between(self.rng, since, min(until or self.now, self.now))

    def goals(
        self,
        plan: DevelopmentPlan,
        profile: Profile,
        rel: Relationship,
        focus: list[tuple[str, str]],
        projects: tuple[str, ...],
    ) -> list[tuple[Goal, list[Milestone]]]:
        rng = self.rng
        count = rng.choice((1, 2, 2, 3, 3))
        templates = rng.sample(GOALS, k=len(GOALS))
        target = profile.target_role
        out = []
        for index in range(count):
            element_id, skill = focus[index % len(focus)]
            if index == count - 1 and target and count > 1:
                outcome, measure, strategies = TARGET_GOAL
                element_id, skill = "", ""
            else:
                # "Take the lead on speaking" reads oddly: O*NET skills are broad abilities.
                lead = templates[index] is GOALS[0] and element_id
                outcome, measure, strategies = templates[-1] if lead else templates[index]
            words = {"skill": phrase(element_id, skill), "project": rng.choice(projects),
                     "target": target}
            created = plan.created_at + timedelta(days=index * rng.randint(0, 14))
            created = min(created, self.now - timedelta(minutes=30))
            target_on = created.date() + timedelta(days=rng.randint(42, 150))
            status = self._goal_status(rel, target_on)
            ended = rel.ended_at or self.now
            updated = created
            if status == G.ACHIEVED:
                finish = datetime.combine(target_on, created.timetz()) + timedelta(
                    days=rng.randint(-20, 5)
                )
                updated = min(max(finish, created + timedelta(days=14)), ended, self.now)
            elif status != G.NOT_STARTED:
                updated = self._later(created, ended)
            goal = Goal(
                plan=plan,
                outcome=outcome.format(**words)[:300],
                measure=measure.format(**words)[:300],
                target_on=target_on,
                relevance=self._relevance(target, skill and phrase(element_id, skill)),
                strategies=strategies.format(**words),
                status=status,
                element_id=element_id,
                element_name=skill if element_id else "",
                created_at=created,
                updated_at=updated,
            )
            out.append((goal, self.milestones(goal)))
        return out

    @staticmethod
    def _relevance(target: str, skill: str) -> str:
        if not skill:
            return "It turns the move I want into next steps people can support."
        if target:
            article = "An" if target[:1] in "AEIOU" else "A"
            return f"{article} {target} is expected to be strong in {skill}."
        return f"It is the skill I most want to build this year: {skill}."

    def _goal_status(self, rel: Relationship, target_on: date) -> str:
        roll = self.rng.random()
        if rel.status == S.COMPLETED:
            return G.ACHIEVED if roll < 0.7 else G.IN_PROGRESS if roll < 0.85 else G.DROPPED
        if target_on < self.now.date():
            return G.ACHIEVED if roll < 0.6 else G.IN_PROGRESS if roll < 0.9 else G.DROPPED
        assert rel.started_at is not None
        if (self.now - rel.started_at).days > 60 and roll < 0.15:
            return G.ACHIEVED
        return G.IN_PROGRESS if roll < 0.7 else G.NOT_STARTED

    def milestones(self, goal: Goal) -> list[Milestone]:
        count = self.rng.randint(2, 3)
        span = (goal.target_on - goal.created_at.date()).days
        steps, in_order = [], True  # steps are done in order: a skipped one ends the run
        chosen = sorted(self.rng.sample(range(len(MILESTONES)), k=count))
        for index, text in enumerate(MILESTONES[i] for i in chosen):
            due = goal.created_at.date() + timedelta(days=span * (index + 1) // (count + 1))
            done_at = None
            in_order = in_order and (
                goal.status == G.ACHIEVED
                or (
                    goal.status in (G.IN_PROGRESS, G.DROPPED)
                    and due < self.now.date()
                    and self.rng.random() < (0.8 if goal.status == G.IN_PROGRESS else 0.4)
                )
            )
            if in_order:
                # Ticked off around the date set, never after the goal closed (or today).
                closed = goal.updated_at if goal.status != G.IN_PROGRESS else self.now
                done_at = datetime.combine(due, goal.created_at.timetz()) - timedelta(
                    days=self.rng.randint(0, 3)
                )
                done_at = max(min(done_at, closed, self.now), goal.created_at)
            steps.append(Milestone(goal=goal, text=text, due_on=due, done_at=done_at))
        return steps

    def contact(
        self, plan: DevelopmentPlan, profile: Profile, by_title: dict[str, list[User]]
    ) -> Contact | None:
        rng, target = self.rng, profile.target_role
        if not target or rng.random() < 0.45:
            return None
        colleagues = [u for u in by_title.get(target, []) if u.pk != plan.owner_id]
        status = rng.choice((Contact.Status.TO_MEET, Contact.Status.MET, Contact.Status.MET))
        if colleagues and rng.random() < 0.7:
            person = rng.choice(colleagues)
            return Contact(
                plan=plan, person=person, name=person.full_name,
                where=person.profile.department, why="Holds the role I am aiming for.",
                status=status, created_at=self._later(plan.created_at),
            )
        name, where, why = rng.choice(FIELD_CONTACTS)
        return Contact(
            plan=plan, name=name.format(target=target), where=where, why=why,
            status=Contact.Status.TO_MEET, created_at=self._later(plan.created_at),
        )

    def feedback(
        self,
        rel: Relationship,
        goals: list[tuple[Goal, list[Milestone]]],
        focus: list[tuple[str, str]],
        projects: tuple[str, ...],
    ) -> list[tuple[Feedback, list[FeedbackItem]]]:
        """One or two pieces from the mentor or coach, while they worked together: a strength
        (on a skill, or on a goal set by then) and an area for improvement (on a skill)."""
        rng = self.rng
        assert rel.started_at is not None
        start = rel.started_at + timedelta(days=14)
        end = min(rel.ended_at or self.now, self.now) - timedelta(hours=1)
        if end <= start or rng.random() < 0.2:
            return []
        out = []
        for _ in range(1 if (end - start).days < 60 else rng.randint(1, 2)):
            given = Feedback(
                giver_id=rel.mentor_id, recipient_id=rel.mentee_id,
                visibility=rng.choice((Feedback.Visibility.RECIPIENT,
                                       Feedback.Visibility.RECIPIENT,
                                       Feedback.Visibility.RECIPIENT_AND_MENTORS)),
                created_at=_between(rng, start, end),
            )
            project = rng.choice(projects)
            set_by_then = [goal for goal, _ in goals if goal.created_at < given.created_at]
            if set_by_then and rng.random() < 0.5:
                goal = rng.choice(set_by_then)
                observation, example = rng.choice(GOAL_STRENGTHS)
                strength = FeedbackItem(
                    feedback=given, kind=FeedbackItem.Kind.STRENGTH, goal=goal,
                    goal_outcome=goal.outcome, observation=observation,
                    example=example.format(project=project),
                )
            else:
                element_id, skill = rng.choice(focus)
                observation, example = rng.choice(STRENGTHS)
                strength = FeedbackItem(
                    feedback=given, kind=FeedbackItem.Kind.STRENGTH, element_id=element_id,
                    element_name=skill,
                    observation=observation.format(
                        skill=phrase(element_id, skill), project=project
                    ),
                    example=example.format(project=project),
                )
            element_id, skill = rng.choice(focus)
            observation, example = rng.choice(IMPROVEMENTS)
            improvement = FeedbackItem(
                feedback=given, kind=FeedbackItem.Kind.IMPROVEMENT, element_id=element_id,
                element_name=skill,
                observation=observation.format(skill=phrase(element_id, skill), project=project),
                example=example.format(project=project),
            )
            out.append((given, [strength, improvement]))
        return out

    def situation(self, rel: Relationship) -> Situation | None:
        """Some coachees of ongoing engagements wrote one down; half shared it with the coach."""
        rng = self.rng
        if rel.kind != Relationship.Kind.COACHING or rel.status not in (S.ACTIVE, S.PAUSED):
            return None
        if rng.random() < 0.5:
            return None
        assert rel.started_at is not None
        title, situation, options, decision, reflection = rng.choice(SITUATIONS)
        at = self._later(rel.started_at)
        return Situation(
            owner_id=rel.mentee_id, title=title, situation=situation, options=options,
            decision=decision, reflection=reflection,
            shared_with_id=rel.mentor_id if rng.random() < 0.5 else None,
            created_at=at, updated_at=at,
        )


def growth_build(*, now: datetime) -> GrowthSummary:
    """Add growth content for the demo's matched mentees (call inside the demo build's
    transaction, after history.history_build)."""
    return _Builder(now).build()

