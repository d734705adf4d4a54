"""One-time conversion of explanations stored as English sentences (before reason codes).

Used only by the data migrations ``matching 0003`` and ``recommendations 0003``: each old
sentence (written to the mentee by the engine of that time) becomes the reason code and
parameters the engine emits now. A sentence not recognised becomes ``legacy.unexplained``
(worded as "<factor>: scored before reasons were recorded"). Frozen: do not extend.
"""

from __future__ import annotations

import re
from typing import Any

_AXES = {"structured": ("structure", "structured"), "free-form": ("structure", "free-form"),
         "directive": ("approach", "directive"), "exploratory": ("approach", "exploratory"),
         "challenging": ("challenge", "challenging"), "supportive": ("challenge", "supportive"),
         "big-picture": ("focus", "big-picture"), "hands-on": ("focus", "hands-on"),
         "formal": ("channel", "formal"), "casual": ("channel", "casual")}


def _pole(word: str) -> tuple[str, str]:
    return _AXES.get(word.strip().split("/")[0].replace("balanced ", ""), ("", ""))


_PATTERNS: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"^Has worked as (.+) — your target role$"),
     lambda m: ("role.held_target", {"role": m[1]})),
    (re.compile(r"^Has worked as (.+), related to (.+)$"),
     lambda m: ("role.held_related", {"role": "" if m[2] == "your target role" else m[2],
                                      "held": [x.strip() for x in m[1].split(",")]})),
    (re.compile(r"^Has worked in the same occupation family as (.+)$"),
     lambda m: ("role.same_family", {"role": "" if m[1] == "your target role" else m[1]})),
    (re.compile(r"^Has not worked as (.+) or in a related role$"),
     lambda m: ("role.not_related", {"role": "" if m[1] == "your target role" else m[1]})),
    (re.compile(r"^You have not set a target role$"), lambda m: ("role.no_target", {})),
    (re.compile(r"^You listed no skills to develop$"), lambda m: ("skills.none_wanted", {})),
    (re.compile(r"^Offers none of the skills you want to develop$"),
     lambda m: ("skills.none_offered", {})),
    (re.compile(r"^Offers (\d+) of the (\d+) skills you want: (.+)$"),
     lambda m: ("skills.offered", {"count": int(m[1]), "wanted": int(m[2]),
                                   "skills": [x.strip() for x in m[3].split(",")]})),
    (re.compile(r"^Their experience .*\(similarity ([\d.]+)\)$"),
     lambda m: (("text.close" if float(m[1]) >= 0.75 else "text.some_overlap"
                 if float(m[1]) >= 0.6 else "text.little_overlap"),
                {"similarity": float(m[1])})),
    (re.compile(r"^You stated no style preference$"), lambda m: ("style.no_preference", {})),
    (re.compile(r"^Style fit (\d+)%$"),
     lambda m: ("style.fit" if int(m[1]) >= 75 else "style.partial", {"percent": int(m[1])})),
    (re.compile(r"^[Yy]ou want (.+?) sessions, they are more (.+?)(;|$)"),
     lambda m: ("style.differs", {"axis": _pole(m[1])[0], "wanted_pole": _pole(m[1])[1],
                                  "their_pole": _pole(m[2])[1]})),
    (re.compile(r"^Both prefer (.+?) sessions"),
     lambda m: ("style.shared", {"axes": [{"axis": _pole(w)[0], "pole": _pole(w)[1]}
                                          for w in m[1].split(" and ")], "cadence": ""})),
    (re.compile(r"^Both like to meet (.+)$"), lambda m: ("style.cadence", {"cadence": m[1]})),
    (re.compile(r"^No personality profile to compare$"),
     lambda m: ("personality.unknown", {})),
    (re.compile(r"^Similar personality profiles \((\d+)% alike\)$"),
     lambda m: ("personality.similar" if int(m[1]) >= 70 else "personality.different",
                {"percent": int(m[1])})),
    (re.compile(r"^(\d+) more years of experience than you$"),
     lambda m: ("experience.more_years", {"years": int(m[1])})),
    (re.compile(r"^(\d+) fewer years of experience than you$"),
     lambda m: ("experience.fewer_years", {"years": int(m[1])})),
    (re.compile(r"^As experienced as you$"), lambda m: ("experience.same_years", {})),
    (re.compile(r"^Availability not stated$"), lambda m: ("availability.unknown", {})),
    (re.compile(r"^([\d.]+) h of shared working hours a week$"),
     lambda m: ("availability.overlap" if float(m[1]) >= 2 else "availability.little",
                {"hours": float(m[1])})),
    (re.compile(r"^You want to meet in person, they meet remotely only$"),
     lambda m: ("format.wants_in_person", {})),
    (re.compile(r"^You want remote meetings, they meet in person only$"),
     lambda m: ("format.wants_remote", {})),
    (re.compile(r"^Both fine with remote meetings$"), lambda m: ("format.remote", {})),
    (re.compile(r"^Both fine with meeting in person$"), lambda m: ("format.in_person", {})),
    (re.compile(r"^Both flexible about the meeting format$"), lambda m: ("format.flexible", {})),
    (re.compile(r"^You shortlisted this "), lambda m: ("preference.shortlisted", {})),
    (re.compile(r"^You asked not to be matched with this "),
     lambda m: ("preference.avoided", {})),
    (re.compile(r"^No stated preference$"), lambda m: ("preference.none", {})),
    (re.compile(r"^Department unknown$"), lambda m: ("department.unknown", {})),
    (re.compile(r"^From another department$"), lambda m: ("department.other", {})),
    (re.compile(r"^Same department$"), lambda m: ("department.same", {})),
]


def convert_contribution(c: dict[str, Any]) -> dict[str, Any]:
    """An old ``{factor, label, weight, value, contribution, reason}`` row as a coded row."""
    if "code" in c:
        return c
    reason = str(c.get("reason", ""))
    code, params = "legacy.unexplained", {}
    for pattern, build in _PATTERNS:
        m = pattern.search(reason)
        if m:
            code, params = build(m)
            break
    out = {k: v for k, v in c.items() if k not in ("reason", "label")}
    return {**out, "code": code, "params": params}


def convert_list(rows: Any) -> Any:
    """Every row of a stored contributions list converted (anything else returned as is)."""
    if not isinstance(rows, list):
        return rows
    return [convert_contribution(r) if isinstance(r, dict) else r for r in rows]
