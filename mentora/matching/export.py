"""A draft as CSV: one row per proposed pair, then one per unmatched mentee."""

from __future__ import annotations

import csv
import io

from mentora.matching.models import MatchRun
from mentora.matching.selectors import draft_pairs, unmatched_mentees

COLUMNS = [
    "mentee_email",
    "mentee_name",
    "mentee_department",
    "mentor_email",
    "mentor_name",
    "mentor_department",
    "score",
    "pinned",
    "reasons",
    "unmatched_reason",
]


def _cell(value: object) -> str:
    text = str(value)
    # Spreadsheet programs run cells starting with these as formulas.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def draft_csv(run: MatchRun) -> str:
    """The draft's pairs (best first) and unmatched mentees as CSV text (three queries)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for p in draft_pairs(run):
        reasons = "; ".join(c["reason"] for c in p.contributions[:4] if c["contribution"] > 0)
        writer.writerow(
            [
                _cell(x)
                for x in (
                    p.mentee.email,
                    p.mentee.full_name,
                    p.mentee.profile.department,
                    p.mentor.email,
                    p.mentor.full_name,
                    p.mentor.profile.department,
                    f"{p.score:.4f}",
                    "yes" if p.pinned else "no",
                    reasons,
                    "",
                )
            ]
        )
    for u in unmatched_mentees(run):
        writer.writerow(
            [
                _cell(x)
                for x in (
                    u.mentee.email,
                    u.mentee.full_name,
                    u.mentee.profile.department,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    u.reason,
                )
            ]
        )
    return out.getvalue()
