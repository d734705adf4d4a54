"""Job-title normalisation: the words people type, reduced to the words O*NET uses.

Pure functions with no Django, shared by the search index and its queries so both sides of a
comparison are normalised the same way.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Abbreviations and spellings seen in job titles → the words O*NET titles use.
ABBREVIATIONS: dict[str, str] = {
    "swe": "software engineer",
    "sde": "software development engineer",
    "sre": "site reliability engineer",
    "sdet": "software test engineer",
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "mgr": "manager",
    "mngr": "manager",
    "mgmt": "management",
    "eng": "engineer",
    "engr": "engineer",
    "dev": "developer",
    "devs": "developer",
    "admin": "administrator",
    "sysadmin": "systems administrator",
    "dba": "database administrator",
    "asst": "assistant",
    "assoc": "associate",
    "dir": "director",
    "exec": "executive",
    "vp": "vice president",
    "svp": "senior vice president",
    "evp": "executive vice president",
    "avp": "assistant vice president",
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "coo": "chief operating officer",
    "cto": "chief technology officer",
    "cio": "chief information officer",
    "cmo": "chief marketing officer",
    "ciso": "chief information security officer",
    "hr": "human resources",
    "hrbp": "human resources business partner",
    "it": "information technology",
    "qa": "quality assurance",
    "ux": "user experience",
    "ui": "user interface",
    "rn": "registered nurse",
    "lpn": "licensed practical nurse",
    "cna": "certified nursing assistant",
    "np": "nurse practitioner",
    "pa": "physician assistant",
    "cpa": "certified public accountant",
    "acct": "accountant",
    "mktg": "marketing",
    "mkt": "marketing",
    "ops": "operations",
    "tech": "technician",
    "coord": "coordinator",
    "rep": "representative",
    "reps": "representative",
    "spec": "specialist",
    "sw": "software",
    "sys": "systems",
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "bi": "business intelligence",
    "csr": "customer service representative",
    "frontend": "front end",
    "backend": "back end",
    "fullstack": "full stack",
    "devops": "devops",
    "gm": "general manager",
    "pr": "public relations",
    "seo": "search engine optimization",
    "cnc": "cnc",
}
# Level and grade markers that say nothing about the occupation: "II", "III", "L4", "level 2".
LEVEL_RE = re.compile(r"^(?:i{1,3}|iv|vi{0,3}|ix|x|\d+|l\d+|[a-z]\d+)$")
LEVEL_WORDS = {"level", "grade", "tier", "band"}
# Seniority says how far along someone is, not which occupation they are in.
SENIORITY = {"senior", "junior", "entry"}
# Seniority words that are also role words at the end of a title ("Team Lead", "Chief of Staff").
SOFT_SENIORITY = {"staff", "lead", "principal", "head"}
STOP = {"the", "a", "an", "for", "in", "at", "to", "with", "of", "and", "or"}
# Whole phrases people use for which O*NET has another name.
PHRASES: dict[str, str] = {
    "product owner": "product manager",
    "head of": "director of",
    "co founder": "chief executive officer",
    "cofounder": "chief executive officer",
    "founder": "chief executive officer",
    "people partner": "human resources business partner",
}
PHRASE_RE = re.compile(r"\b(" + "|".join(map(re.escape, PHRASES)) + r")\b")
WORD_RE = re.compile(r"[a-z0-9+#]+")
APOSTROPHE_RE = re.compile(r"(?<=\w)['’](?=\w)")
HEAD_SPLIT_RE = re.compile(r"\s(?:and|or)\s|/|&")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def singular(word: str) -> str:
    """A crude singular, applied to both sides alike: 'managers' → 'manager'."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def strip_parentheses(title: str) -> tuple[str, list[str]]:
    """'Registered Nurse (RN)' → ('Registered Nurse', ['RN'])."""
    inner = re.findall(r"\(([^)]*)\)", title)
    return re.sub(r"\([^)]*\)", " ", title), [i for i in inner if i.strip()]


def tokens(title: str) -> list[str]:
    """Normalised words of a title: lower case, abbreviations expanded, levels dropped."""
    return list(_tokens(title))


@functools.lru_cache(maxsize=1 << 16)
def _tokens(title: str) -> tuple[str, ...]:
    text = _ascii(title).lower().replace("&", " and ")
    text = APOSTROPHE_RE.sub("", text)  # o'neil → oneil
    text = " ".join(WORD_RE.findall(text))
    text = PHRASE_RE.sub(lambda m: PHRASES[m.group(1)], text)
    words = text.split()
    out: list[str] = []
    skip = 0
    for i, word in enumerate(words):
        if skip:
            skip -= 1
            continue
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in LEVEL_WORDS and LEVEL_RE.match(following):
            skip = 1  # "level 2", "grade ii"
            continue
        if out and LEVEL_RE.match(word):
            continue  # "II" after a title word; a leading number ("911 dispatcher") stays
        if word in SOFT_SENIORITY and i < len(words) - 1:
            continue  # "Lead Engineer" → engineer, but "Team Lead" keeps its role word
        for part in ABBREVIATIONS.get(word, word).split():
            if part not in SENIORITY and part not in STOP:
                out.append(singular(part))
    return tuple(out)


def normalise(title: str) -> str:
    return " ".join(tokens(title))


def heads(title: str) -> set[str]:
    """The role nouns of a title: 'Market Research Analysts and Marketing Specialists' →
    {analyst, specialist}; 'Director of Sales' → {director}. Qualifiers after a comma are
    ignored ('Sales Representatives, Wholesale …' → {representative})."""
    text, _ = strip_parentheses(title)
    text = text.split(",")[0]
    text = re.split(r"\sof\s", text, maxsplit=1)[0]
    found: set[str] = set()
    for part in HEAD_SPLIT_RE.split(f" {text.lower()} "):
        words = tokens(part)
        if words:
            found.add(words[-1])
    return found
