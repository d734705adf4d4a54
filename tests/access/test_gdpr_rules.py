"""Every link to User is a conscious export decision where other people's content could leak."""

from __future__ import annotations

from collections import defaultdict

from mentora.accounts.gdpr import ERASE_DELETE, EXPORT_RULES, link_key, user_links


def test_it_lists_every_link_of_a_model_that_joins_two_people():
    """A model with two or more links to User holds content between people: each link needs
    an INCLUDE or EXCLUDE in mentora/accounts/gdpr.py EXPORT_RULES (docs/gdpr.md)."""
    by_model = defaultdict(list)
    for model, field in user_links():
        by_model[model].append(link_key(model, field))
    missing = [
        key
        for keys in by_model.values()
        if len(keys) > 1
        for key in keys
        if key not in EXPORT_RULES
    ]
    assert not missing, (
        "Decide whether a person's data export follows these links (INCLUDE) or not, because "
        "they lead to someone else's content (EXCLUDE), in EXPORT_RULES: " + ", ".join(missing)
    )


def test_it_has_no_stale_rules():
    known = {link_key(m, f) for m, f in user_links()}
    stale = sorted((set(EXPORT_RULES) | set(ERASE_DELETE)) - known)
    assert not stale, f"No such link to User any more; remove: {', '.join(stale)}"
