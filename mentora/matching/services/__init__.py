"""Matching workbench services: runs, rules (pins and forbids), drafts (moves) and publish.

The package keeps the import path ``mentora.matching.services`` of the single module it was.
"""

from mentora.matching.services.drafts import MoveOption, MoveResult, draft_move, move_options
from mentora.matching.services.publish import (
    PublishPreview,
    PublishReport,
    draft_publish,
    match_withdraw,
    publish_preview,
)
from mentora.matching.services.rules import (
    PRIORITIES,
    matchpriority_set,
    matchrule_delete,
    matchrule_set,
    priority_of,
)
from mentora.matching.services.runs import (
    FACTOR_LABELS,
    LEASE,
    PREVIEW_SYNC_PAIRS,
    contributions_json,
    draft_refresh,
    matchrun_claim,
    matchrun_execute,
    matchrun_start,
    matchruns_process,
    whatif_adopt,
    whatif_preview,
)

__all__ = [
    "FACTOR_LABELS",
    "LEASE",
    "PREVIEW_SYNC_PAIRS",
    "MoveOption",
    "MoveResult",
    "PublishPreview",
    "PublishReport",
    "contributions_json",
    "draft_move",
    "draft_publish",
    "draft_refresh",
    "match_withdraw",
    "publish_preview",
    "PRIORITIES",
    "matchpriority_set",
    "priority_of",
    "matchrule_delete",
    "matchrule_set",
    "matchrun_claim",
    "matchrun_execute",
    "matchrun_start",
    "matchruns_process",
    "move_options",
    "whatif_adopt",
    "whatif_preview",
]
