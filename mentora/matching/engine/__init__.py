"""Pure matching engine: features in, optimal assignment and explanations out.

No Django imports anywhere in this package (a test asserts it). See docs/matching.md.
"""

from .candidates import Candidates, build_candidates
from .explain import Contribution, Explanation, Unmatched, explain, explain_pairs, why_unmatched
from .fit import PathFit, path_fit, path_fitting_pairs
from .pricing import Matching, match
from .scoring import CONSTRAINT_NAMES, Problem
from .solver import Duals, MatchResult, solve
from .types import (
    FACTORS,
    Constraints,
    Labels,
    MenteeFeatures,
    MentorFeatures,
    PairLists,
    Weights,
    sets_to_csr,
)

__all__ = [
    "CONSTRAINT_NAMES",
    "FACTORS",
    "Candidates",
    "Constraints",
    "Contribution",
    "Duals",
    "Explanation",
    "Labels",
    "MatchResult",
    "Matching",
    "PathFit",
    "MenteeFeatures",
    "MentorFeatures",
    "PairLists",
    "Problem",
    "Unmatched",
    "Weights",
    "build_candidates",
    "explain",
    "explain_pairs",
    "match",
    "path_fit",
    "path_fitting_pairs",
    "sets_to_csr",
    "solve",
    "why_unmatched",
]
