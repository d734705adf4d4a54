"""Forms for choosing a mentor: recommendation filters and the ordered request."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from mentora.lib.errors import DomainError
from mentora.recommendations.ranking import Filters
from mentora.recommendations.services import MESSAGE_MAX, NOTE_MAX


class FiltersForm(forms.Form):
    """Narrow the recommendations (GET)."""

    department = forms.ChoiceField(required=False, label="Department")
    language = forms.ChoiceField(required=False, label="Language")
    meeting_format = forms.ChoiceField(
        required=False,
        label="Meets",
        choices=[("", "Any way"), ("remote", "Remotely"), ("in_person", "In person")],
    )
    held_target_role = forms.BooleanField(required=False, label="Has held my target role")

    def __init__(self, data: Any, *, departments: Iterable[str], languages: Iterable[str]) -> None:
        super().__init__(data)
        self.fields["department"].choices = [("", "Any department")] + [  # type: ignore[attr-defined]
            (d, d) for d in departments
        ]
        self.fields["language"].choices = [("", "Any language")] + [  # type: ignore[attr-defined]
            (lang, lang) for lang in languages
        ]


def filters_from(query: Any) -> Filters:
    """Filters from a query string; an unknown value simply matches nobody."""
    fmt = str(query.get("meeting_format", ""))
    return Filters(
        department=str(query.get("department", "")).strip()[:120],
        language=str(query.get("language", "")).strip()[:60],
        meeting_format=fmt if fmt in ("remote", "in_person") else "",
        held_target_role=str(query.get("held_target_role", "")).lower() in ("on", "true", "1"),
    )


def parse_request(post: Any, *, limit: int) -> list[tuple[int, str]]:
    """The (mentor id, note) pairs a mentee ranked on the recommendations page, in order.

    Each candidate has a ``rank_<id>`` select (blank, or 1..limit) and a ``note_<id>`` text.
    """
    ranked: dict[int, int] = {}
    for key, value in post.items():
        if not key.startswith("rank_") or not str(value).strip():
            continue
        try:
            mentor_id = int(key.removeprefix("rank_"))
            rank = int(value)
        except ValueError as exc:
            raise DomainError("Choose a preference from the list.", field=key) from exc
        if not 1 <= rank <= limit:
            raise DomainError(f"Preferences go from 1 to {limit}.", field=key)
        if rank in ranked:
            raise DomainError(
                f"Two people have preference {rank}: give each a different place.", field=key
            )
        ranked[rank] = mentor_id
    if not ranked:
        raise DomainError("Choose at least one person: set “My preference” to 1.", field="rank")
    out = []
    for rank in sorted(ranked):
        mentor_id = ranked[rank]
        note = str(post.get(f"note_{mentor_id}", "")).strip()
        if len(note) > NOTE_MAX:
            raise DomainError(
                f"Keep each note to {NOTE_MAX} characters.", field=f"note_{mentor_id}"
            )
        out.append((mentor_id, note))
    return out


class MessageForm(forms.Form):
    """A question from the mentor, or the mentee's answer."""

    body = forms.CharField(
        label="Message", max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class DeclineForm(forms.Form):
    """Decline a request, saying why."""

    reason = forms.CharField(
        label="Why you decline",
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The person who asked sees this, so they can choose well next time.",
    )
