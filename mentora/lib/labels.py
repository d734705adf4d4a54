"""Form labels without a trailing colon, on every form (docs/writing.md, ADR 0050)."""

from __future__ import annotations

from typing import Any

from django.forms.forms import BaseForm

_original_init = BaseForm.__init__


def _init(self: BaseForm, *args: Any, **kwargs: Any) -> None:
    # Django appends `label_suffix` (":" unless a form passes another) to every label; ours
    # are sentence-case words with no colon. ModelForm passes the suffix on positionally, so
    # the default is replaced once the form is built.
    _original_init(self, *args, **kwargs)
    if self.label_suffix == ":":
        self.label_suffix = ""


def labels_without_colons() -> None:
    """Make "" the default label suffix of every Django form (called once at start-up)."""
    if BaseForm.__init__ is not _init:
        BaseForm.__init__ = _init  # type: ignore[method-assign]
