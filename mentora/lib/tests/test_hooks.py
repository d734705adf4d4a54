"""A lower app's question is answered by the higher app at start-up (mentora.lib.hooks)."""

from __future__ import annotations

import gc

from mentora.lib.hooks import Hook


def test_it_answers_with_the_default_until_an_app_provides_an_answer():
    hook: Hook[[int], int] = Hook("test.double", default=lambda n: 0)
    assert hook(4) == 0
    hook.provide(lambda n: 2 * n)
    assert hook(4) == 8
    assert "answered by" in repr(hook)


def test_it_has_every_hook_of_the_project_answered_once_the_apps_are_ready():
    import mentora.accounts.api  # noqa: F401  (modules holding hooks, loaded as the site does)
    import mentora.people.importing  # noqa: F401

    # type(), not isinstance(): isinstance would evaluate lazy objects (a request's CSP nonce)
    hooks = [obj for obj in gc.get_objects() if type(obj) is Hook]
    project = [h for h in hooks if not h.name.startswith("test.")]
    assert len(project) >= 11
    unanswered = sorted(h.name for h in project if h.provider is None)
    assert not unanswered, unanswered
