"""The message box."""

from __future__ import annotations

from django import forms

from mentora.conversations.models import MAX_MESSAGE_LENGTH


class MessageForm(forms.Form):
    """One message; the service checks the text (empty, too long, control characters)."""

    body = forms.CharField(
        label="Your message",
        required=False,  # the service says what is wrong, in one voice for page and API
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_MESSAGE_LENGTH}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # One message per problem: the service's ("… control characters …"), not also Django's.
        self.fields["body"].validators = []
