"""Scores as people read them: the engine's 0–1 fit as a whole number out of 100."""

from __future__ import annotations


def score_100(score: float) -> int:
    """88 for 0.8817: the unit of every score a person sees (pages, emails, CLI)."""
    return round(score * 100)


def score_text(score: float | None) -> str:
    """"88 out of 100" (or "—" when there is no score)."""
    return "—" if score is None else f"{score_100(score)} out of 100"
