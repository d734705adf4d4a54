"""Match reasons told from the mentor's side, and to a program manager.

The engine writes every reason to the mentee ("10 more years of experience than you",
"Offers 2 of the 3 skills you want"). Sent as is to the mentor, those sentences say the
opposite of what is true. `for_mentor` turns each known sentence round, naming the mentee;
`for_manager` tells it in the third person, naming both people (the workbench, its CSV, a
manager on a relationship page). A sentence they do not know is kept as written (it is then
at worst awkward, never wrong in a new way).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], str]]


def _rules() -> list[Rule]:
    def r(pattern: str, build: Callable[[re.Match[str], str], str]) -> Rule:
        return re.compile(pattern), build

    return [
        r(
            r"^Has worked as (.+) — your target role$",
            lambda m, n: f"You have worked as {m[1]} — {n}'s target role",
        ),
        r(
            r"^Has worked as (.+), related to your target role$",
            lambda m, n: f"You have worked as {m[1]}, related to {n}'s target role",
        ),
        r(
            r"^Has worked as (.+), related to (.+)$",
            lambda m, n: f"You have worked as {m[1]}, related to {m[2]} ({n}'s target role)",
        ),
        r(
            r"^Has worked in the same occupation family as your target role$",
            lambda m, n: f"You have worked in the same occupation family as {n}'s target role",
        ),
        r(
            r"^Has worked in the same occupation family as (.+)$",
            lambda m, n: (
                f"You have worked in the same occupation family as {m[1]} ({n}'s target role)"
            ),
        ),
        r(
            r"^Has not worked as your target role or in a related role$",
            lambda m, n: f"You have not worked in {n}'s target role or a related one",
        ),
        r(
            r"^Has not worked as (.+) or in a related role$",
            lambda m, n: f"You have not worked as {m[1]} ({n}'s target role) or in a related role",
        ),
        r(r"^You have not set a target role$", lambda m, n: f"{n} has not set a target role"),
        r(r"^You listed no skills to develop$", lambda m, n: f"{n} listed no skills to develop"),
        r(
            r"^Offers none of the skills you want to develop$",
            lambda m, n: f"You offer none of the skills {n} wants to develop",
        ),
        r(
            r"^Offers (\d+) of the (\d+) skills you want: (.+)$",
            lambda m, n: f"You offer {m[1]} of the {m[2]} skills {n} wants: {m[3]}",
        ),
        r(
            r"^Their experience (reads very close to|reads close to|has little in common with) "
            r"your goals(.*)$",
            lambda m, n: f"Your experience {m[1]} {n}'s goals{m[2]}",
        ),
        r(r"^You stated no style preference$", lambda m, n: f"{n} stated no style preference"),
        r(
            r"^(\d+) more years of experience than you$",
            lambda m, n: f"You have {m[1]} more years of experience than {n}",
        ),
        r(
            r"^(\d+) fewer years of experience than you$",
            lambda m, n: f"You have {m[1]} fewer years of experience than {n}",
        ),
        r(r"^As experienced as you$", lambda m, n: f"As experienced as {n}"),
        r(
            r"^You want to meet in person, they meet remotely only$",
            lambda m, n: f"{n} wants to meet in person, you meet remotely only",
        ),
        r(
            r"^You want remote meetings, they meet in person only$",
            lambda m, n: f"{n} wants remote meetings, you meet in person only",
        ),
        r(r"^You shortlisted this (mentor|coach|peer)$", lambda m, n: f"{n} shortlisted you"),
        r(
            r"^You asked not to be matched with this (mentor|coach|peer)$",
            lambda m, n: f"{n} asked not to be matched with you",
        ),
    ]


RULES = _rules()
# Parts of a sentence the engine joins with "; " (style, coaching focus).
_STYLE_FAR = re.compile(r"(^|; )[Yy]ou want (.+?) sessions, they are more (.+?)(?=;|$)")
_FOCUS = re.compile(r"covers (\d+) of your (\d+) focus areas")


def for_mentor(reason: str, mentee_name: str) -> str:
    """The engine's reason (written to the mentee) as the mentor should read it."""
    for pattern, build in RULES:
        match = pattern.match(reason)
        if match:
            return build(match, mentee_name)
    text = _STYLE_FAR.sub(
        lambda m: f"{m[1]}{mentee_name} wants {m[2]} sessions, you are more {m[3]}",
        reason,
    )
    return _FOCUS.sub(lambda m: f"covers {m[1]} of {mentee_name}'s {m[2]} focus areas", text)


ManagerRule = tuple[re.Pattern[str], Callable[[re.Match[str], str, str], str]]


def _manager_rules() -> list[ManagerRule]:
    # Builders take (match, mentee name, mentor name).
    def r(pattern: str, build: Callable[[re.Match[str], str, str], str]) -> ManagerRule:
        return re.compile(pattern), build

    return [
        r(
            r"^Has worked as (.+) — your target role$",
            lambda m, e, o: f"{o} has worked as {m[1]} — {e}'s target role",
        ),
        r(
            r"^Has worked as (.+), related to your target role$",
            lambda m, e, o: f"{o} has worked as {m[1]}, related to {e}'s target role",
        ),
        r(
            r"^Has worked as (.+), related to (.+)$",
            lambda m, e, o: f"{o} has worked as {m[1]}, related to {m[2]} ({e}'s target role)",
        ),
        r(
            r"^Has worked in the same occupation family as your target role$",
            lambda m, e, o: f"{o} has worked in the same occupation family as {e}'s target role",
        ),
        r(
            r"^Has worked in the same occupation family as (.+)$",
            lambda m, e, o: (
                f"{o} has worked in the same occupation family as {m[1]} ({e}'s target role)"
            ),
        ),
        r(
            r"^Has not worked as your target role or in a related role$",
            lambda m, e, o: f"{o} has not worked in {e}'s target role or a related one",
        ),
        r(
            r"^Has not worked as (.+) or in a related role$",
            lambda m, e, o: (
                f"{o} has not worked as {m[1]} ({e}'s target role) or in a related role"
            ),
        ),
        r(r"^You have not set a target role$", lambda m, e, o: f"{e} has not set a target role"),
        r(r"^You listed no skills to develop$", lambda m, e, o: f"{e} listed no skills to develop"),
        r(
            r"^Offers none of the skills you want to develop$",
            lambda m, e, o: f"{o} offers none of the skills {e} wants to develop",
        ),
        r(
            r"^Offers (\d+) of the (\d+) skills you want: (.+)$",
            lambda m, e, o: f"{o} offers {m[1]} of the {m[2]} skills {e} wants: {m[3]}",
        ),
        r(
            r"^Their experience (reads very close to|reads close to|has little in common with) "
            r"your goals(.*)$",
            lambda m, e, o: f"{o}'s experience {m[1]} {e}'s goals{m[2]}",
        ),
        r(r"^You stated no style preference$", lambda m, e, o: f"{e} stated no style preference"),
        r(
            r"^(\d+) more years of experience than you$",
            lambda m, e, o: f"{o} has {m[1]} more years of experience than {e}",
        ),
        r(
            r"^(\d+) fewer years of experience than you$",
            lambda m, e, o: f"{o} has {m[1]} fewer years of experience than {e}",
        ),
        r(r"^As experienced as you$", lambda m, e, o: f"{o} is as experienced as {e}"),
        r(
            r"^You want to meet in person, they meet remotely only$",
            lambda m, e, o: f"{e} wants to meet in person, {o} meets remotely only",
        ),
        r(
            r"^You want remote meetings, they meet in person only$",
            lambda m, e, o: f"{e} wants remote meetings, {o} meets in person only",
        ),
        r(
            r"^You shortlisted this (mentor|coach|peer)$",
            lambda m, e, o: f"{e} shortlisted {o}",
        ),
        r(
            r"^You asked not to be matched with this (mentor|coach|peer)$",
            lambda m, e, o: f"{e} asked not to be matched with {o}",
        ),
    ]


MANAGER_RULES = _manager_rules()


def for_manager(reason: str, mentee_name: str, mentor_name: str) -> str:
    """The engine's reason (written to the mentee) in the third person, naming both people."""
    for pattern, build in MANAGER_RULES:
        match = pattern.match(reason)
        if match:
            return build(match, mentee_name, mentor_name)
    text = _STYLE_FAR.sub(
        lambda m: f"{m[1]}{mentee_name} wants {m[2]} sessions, {mentor_name} is more {m[3]}",
        reason,
    )
    return _FOCUS.sub(lambda m: f"covers {m[1]} of {mentee_name}'s {m[2]} focus areas", text)


def contributions_for(
    contributions: Iterable[dict[str, Any]],
    *,
    mentor_side: bool,
    mentee_name: str,
    mentor_name: str = "",
    manager: bool = False,
) -> list[dict[str, Any]]:
    """Stored factor contributions with each reason worded for the reader: the mentee as
    stored, the mentor turned round, a manager (or anyone outside the pair) in the third
    person naming both people."""
    if manager:
        return [
            c | {"reason": for_manager(c["reason"], mentee_name, mentor_name)}
            for c in contributions
        ]
    if not mentor_side:
        return list(contributions)
    return [c | {"reason": for_mentor(c["reason"], mentee_name)} for c in contributions]
