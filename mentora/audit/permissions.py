"""Who may read the audit log: organization admins only (page, API and Django admin alike)."""

from __future__ import annotations

from typing import Any

from mentora.accounts.permissions import is_org_admin


def can_read_audit_log(user: Any) -> bool:
    """Organization admins (and superusers); nobody else, not even program managers."""
    return is_org_admin(user)
