"""Who may change the organization's chat settings (Slack, Teams).

Notifications sits below accounts in the layers (pyproject, docs/decisions/0022), so it reads
the user's own flags rather than importing accounts.permissions: the rule is the same one
(an active organization admin or superuser).
"""

from __future__ import annotations

from typing import Any


def can_manage_chat(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (getattr(user, "is_org_admin", False) or user.is_superuser)
    )
