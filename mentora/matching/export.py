"""A draft as CSV: one row per proposed pair, then one per unmatched mentee.

Reasons are worded for the program manager reading it (third person, naming both people);
the score keeps two decimals of the same 0–100 scale every page and email uses.
"""

from __future__ import annotations

import io

from mentora.lib.cells import csv_writer
from mentora.matching.models import MatchRun
from mentora.matching.reasons import people_name, reasons_for_match, unmatched_text, worded
from mentora.matching.selectors import draft_pairs, unmatched_mentees

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
    program = run.program
    words = {"mentor_word": program.mentor_label, "mentee_word": program.mentee_label}
    for p in draft_pairs(run):
        told = worded(p.contributions, voice="manager", mentee=people_name(p.mentee),
                      mentor=people_name(p.mentor), **words)
        reasons = "; ".join(r.text for r in reasons_for_match(told))
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
                    unmatched_text(u.code, u.params, mentee=people_name(u.mentee),
                                   program=program.name, **words),
                )
            ]
        )
    return out.getvalue()
