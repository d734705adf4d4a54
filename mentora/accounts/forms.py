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
    name = forms.CharField(
        label="Token name", max_length=100, help_text="What will use it, e.g. “HR sync script”."
    )


class ResetForm(PasswordResetForm):
    """Password reset that also reaches people imported without a password (HRIS import)."""

    def get_users(self, email: str) -> Iterator[Any]:
        return iter(User.objects.filter(email__iexact=email, is_active=True))
