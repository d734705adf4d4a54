"""A draft as CSV: one row per proposed pair, then one per unmatched mentee.

Reasons are worded for the program manager reading it (third person, naming both people);
the score keeps two decimals of the same 0–100 scale every page and email uses.
"""

from __future__ import annotations

import io

from mentora.lib.cells import csv_writer
from mentora.matching.models import MatchRun
from mentora.matching.selectors import draft_pairs, unmatched_mentees
from mentora.matching.wording import contributions_for

COLUMNS = [
    "mentee_email",
    "mentee_name",
    "mentee_department",
    "mentor_email",
    "mentor_name",
    "mentor_department",
    "score_out_of_100",
    "pinned",
    "reasons",
    "unmatched_reason",
]


def draft_csv(run: MatchRun) -> str:
    """The draft's pairs (best first) and unmatched mentees as CSV text (three queries)."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(COLUMNS)
    for p in draft_pairs(run):
        worded = contributions_for(
            p.contributions[:4],
            mentor_side=False,
            manager=True,
            mentee_name=p.mentee.get_short_name(),
            mentor_name=p.mentor.get_short_name(),
        )
        reasons = "; ".join(c["reason"] for c in worded if c["contribution"] > 0)
        writer.writerow(
            [
                x
                for x in (
                    p.mentee.email,
                    p.mentee.full_name,
                    p.mentee.profile.department,
                    p.mentor.email,
                    p.mentor.full_name,
                    p.mentor.profile.department,
                    f"{p.score * 100:.2f}",
                    "yes" if p.pinned else "no",
                    reasons,
                    "",
                )
            ]
        )
    for u in unmatched_mentees(run):
        writer.writerow(
            [
                x
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
