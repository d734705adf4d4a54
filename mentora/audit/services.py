"""Writing the audit log: one service, called by the services that do administrative work."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from mentora.audit.models import ACTIONS, AuditEntry


# Not @transaction.atomic on purpose: one INSERT is atomic by itself, and callers are inside
# their own transaction already, so a savepoint per entry would only cost two queries.
def audit_record(
    *,
    actor: Any | None,
    action: str,
    target_type: str,
    target_id: int | str | None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record an administrative action; it commits or rolls back with the caller's transaction.

    `actor` is the signed-in person, or None for the command line and the worker. `details`
    holds counts, ids and names of settings — never note text or other private content.
    """
    if action not in ACTIONS:
        # A programming error, not bad input: every action is listed in audit.models.ACTIONS.
        raise ValueError(
            f"Unknown audit action {action!r}; add it to mentora.audit.models.ACTIONS."
        )
    if not target_type:
        raise ValueError("audit_record needs a target_type such as 'accounts.user'.")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    # Dates, decimals and UUIDs become strings now, so the row reads back as it was written.
    encoded = DjangoJSONEncoder().encode(details or {})
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=target_type,
        target_id="" if target_id is None else str(target_id),
        details=json.loads(encoded),
    )
