"""Every link to User is a conscious export decision where other people's content could leak."""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps

from mentora.accounts.gdpr import link_key, user_links
from mentora.lib.data_rules import (
    CHILD_CONTENT,
    ERASE_DELETE,
    EXPORT_RULES,
    OWNER_NAMES,
    RELATIONSHIP_CONTENT,
)


def test_it_lists_every_link_that_is_not_plainly_the_owner():
    """A model with two or more links to User holds content between people, and a link not
    named like an owner (`person`, `manager`, `shared_with`…) may point at someone else's
    content: each needs an INCLUDE or EXCLUDE in its app's gdpr.py (EXPORT_RULES)."""
    by_model = defaultdict(list)
    for model, field in user_links():
        by_model[model].append((field.name, link_key(model, field)))
    missing = [
        key
        for links in by_model.values()
        for name, key in links
        if key not in EXPORT_RULES and (len(links) > 1 or name not in OWNER_NAMES)
    ]
    assert not missing, (
        "Decide whether a person's data export follows these links (INCLUDE) or not, because "
        "they lead to someone else's content (EXCLUDE), in EXPORT_RULES: " + ", ".join(missing)
    )


def test_it_has_no_stale_rules():
    known = {link_key(m, f) for m, f in user_links()}
    stale = sorted((set(EXPORT_RULES) | set(ERASE_DELETE)) - known)
    models = {m._meta.label for m in apps.get_models()}
    stale += sorted((set(CHILD_CONTENT) | set(RELATIONSHIP_CONTENT)) - models)
    assert not stale, f"No such link or model any more; remove: {', '.join(stale)}"


def test_it_collects_each_apps_rules_from_that_app_and_only_about_its_own_models():
    """Every app that holds rows linked to a person declares its rules in its own gdpr.py
    (lib/data_rules.py); accounts.gdpr only collects them."""
    from mentora.lib.data_rules import DATA_RULES

    linked_apps = {model._meta.app_label for model, _ in user_links()} - {"admin"}
    assert linked_apps <= set(DATA_RULES)
    for app, rules in DATA_RULES.items():
        named = [
            *rules.export_rules, *rules.child_content, *rules.relationship_content,
            *rules.author_only, *rules.erase_delete, *rules.purge_delete, *rules.purge_blank,
        ]
        others = {key.split(".")[0] for key in named} - {app}
        assert others <= ({"admin"} if app == "accounts" else set()), (app, others)
