"""Each app's rules for a person's data: what an export follows, what an erasure does.

Every app declares a `DataRules` in its own `gdpr.py`, next to its permissions, and passes it
to `data_rules_register`; `mentora.accounts.gdpr` (the export, erasure and retention purge)
reads the collected tables below. Models are named by label ("app_label.Model.field"), so
this module knows no domain; docs/gdpr.md is the same rules as prose.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

INCLUDE = "include"
EXCLUDE = "exclude"


@dataclass(frozen=True)
class DataRules:
    """One app's rules for a person's data: what an export follows, what an erasure does."""

    app: str
    # "app_label.Model.field" → INCLUDE or EXCLUDE (see EXPORT_RULES).
    export_rules: Mapping[str, str] = field(default_factory=dict)
    # Rows that belong to an exported row: model → its link to the parent (see CHILD_CONTENT).
    child_content: Mapping[str, str] = field(default_factory=dict)
    # Content both members of a relationship read: model → lookup to the relationship.
    relationship_content: Mapping[str, str] = field(default_factory=dict)
    # Rows of relationship content a member must not get: model → Q to exclude, for the person.
    content_hidden: Mapping[str, Callable[[Any], Q]] = field(default_factory=dict)
    # Models only their author ever reads.
    author_only: frozenset[str] = frozenset()
    # The person's own live relationships, for RELATIONSHIP_CONTENT.
    member_relationships: Callable[[Any], QuerySet[Any]] | None = None
    # After the rows are collected: add what the rows leave out (people: skills by name).
    export_complete: Callable[[Any, dict[str, dict[int, dict[str, Any]]]], None] | None = None
    # Erasure, before any row is deleted: ErasureReport field → step(user) returning a count.
    erase_steps: Mapping[str, Callable[[Any], int]] = field(default_factory=dict)
    # Links whose rows are deleted outright (see ERASE_DELETE).
    erase_delete: Sequence[str] = ()
    # Erasure, after the rows are deleted: clear what stays (people: the profile).
    erase_complete: Callable[[Any], None] | None = None
    # Retention: the relationships past it, and their content deleted or cleared.
    retention_expired: Callable[[datetime], QuerySet[Any]] | None = None
    purge_delete: Mapping[str, str] = field(default_factory=dict)
    purge_blank: Mapping[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)


DATA_RULES: dict[str, DataRules] = {}
# Collected from every app's DataRules (data_rules_register); read them, never write them.
# "app_label.Model.field" → INCLUDE or EXCLUDE. A link that is not listed is followed (the
# rows are the person's own). A model with two or more links to User — content between
# people — must list every one of them; tests/access/test_gdpr_rules.py checks that.
EXPORT_RULES: dict[str, str] = {}
# Rows that belong to an exported row (not to User directly): model → its link to the parent.
# Processed in order, so a grandchild comes after its parent.
CHILD_CONTENT: dict[str, str] = {}
# Relationship content both members may read (relationships/permissions.can_view_content):
# model → lookup from that model to its relationship.
RELATIONSHIP_CONTENT: dict[str, str] = {}
# Only the author ever reads these; an export made by someone else leaves them out.
AUTHOR_ONLY: set[str] = set()
# Rows deleted outright when a person is erased ("app_label.Model.field" of the link to them).
# Everything else linked to them stays, now pointing at the anonymised account ("Erased
# person"), so the other member's record of a relationship and program statistics survive.
ERASE_DELETE: list[str] = []
# Content deleted, and text fields cleared, for relationships past retention. Dates, statuses,
# counts and check-in confidence scores stay: program statistics keep working.
PURGE_DELETE: dict[str, str] = {}
PURGE_BLANK: dict[str, tuple[str, dict[str, Any]]] = {}


def data_rules_register(rules: DataRules) -> DataRules:
    """Collect one app's rules (called when its `gdpr` module is imported); returns them."""
    previous = DATA_RULES.get(rules.app)
    if previous is rules:
        return rules
    if previous is not None:
        raise ValueError(f"{rules.app} declared its data rules twice.")
    DATA_RULES[rules.app] = rules
    EXPORT_RULES.update(rules.export_rules)
    CHILD_CONTENT.update(rules.child_content)
    RELATIONSHIP_CONTENT.update(rules.relationship_content)
    AUTHOR_ONLY.update(rules.author_only)
    ERASE_DELETE.extend(rules.erase_delete)
    PURGE_DELETE.update(rules.purge_delete)
    PURGE_BLANK.update(rules.purge_blank)
    return rules


# A link to User named like one of these, alone on its model, is the row's owner and needs no
# rule; every other link must be listed in an app's rules.
OWNER_NAMES = {"user", "owner", "author", "respondent"}
