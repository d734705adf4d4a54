"""Account pages: personal API tokens (sign-in pages are Django's own views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentora.accounts.forms import TokenForm
from mentora.accounts.models import ApiToken
from mentora.accounts.services import api_token_create, api_token_revoke
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest


@login_required
def tokens(request: AuthedRequest) -> HttpResponse:
    new_key = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _, new_key = api_token_create(user=request.user, name=form.cleaned_data["name"])
            form = TokenForm()
        except DomainError as exc:
            form.add_error("name", exc.message)
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": ApiToken.objects.filter(user=request.user),
        },
    )


@login_required
@require_POST
def token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:tokens")
