"""Forms for signing in and for API tokens."""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from mentora.accounts.models import User


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with an email address."""

    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": "That email and password do not match an account. "
        "Check both, or reset your password.",
        "inactive": "This account has been deactivated; ask your HR team.",
    }


class TokenForm(forms.Form):
    """Name a new API token and choose what it may do."""

    name = forms.CharField(
        label="Token name", max_length=100, help_text="What will use it, e.g. “HR sync script”."
    )
    scope = forms.ChoiceField(
        label="What it may do",
        choices=[
            ("read", "Read only — the safest choice for reports and dashboards"),
            ("read_write", "Read and write — everything you can do"),
        ],
        initial="read",
        widget=forms.RadioSelect,
    )


class EraseForm(forms.Form):
    """Confirm erasing one's own account by typing one's email."""

    confirm_email = forms.EmailField(
        label="Type your email address to confirm",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm_email(self) -> str:
        value: str = self.cleaned_data["confirm_email"]
        if value.strip().lower() != self.user.email.lower():
            raise forms.ValidationError("This is not your email address; nothing was erased.")
        return value


class ResetForm(PasswordResetForm):
    """Password reset that also reaches people imported without a password (HRIS import)."""

    def get_users(self, email: str) -> Iterator[Any]:
        return iter(User.objects.filter(email__iexact=email, is_active=True))
