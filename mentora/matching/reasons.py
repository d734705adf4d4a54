"""Reason codes worded for people: one table, three voices.

The engine explains a pair as a reason code and parameters per factor (``engine/factors``).
This module is the only place those codes become words:

- ``mentee``: the mentee reading about their mentor ("Ana has worked as Data Engineer, your
  target role");
- ``mentor``: the mentor reading about their mentee ("You have worked as Data Engineer,
  Tom's target role");
- ``manager``: anyone outside the pair, naming both people.

Names are the names people go by (``people_name``), role words the program's own
(mentor/mentee, coach/coachee, peer). A factor whose code is not ``for`` the match is never
listed as a reason for it (``is_reason``). Stored rows keep codes and parameters, so a wording
change here changes every old explanation too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mentora.matching.engine.factors import CODES, LABELS

VOICES = ("mentee", "mentor", "manager")
LEGACY = "legacy.unexplained"  # stored before reason codes, and not recognised

# code -> (mentee reading about the mentor, mentor reading about the mentee, a manager)
TEMPLATES: dict[str, tuple[str, str, str]] = {
    "role.held_target": (
        "{mentor} has worked as {role}, your target role",
        "You have worked as {role}, {mentee}'s target role",
        "{mentor} has worked as {role}, {mentee}'s target role",
    ),
    "role.held_related": (
        "{mentor} has worked {held_as}, related to your target role {role}",
        "You have worked {held_as}, related to {mentee}'s target role {role}",
        "{mentor} has worked {held_as}, related to {mentee}'s target role {role}",
    ),
    "role.same_family": (
        "{mentor} has worked in the same family of roles as your target role {role}",
        "You have worked in the same family of roles as {mentee}'s target role {role}",
        "{mentor} has worked in the same family of roles as {mentee}'s target role {role}",
    ),
    "role.not_related": (
        "{mentor} has not worked as {role} or in a related role",
        "You have not worked as {role} ({mentee}'s target role) or in a related role",
        "{mentor} has not worked as {role} ({mentee}'s target role) or in a related role",
    ),
    "role.no_target": (
        "You have not set a target role",
        "{mentee} has not set a target role",
        "{mentee} has not set a target role",
    ),
    "skills.offered": (
        "{mentor} offers {count} of the {wanted} skills you want to develop: {skills}",
        "You offer {count} of the {wanted} skills {mentee} wants to develop: {skills}",
        "{mentor} offers {count} of the {wanted} skills {mentee} wants to develop: {skills}",
    ),
    "skills.none_offered": (
        "{mentor} offers none of the skills you want to develop",
        "You offer none of the skills {mentee} wants to develop",
        "{mentor} offers none of the skills {mentee} wants to develop",
    ),
    "skills.none_wanted": (
        "You listed no skills to develop",
        "{mentee} listed no skills to develop",
        "{mentee} listed no skills to develop",
    ),
    "text.close": (
        "{mentor}'s experience reads close to your goals",
        "Your experience reads close to {mentee}'s goals",
        "{mentor}'s experience reads close to {mentee}'s goals",
    ),
    "text.some_overlap": (
        "{mentor}'s experience has some overlap with your goals",
        "Your experience has some overlap with {mentee}'s goals",
        "{mentor}'s experience has some overlap with {mentee}'s goals",
    ),
    "text.little_overlap": (
        "{mentor}'s experience has little overlap with your goals",
        "Your experience has little overlap with {mentee}'s goals",
        "{mentor}'s experience has little overlap with {mentee}'s goals",
    ),
    "text.not_stated": (
        "Not enough is written about your goals and {mentor}'s experience to compare them",
        "Not enough is written about {mentee}'s goals and your experience to compare them",
        "Not enough is written about {mentee}'s goals and {mentor}'s experience to compare",
    ),
    "style.shared": (
        "You and {mentor} both prefer {styles}",
        "You and {mentee} both prefer {styles}",
        "{mentee} and {mentor} both prefer {styles}",
    ),
    "style.cadence": (
        "You and {mentor} both like to meet {cadence}",
        "You and {mentee} both like to meet {cadence}",
        "{mentee} and {mentor} both like to meet {cadence}",
    ),
    "style.fit": (
        "{mentor}'s style fits how you like to work ({percent} %)",
        "Your style fits how {mentee} likes to work ({percent} %)",
        "{mentor}'s style fits how {mentee} likes to work ({percent} %)",
    ),
    "style.partial": (
        "{mentor}'s style only partly fits how you like to work ({percent} %)",
        "Your style only partly fits how {mentee} likes to work ({percent} %)",
        "{mentor}'s style only partly fits how {mentee} likes to work ({percent} %)",
    ),
    "style.differs": (
        "You want {wanted_style}; {mentor} leans towards {theirs_style}",
        "{mentee} wants {wanted_style}; you lean towards {theirs_style}",
        "{mentee} wants {wanted_style}; {mentor} leans towards {theirs_style}",
    ),
    "style.no_preference": (
        "You stated no style preference",
        "{mentee} stated no style preference",
        "{mentee} stated no style preference",
    ),
    "personality.similar": (
        "You and {mentor} have similar personality profiles ({percent} % alike)",
        "You and {mentee} have similar personality profiles ({percent} % alike)",
        "{mentee} and {mentor} have similar personality profiles ({percent} % alike)",
    ),
    "personality.different": (
        "You and {mentor} have different personality profiles ({percent} % alike)",
        "You and {mentee} have different personality profiles ({percent} % alike)",
        "{mentee} and {mentor} have different personality profiles ({percent} % alike)",
    ),
    "personality.unknown": (
        "No personality profiles to compare",
        "No personality profiles to compare",
        "No personality profiles to compare",
    ),
    "experience.more_years": (
        "{mentor} has {years_text} more experience than you",
        "You have {years_text} more experience than {mentee}",
        "{mentor} has {years_text} more experience than {mentee}",
    ),
    "experience.same_years": (
        "{mentor} has as many years of experience as you",
        "You have as many years of experience as {mentee}",
        "{mentor} has as many years of experience as {mentee}",
    ),
    "experience.fewer_years": (
        "{mentor} has {years_text} less experience than you",
        "You have {years_text} less experience than {mentee}",
        "{mentor} has {years_text} less experience than {mentee}",
    ),
    "experience.coach": (
        "{mentor} is {credential_text}{focus_mentee}",
        "You are {credential_text}{focus_mentor}",
        "{mentor} is {credential_text}{focus_manager}",
    ),
    "experience.coach_none": (
        "{mentor} has no coaching credential and covers none of the focus areas you want",
        "You have no coaching credential and cover none of the focus areas {mentee} wants",
        "{mentor} has no coaching credential and covers none of {mentee}'s focus areas",
    ),
    "availability.overlap": (
        "You and {mentor} share {hours_text} of working time a week",
        "You and {mentee} share {hours_text} of working time a week",
        "{mentee} and {mentor} share {hours_text} of working time a week",
    ),
    "availability.little": (
        "You and {mentor} share only {hours_text} of working time a week",
        "You and {mentee} share only {hours_text} of working time a week",
        "{mentee} and {mentor} share only {hours_text} of working time a week",
    ),
    "availability.unknown": (
        "You or {mentor} have not said when you are available",
        "You or {mentee} have not said when you are available",
        "{mentee} or {mentor} has not said when they are available",
    ),
    "format.remote": (
        "You and {mentor} are both fine meeting remotely",
        "You and {mentee} are both fine meeting remotely",
        "{mentee} and {mentor} are both fine meeting remotely",
    ),
    "format.in_person": (
        "You and {mentor} are both fine meeting in person",
        "You and {mentee} are both fine meeting in person",
        "{mentee} and {mentor} are both fine meeting in person",
    ),
    "format.flexible": (
        "You and {mentor} are both flexible about how to meet",
        "You and {mentee} are both flexible about how to meet",
        "{mentee} and {mentor} are both flexible about how to meet",
    ),
    "format.wants_in_person": (
        "You want to meet in person; {mentor} meets remotely only",
        "{mentee} wants to meet in person; you meet remotely only",
        "{mentee} wants to meet in person; {mentor} meets remotely only",
    ),
    "format.wants_remote": (
        "You want to meet remotely; {mentor} meets in person only",
        "{mentee} wants to meet remotely; you meet in person only",
        "{mentee} wants to meet remotely; {mentor} meets in person only",
    ),
    "preference.shortlisted": (
        "You shortlisted {mentor}",
        "{mentee} shortlisted you",
        "{mentee} shortlisted {mentor}",
    ),
    "preference.avoided": (
        "You asked not to be matched with {mentor}",
        "{mentee} asked not to be matched with you",
        "{mentee} asked not to be matched with {mentor}",
    ),
    "preference.none": (
        "You stated no preference for or against {mentor}",
        "{mentee} stated no preference for or against you",
        "{mentee} stated no preference for or against {mentor}",
    ),
    "department.other": (
        "{mentor} works in another department, which widens your network",
        "{mentee} works in another department, which widens your network",
        "{mentee} and {mentor} work in different departments",
    ),
    "department.same": (
        "You and {mentor} work in the same department",
        "You and {mentee} work in the same department",
        "{mentee} and {mentor} work in the same department",
    ),
    "department.unknown": (
        "Your department or {mentor}'s is not known",
        "Your department or {mentee}'s is not known",
        "The department of {mentee} or {mentor} is not known",
    ),
    "location.same": (
        "You and {mentor} both work at {location}",
        "You and {mentee} both work at {location}",
        "{mentee} and {mentor} both work at {location}",
    ),
    "location.other": (
        "You and {mentor} work at different locations",
        "You and {mentee} work at different locations",
        "{mentee} and {mentor} work at different locations",
    ),
    "location.unknown": (
        "Your location or {mentor}'s is not known",
        "Your location or {mentee}'s is not known",
        "The location of {mentee} or {mentor} is not known",
    ),
    "answers.same": (
        "You and {mentor} gave the same answer to {same_text}{answers_text}",
        "You and {mentee} gave the same answer to {same_text}{answers_text}",
        "{mentee} and {mentor} gave the same answer to {same_text}{answers_text}",
    ),
    "answers.different": (
        "You and {mentor} answered the program's questions differently",
        "You and {mentee} answered the program's questions differently",
        "{mentee} and {mentor} answered the program's questions differently",
    ),
    "answers.none": (
        "There is no answer of yours to the program's questions to compare with {mentor}'s",
        "There is no answer of {mentee}'s to the program's questions to compare with yours",
        "There is no answer of {mentee}'s to the program's questions to compare with "
        "{mentor}'s",
    ),
    LEGACY: (
        "{label}: scored before reasons were recorded",
        "{label}: scored before reasons were recorded",
        "{label}: scored before reasons were recorded",
    ),
}

# How a style pole reads after "prefer" / "wants" (axis key -> pole -> words).
STYLE_WORDS: dict[str, dict[str, str]] = {
    "structure": {"structured": "structured sessions", "free-form": "free-form sessions",
                  "balanced": "sessions between structured and free-form"},
    "approach": {"directive": "direct advice", "exploratory": "exploring questions together",
                 "balanced": "a mix of advice and exploring"},
    "challenge": {"challenging": "being challenged", "supportive": "a supportive tone",
                  "balanced": "a mix of challenge and support"},
    "focus": {"big-picture": "big-picture conversations", "hands-on": "hands-on practice",
              "balanced": "a mix of big picture and hands-on"},
    "channel": {"formal": "a formal tone", "casual": "a casual tone",
                "balanced": "a tone between formal and casual"},
}
CREDENTIAL_WORDS = {"accredited": "an accredited coach", "trained": "a trained coach",
                    "none": "not a trained coach"}

# Why a mentee stayed unmatched (read by managers): code -> template.
UNMATCHED: dict[str, str] = {
    "no_mentors": "{program} has no {mentors} with a free place",
    "constraints": "No {mentor_word} passed the program's rules ({eliminated})",
    "fit_floor": "No {mentor_word} in this program is a good fit for {mentee}{target_text}"
                 "{closest_text}",
    "capacity": "Every {mentor_word} who fits {mentee} is full: their places went to "
                "better-fitting {mentees}",
    "pruned": "{room} {mentors} who fit {mentee} still have room but were outside the "
              "candidates compared; run the matching again",
}
CONSTRAINT_TEXT = {
    "forbidden": "forbidden by a program manager",
    "do_not_pair": "asked not to be paired",
    "same_person": "the same person",
    "reporting_line": "in the same reporting line",
    "shared_language": "no shared language",
    "min_overlap": "too little shared weekly availability",
    "experience_gap": "not enough more experience",
    "fit_floor": "not a good fit for the career path",
    "min_score": "below the minimum score",
}


def plural(word: str) -> str:
    """A role word in the plural: mentors, coaches, peers."""
    return f"{word}es" if word.endswith(("ch", "sh", "s", "x")) else f"{word}s"


def people_name(user: Any) -> str:
    """The name a person goes by: their preferred name, else their full name."""
    if user is None:
        return ""
    profile = getattr(user, "profile", None)  # a missing profile raises an AttributeError
    preferred = (getattr(profile, "preferred_name", "") or "").strip()
    return preferred or getattr(user, "full_name", "") or str(user)


def _join(items: Iterable[str]) -> str:
    xs = [x for x in items if x]
    if len(xs) <= 1:
        return "".join(xs)
    return ", ".join(xs[:-1]) + " and " + xs[-1]


def _years(n: int) -> str:
    return "1 year" if n == 1 else f"{n} years"


def _values(code: str, params: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    p: dict[str, Any] = {**params, **names}
    p["role"] = params.get("role") or "(not named)"
    held = [h for h in params.get("held", []) if h]
    p["held_as"] = f"as {_join(held)}" if held else "in a related role"
    p["skills"] = _join(params.get("skills", []))
    p["years_text"] = _years(int(params.get("years", 0)))
    styles = [STYLE_WORDS.get(a.get("axis", ""), {}).get(a.get("pole", ""), "")
              for a in params.get("axes", [])]
    if params.get("cadence"):
        styles.append(f"meeting {params['cadence']}")
    p["styles"] = _join(styles)
    axis = STYLE_WORDS.get(params.get("axis", ""), {})
    p["wanted_style"] = axis.get(params.get("wanted_pole", ""), "another style")
    p["theirs_style"] = axis.get(params.get("their_pole", ""), "another style")
    p["credential_text"] = CREDENTIAL_WORDS.get(params.get("credential", "none"), "")
    covered, wanted = int(params.get("covered", 0)), int(params.get("wanted", 0))
    if code == "experience.coach" and wanted:
        p["focus_mentee"] = f" and covers {covered} of the {wanted} focus areas you want"
        p["focus_mentor"] = (
            f" and cover {covered} of the {wanted} focus areas {names['mentee']} wants"
        )
        p["focus_manager"] = (
            f" and covers {covered} of the {wanted} focus areas {names['mentee']} wants"
        )
    else:
        p["focus_mentee"] = p["focus_mentor"] = p["focus_manager"] = ""
    p["location"] = params.get("location") or "the same location"
    asked = int(params.get("asked", 0))
    p["same_text"] = (
        "the program's question" if asked <= 1
        else f"{int(params.get('count', 0))} of the program's {asked} questions"
    )
    chosen = [a for a in params.get("answers", []) if a]
    p["answers_text"] = f": {_join(chosen)}" if chosen else ""
    hours = params.get("hours", 0)
    p["hours"] = f"{hours:g}" if isinstance(hours, int | float) else hours
    p["hours_text"] = f"{p['hours']} hour" if p["hours"] == "1" else f"{p['hours']} hours"
    return p


def render(code: str, params: dict[str, Any], *, voice: str, mentee: str, mentor: str,
           mentor_word: str = "mentor", mentee_word: str = "mentee", label: str = "") -> str:
    """One reason in one voice."""
    if voice not in VOICES:
        raise ValueError(f"voice: expected one of {VOICES}, got {voice!r}")
    template = TEMPLATES.get(code, TEMPLATES[LEGACY])[VOICES.index(voice)]
    names = {"mentee": mentee or f"your {mentee_word}", "mentor": mentor or f"your {mentor_word}",
             "mentor_word": mentor_word, "mentee_word": mentee_word, "label": label}
    text = template.format_map(_values(code, params, names))
    return text[:1].upper() + text[1:]


def polarity(code: str) -> str:
    """``for``, ``against`` or ``info`` (unknown codes are ``info``)."""
    return CODES.get(code, ("", "info"))[1]


@dataclass(frozen=True)
class Reason:
    """A stored factor contribution worded for one reader."""

    factor: str
    label: str
    weight: float
    value: float
    contribution: float
    code: str
    params: dict
    text: str
    polarity: str

    @property
    def is_reason(self) -> bool:
        """A reason for the match: a factor on the pair's side that adds points."""
        return self.polarity == "for" and self.contribution > 0

    @property
    def points(self) -> float:
        return self.contribution * 100

    def as_dict(self) -> dict[str, Any]:
        return {"factor": self.factor, "label": self.label, "weight": self.weight,
                "value": self.value, "contribution": self.contribution, "code": self.code,
                "params": self.params, "reason": self.text, "polarity": self.polarity,
                "is_reason": self.is_reason}


def worded(contributions: Iterable[dict[str, Any]], *, voice: str, mentee: str, mentor: str,
           mentor_word: str = "mentor", mentee_word: str = "mentee") -> list[Reason]:
    """Stored contributions ``{factor, weight, value, contribution, code, params}`` worded."""
    out = []
    for c in contributions:
        factor = c.get("factor", "")
        label = LABELS.get(factor, factor.replace("_", " ").capitalize())
        code = c.get("code") or LEGACY
        out.append(Reason(
            factor=factor, label=label, weight=float(c.get("weight", 0.0)),
            value=float(c.get("value", 0.0)), contribution=float(c.get("contribution", 0.0)),
            code=code, params=dict(c.get("params") or {}),
            text=render(code, c.get("params") or {}, voice=voice, mentee=mentee, mentor=mentor,
                        mentor_word=mentor_word, mentee_word=mentee_word, label=label),
            polarity=polarity(code),
        ))
    return out


def reasons_for_match(reasons: Iterable[Reason], limit: int = 4) -> list[Reason]:
    """The reasons for a match, most points first (never a factor against it)."""
    return sorted((r for r in reasons if r.is_reason), key=lambda r: -r.contribution)[:limit]


def unmatched_text(code: str, params: dict[str, Any], *, mentee: str, program: str,
                   mentor_word: str, mentee_word: str) -> str:
    """Why a mentee stayed unmatched, for a manager."""
    if params.get("legacy"):
        return str(params["legacy"])
    elim = params.get("eliminated", {})
    closest = params.get("closest", [])
    parts = []
    for c in closest:
        about = ", ".join(x for x in (c.get("role", ""), str(c.get("score", ""))) if x)
        parts.append(f"{c.get('name', '')} ({about})" if about else c.get("name", ""))
    target = params.get("target", "")
    values = {
        "program": program, "mentee": mentee or f"this {mentee_word}",
        "mentor_word": mentor_word, "mentee_word": mentee_word,
        "mentors": plural(mentor_word), "mentees": plural(mentee_word),
        "room": params.get("room", 0),
        "eliminated": "; ".join(f"{CONSTRAINT_TEXT.get(k, k)}: {v}" for k, v in elim.items()),
        "target_text": f"'s path to {target}" if target else "",
        "closest_text": f"; closest: {_join(parts)}" if parts else "",
    }
    text = UNMATCHED.get(code, UNMATCHED["constraints"]).format_map(values)
    return text[:1].upper() + text[1:]
