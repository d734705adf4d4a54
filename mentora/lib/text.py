"""Text that can be stored and sent: one rule for single-line fields, one for any string.

Single-line text (names, titles, program names — every model `CharField`) may not hold line
breaks or other control characters: a program named "Grow\\r\\nBcc: …" made every email about
it fail with BadHeaderError, and a name with a tab or a bell character reads wrong everywhere.
Any string (multi-line ones included) may hold tabs and line breaks but no other control
characters, and no lone UTF-16 surrogate ("\\ud800" is valid JSON but cannot be encoded as
UTF-8, so storing it was a 500).

The rule is applied in one place per surface: `install_single_line_guard()` (called once at
start-up) adds `validate_single_line` to every model CharField's validators (ModelForms and
`full_clean`) and checks every CharField on save (services), without touching migrations; the
API's parser refuses bad characters in any JSON string (mentora.lib.api_parser); and every
form of Mentora's checks its text fields before its view sees them (`form_text_problems`), so
a page answers with an error under the field instead of the save-time DomainError reaching the
person as a traceback, and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save

from mentora.lib.errors import DomainError

# C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators.
SINGLE_LINE_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Any string: tab, LF and CR are fine; the other controls are not.
ANY_TEXT_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SURROGATE = re.compile("[\ud800-\udfff]")

SINGLE_LINE_MESSAGE = "cannot contain line breaks, tabs or other control characters."
CONTROL_MESSAGE = "cannot contain control characters (other than tabs and line breaks)."
SURROGATE_MESSAGE = (
    "holds a lone UTF-16 surrogate (such as \\ud800), which is not a character and cannot be "
    "stored."
)


def text_problem(value: str, *, single_line: bool) -> str | None:
    """What is wrong with a string ("cannot contain …"), or None when it may be stored."""
    if SURROGATE.search(value):
        return SURROGATE_MESSAGE
    if single_line and SINGLE_LINE_FORBIDDEN.search(value):
        return SINGLE_LINE_MESSAGE
    if not single_line and ANY_TEXT_FORBIDDEN.search(value):
        return CONTROL_MESSAGE
    return None


def validate_single_line(value: Any) -> None:
    """Django validator for single-line text."""
    if isinstance(value, str):
        problem = text_problem(value, single_line=True)
        if problem:
            raise ValidationError(f"This {problem}", code="control_characters")


def _label(field: models.Field[Any, Any]) -> str:
    name = str(field.verbose_name or field.name)
    return name[:1].upper() + name[1:]


def check_single_line_fields(
    instance: models.Model, *, only: Iterable[str] | None = None
) -> None:
    """DomainError naming the first CharField of `instance` that holds forbidden characters.

    `only` limits the check to the fields being saved (`save(update_fields=…)`). A value the
    row already held before the rule existed is let through unchanged: refusing it would stop
    every later save of the row (a status change by the worker, say) over text nobody is
    entering now; emails collapse whitespace in their subjects, so such a row cannot split a
    header (mentora.notifications.messages)."""
    names = set(only) if only is not None else None
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField):
            continue
        if names is not None and field.name not in names and field.attname not in names:
            continue
        value = getattr(instance, field.attname, None)
        if not isinstance(value, str):
            continue
        problem = text_problem(value, single_line=True)
        if problem and not _stored_already(instance, field.attname, value):
            raise DomainError(f"{_label(field)} {problem}", field=field.name)


def _stored_already(instance: models.Model, attname: str, value: str) -> bool:
    """Whether the row in the database holds exactly this value (asked only for a bad value)."""
    if instance._state.adding or instance.pk is None:
        return False
    stored = (
        type(instance)._base_manager.filter(pk=instance.pk)
        .values_list(attname, flat=True).first()
    )
    return stored == value


def _on_save(
    sender: Any, instance: models.Model, raw: bool = False,
    update_fields: Iterable[str] | None = None, **kwargs: Any,
) -> None:
    if not raw and sender.__module__.startswith("mentora."):  # fixtures load what they load
        check_single_line_fields(instance, only=update_fields)


def _single_line_widget(widget: Any) -> bool:
    """A one-line text box (text, email, URL, search…), not a text area, hidden or password."""
    from django import forms

    return isinstance(widget, forms.widgets.Input) and not isinstance(
        widget, forms.HiddenInput | forms.PasswordInput | forms.FileInput
    )


def form_text_problems(form: Any) -> None:
    """Add an error under every text field of `form` whose cleaned value cannot be stored.

    A one-line box gets the single-line rule (no line breaks, tabs or other controls); a text
    area or hidden field the rule for any text (tabs and line breaks allowed). Password boxes
    are left alone: a password is compared, never shown or sent."""
    from django import forms

    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        value = form.cleaned_data.get(name)
        if not isinstance(value, str):
            continue
        problem = text_problem(value, single_line=_single_line_widget(field.widget))
        if problem:
            form.add_error(name, f"This {problem}")


def _install_form_guard() -> None:
    from django.forms.forms import BaseForm

    original = getattr(BaseForm, "_clean_fields")  # noqa: B009 (private to Django, untyped)
    if getattr(original, "mentora_text_guard", False):
        return

    def _clean_fields(self: Any) -> None:
        original(self)
        if type(self).__module__.startswith("mentora."):  # Django's own forms stay as they are
            form_text_problems(self)

    _clean_fields.mentora_text_guard = True  # type: ignore[attr-defined]
    setattr(BaseForm, "_clean_fields", _clean_fields)  # noqa: B010


_installed = False


def install_single_line_guard() -> None:
    """Apply the single-line rule to every model CharField (see the module docstring)."""
    global _installed
    if _installed:
        return
    from django.apps import apps

    for model in apps.get_models():
        if not model.__module__.startswith("mentora."):
            continue  # other libraries' rows (sign-in attempts keep the raw User-Agent)
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField):
                # The cached `validators` property, not `_validators`: the rule is not part of
                # the field's definition, so no migration changes.
                current = list(field.validators)
                if validate_single_line not in current:
                    field.__dict__["validators"] = [*current, validate_single_line]
    pre_save.connect(_on_save, dispatch_uid="mentora.lib.text.single_line")
    _install_form_guard()
    _installed = True
