"""The survey items: short 1–5 Likert statements written for Mentora, grouped into measures.

Pulse surveys (baseline, midpoint, end) measure five outcomes with two statements each, plus
the person's self-rating of the skills in their plan. A measure's score for one response is
the mean of its statements. docs/outcomes.md lists the same items.
"""

from __future__ import annotations

from dataclasses import dataclass

AGREE_SCALE = (
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
)
SKILL_SCALE = (
    (1, "Just starting"),
    (2, "Basic"),
    (3, "Capable"),
    (4, "Strong"),
    (5, "Could teach it"),
)
SKILL_PREFIX = "skill:"
MAX_SKILLS = 5


@dataclass(frozen=True)
class Item:
    """One statement a person rates from 1 to 5."""

    key: str
    measure: str
    text: str


@dataclass(frozen=True)
class Measure:
    """What a group of items measures."""

    key: str
    label: str


PULSE_MEASURES = (
    Measure("self_confidence", "Self-confidence"),
    Measure("self_awareness", "Self-awareness"),
    Measure("career_clarity", "Career clarity"),
    Measure("job_satisfaction", "Job satisfaction"),
    Measure("work_life_balance", "Work-life balance"),
)
SKILLS_MEASURE = Measure("skills", "Skills (self-rated)")
QUALITY_MEASURE = Measure("relationship_quality", "Relationship quality")
MEASURES = {m.key: m for m in (*PULSE_MEASURES, SKILLS_MEASURE, QUALITY_MEASURE)}

PULSE_ITEMS = (
    Item(
        "confidence_challenges",
        "self_confidence",
        "I feel confident taking on new challenges at work.",
    ),
    Item(
        "confidence_conversations",
        "self_confidence",
        "I trust myself to handle a difficult conversation at work.",
    ),
    Item(
        "awareness_strengths",
        "self_awareness",
        "I know my strengths and how to use them in my work.",
    ),
    Item("awareness_habits", "self_awareness", "I understand which of my habits hold me back."),
    Item(
        "clarity_direction",
        "career_clarity",
        "I have a clear picture of where I want my career to go.",
    ),
    Item(
        "clarity_steps", "career_clarity", "I know the next concrete steps towards my career goals."
    ),
    Item("satisfaction_overall", "job_satisfaction", "Overall, I am satisfied with my job."),
    Item("satisfaction_growth", "job_satisfaction", "My work gives me room to learn and grow."),
    Item(
        "balance_boundaries",
        "work_life_balance",
        "I can keep work from crowding out the rest of my life.",
    ),
    Item(
        "balance_energy", "work_life_balance", "My workload leaves me energy for life outside work."
    ),
)

QUALITY_ITEMS = (
    Item("quality_trust", "relationship_quality", "I can speak openly with my {other}."),
    Item("quality_time", "relationship_quality", "Our meetings are a good use of my time."),
    Item("quality_direction", "relationship_quality", "We agree on what we are working towards."),
    Item("quality_style", "relationship_quality", "The way my {other} works suits me."),
)

EXIT_ITEMS = (
    Item("exit_satisfied", "exit", "Overall, I am satisfied with this {relationship}."),
    Item("exit_goals", "exit", "We achieved the goals we agreed at the start."),
    Item("exit_recommend", "exit", "I would recommend this program to a colleague."),
    Item("exit_again", "exit", "I would take part in a {relationship} again."),
)

ITEM_TEXT = {item.key: item for item in (*PULSE_ITEMS, *QUALITY_ITEMS, *EXIT_ITEMS)}


@dataclass(frozen=True)
class Question:
    """An item as shown to one person: key, statement and its answer scale."""

    key: str
    text: str
    scale: tuple[tuple[int, str], ...]


def skill_key(name: str) -> str:
    return f"{SKILL_PREFIX}{name}"


def questions_for(
    *,
    kind: str,
    skills: list[str] | None = None,
    other: str = "mentor",
    relationship: str = "mentoring relationship",
) -> list[Question]:
    """The questions of a survey of `kind` (baseline, midpoint, end, quality or exit)."""
    if kind in ("baseline", "midpoint", "end"):
        questions = [Question(i.key, i.text, AGREE_SCALE) for i in PULSE_ITEMS]
        questions += [
            Question(
                skill_key(name), f"How would you rate your skill in {name} today?", SKILL_SCALE
            )
            for name in (skills or [])[:MAX_SKILLS]
        ]
        return questions
    items = QUALITY_ITEMS if kind == "quality" else EXIT_ITEMS if kind == "exit" else None
    if items is None:
        raise ValueError(f"Unknown survey kind {kind!r}.")
    return [
        Question(i.key, i.text.format(other=other, relationship=relationship), AGREE_SCALE)
        for i in items
    ]


def measure_scores(answers: dict[str, int]) -> dict[str, float]:
    """Measure key → the mean of its answered items (skills: mean of the skill ratings)."""
    sums: dict[str, list[int]] = {}
    for key, value in answers.items():
        if key.startswith(SKILL_PREFIX):
            sums.setdefault(SKILLS_MEASURE.key, []).append(value)
            continue
        item = ITEM_TEXT.get(key)
        if item is not None and item.measure in MEASURES:
            sums.setdefault(item.measure, []).append(value)
    return {measure: sum(values) / len(values) for measure, values in sums.items()}
