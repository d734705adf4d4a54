"""Occupation search by job title: typo-tolerant, abbreviation-aware, ranked.

An in-memory index of every occupation title, alternate title, short title and reported title
is built once per process from the database and rebuilt when a new O*NET release is loaded
(the cache is keyed by the current DataRelease).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from mentora.careers.titles import heads, normalise, strip_parentheses, tokens

# How much a match through each kind of title counts: the official title is the surest.
KIND_WEIGHT = {"title": 1.0, "alternate": 0.97, "reported": 0.97, "short": 0.95}
MIN_SCORE = 45.0
MAX_QUERY_LENGTH = 200
TOKEN_CUTOFF = 80.0
TYPO_PENALTY = 3.0
RELATIVE_WINDOW = 15.0
EVIDENCE_CAP = 3.0
SUPPORT_CAP = 1.0
CATCH_ALL_WEIGHT = 0.97


@dataclass(frozen=True)
class Match:
    """One occupation found for a job title, with the title that matched it."""

    code: str
    title: str
    matched_title: str
    matched_kind: str
    score: float
    job_zone: int | None


@dataclass
class _Entry:
    norm: str
    tokens: tuple[str, ...]
    heads: frozenset[str]
    code: str
    original: str
    kind: str
    evidence: float = 0.0


def _evidence(kind: str, source: str) -> float:
    """How strongly O*NET ties a title to an occupation: its own title, a title shown in
    My Next Move, or an alternate title found by several of O*NET's sources."""
    if kind == "title":
        return 4.0
    if kind == "reported":
        return 3.0 if source else 1.0
    if kind == "alternate":
        return float(max(1, len([s for s in source.split(",") if s.strip()])))
    return 1.0


class TitleIndex:
    """Normalised titles of all occupations; pure Python and rapidfuzz, no database."""

    def __init__(
        self,
        occupations: Iterable[tuple[str, str, int | None]],
        titles: Iterable[tuple[str, str, str, str]],
    ) -> None:
        self.occupations: dict[str, tuple[str, int | None]] = {}
        best: dict[tuple[str, str], _Entry] = {}

        def add(code: str, original: str, kind: str, source: str) -> None:
            plain, inner = strip_parentheses(original)
            seen: set[str] = set()
            for variant in (plain, *inner):
                words = tuple(tokens(variant))
                norm = " ".join(words)
                if not words or norm in seen:
                    continue
                seen.add(norm)
                entry = best.get((norm, code))
                if entry is None:
                    entry = best[(norm, code)] = _Entry(
                        norm=norm,
                        tokens=words,
                        heads=frozenset(heads(variant)),
                        code=code,
                        original=original,
                        kind=kind,
                    )
                elif KIND_WEIGHT[kind] > KIND_WEIGHT[entry.kind]:
                    entry.kind, entry.original = kind, original
                entry.evidence += _evidence(kind, source)

        for code, title, job_zone in occupations:
            self.occupations[code] = (title, job_zone)
            add(code, title, "title", "")
        for code, title, kind, source in titles:
            if code in self.occupations:
                add(code, title, kind, source)
        self.entries = list(best.values())
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(self.entries):
            for token in set(entry.tokens):
                self.postings[token].append(i)
        self.vocabulary = list(self.postings)

    def __len__(self) -> int:
        return len(self.entries)

    def _similar(self, token: str) -> dict[str, float]:
        """Index words close to ``token``: itself, and for longer words those a typo away."""
        found = {token: 100.0} if token in self.postings else {}
        if len(token) >= 4:
            for word, score, _ in process.extract(
                token, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TOKEN_CUTOFF, limit=8
            ):
                # A word a typo away counts, but far less than the word itself: "marker" must
                # not pass for "marketer" as easily as "enginer" passes for "engineer".
                found.setdefault(word, max(0.0, 100.0 - (100.0 - score) * TYPO_PENALTY))
        return found

    def search(self, query: str, limit: int = 10) -> list[Match]:
        query = query[:MAX_QUERY_LENGTH]
        words = tokens(query)
        if not words or limit < 1:
            return []
        norm = " ".join(words)
        similar = [self._similar(word) for word in words]
        query_heads = heads(query) or {words[-1]}
        head_similar: dict[str, float] = {}
        for head in query_heads:
            for word, score in self._similar(head).items():
                head_similar[word] = max(score, head_similar.get(word, 0.0))
        candidates: set[int] = set()
        for sims in similar:
            for word in sims:
                candidates.update(self.postings[word])

        scored: dict[str, list[tuple[float, _Entry]]] = defaultdict(list)
        for i in candidates:
            entry = self.entries[i]
            if entry.norm == norm:
                score = 100.0
            else:
                covered = sum(
                    max((sims.get(t, 0.0) for t in entry.tokens), default=0.0) for sims in similar
                ) / len(similar)
                role = max((head_similar.get(h, 0.0) for h in entry.heads), default=0.0)
                base = fuzz.token_sort_ratio(norm, entry.norm)
                score = min(99.0, 0.4 * base + 0.4 * covered + 0.2 * role)
            score = score * KIND_WEIGHT[entry.kind] + min(EVIDENCE_CAP, 0.5 * entry.evidence)
            scored[entry.code].append((score, entry))

        matches: list[tuple[float, str, _Entry]] = []
        for code, hits in scored.items():
            hits.sort(key=lambda hit: -hit[0])
            top, entry = hits[0]
            # Other titles of the same occupation that match nearly as well are more evidence.
            top += min(SUPPORT_CAP, 0.25 * sum(1 for s, _ in hits[1:] if s >= top - 10))
            title, job_zone = self.occupations[code]
            if job_zone is None or "All Other" in title:
                top *= CATCH_ALL_WEIGHT  # catch-all groups and occupations without data
            if top >= MIN_SCORE:
                matches.append((top, code, entry))
        matches.sort(key=lambda m: (-m[0], m[1]))
        if matches:
            # Far weaker matches than the best are noise ("marker" for "marketer"): leave them.
            floor = matches[0][0] - RELATIVE_WINDOW
            matches = [m for m in matches if m[0] >= floor]
        return [
            Match(
                code=code,
                title=self.occupations[code][0],
                matched_title=entry.original,
                matched_kind=entry.kind,
                score=round(min(total, 100.0), 1),
                job_zone=self.occupations[code][1],
            )
            for total, code, entry in matches[:limit]
        ]


_lock = threading.Lock()
_cache: dict[str, object] = {"key": None, "index": None}


def get_index() -> TitleIndex:
    """The index for the current O*NET release, built on first use and after each new load."""
    from mentora.careers.models import AlternateTitle, DataRelease, Occupation

    release = DataRelease.objects.current(DataRelease.Source.ONET)
    key = (release.pk, release.loaded_at) if release else None
    with _lock:
        if _cache["index"] is None or _cache["key"] != key:
            _cache["index"] = TitleIndex(
                Occupation.objects.values_list("code", "title", "job_zone_id").iterator(),
                AlternateTitle.objects.values_list(
                    "occupation_id", "title", "kind", "source"
                ).iterator(),
            )
            _cache["key"] = key
        index = _cache["index"]
    assert isinstance(index, TitleIndex)
    return index


def search_occupations(query: str, limit: int = 10) -> list[Match]:
    """Occupations whose titles best match a job title as a person would type it."""
    return get_index().search(query, limit=limit)


__all__ = ["Match", "TitleIndex", "get_index", "normalise", "search_occupations"]
