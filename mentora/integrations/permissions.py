"""Who may manage integrations: organization admins only (pages, API and Django admin alike)."""

from __future__ import annotations

from typing import Any

from mentora.accounts.permissions import is_org_admin


def can_manage_webhooks(user: Any) -> bool:
    """Endpoints, secrets and the delivery log: organization admins; nobody else."""
    return user is not None and is_org_admin(user)
