"""The Mini-IPIP (Donnellan et al., 2006): 20 public-domain items scored to five traits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    number: int
    text: str
    trait: str
    reverse: bool


TRAITS = ("extraversion", "agreeableness", "conscientiousness", "neuroticism", "intellect")

ITEMS: tuple[Item, ...] = (
    Item(1, "Am the life of the party.", "extraversion", False),
    Item(2, "Sympathize with others' feelings.", "agreeableness", False),
    Item(3, "Get chores done right away.", "conscientiousness", False),
    Item(4, "Have frequent mood swings.", "neuroticism", False),
    Item(5, "Have a vivid imagination.", "intellect", False),
    Item(6, "Don't talk a lot.", "extraversion", True),
    Item(7, "Am not interested in other people's problems.", "agreeableness", True),
    Item(8, "Often forget to put things back in their proper place.", "conscientiousness", True),
    Item(9, "Am relaxed most of the time.", "neuroticism", True),
    Item(10, "Am not interested in abstract ideas.", "intellect", True),
    Item(11, "Talk to a lot of different people at parties.", "extraversion", False),
    Item(12, "Feel others' emotions.", "agreeableness", False),
    Item(13, "Like order.", "conscientiousness", False),
    Item(14, "Get upset easily.", "neuroticism", False),
    Item(15, "Have difficulty understanding abstract ideas.", "intellect", True),
    Item(16, "Keep in the background.", "extraversion", True),
    Item(17, "Am not really interested in others.", "agreeableness", True),
    Item(18, "Make a mess of things.", "conscientiousness", True),
    Item(19, "Seldom feel blue.", "neuroticism", True),
    Item(20, "Do not have a good imagination.", "intellect", True),
)

SCALE = (
    (1, "Very inaccurate"),
    (2, "Moderately inaccurate"),
    (3, "Neither accurate nor inaccurate"),
    (4, "Moderately accurate"),
    (5, "Very accurate"),
)


def score(answers: dict[int, int]) -> dict[str, float]:
    """Score complete answers (item number → 1..5) to trait means on a 1–5 scale."""
    missing = [item.number for item in ITEMS if item.number not in answers]
    if missing:
        raise ValueError(f"Answer every statement; missing: {', '.join(map(str, missing))}.")
    totals = {trait: 0 for trait in TRAITS}
    for item in ITEMS:
        value = answers[item.number]
        if value not in (1, 2, 3, 4, 5):
            raise ValueError(f"Statement {item.number}: the answer must be 1 to 5, not {value}.")
        totals[item.trait] += (6 - value) if item.reverse else value
    return {trait: totals[trait] / 4 for trait in TRAITS}
