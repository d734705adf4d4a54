"""Notification pages: one-click email links, preferences, the private calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.lib.signing import BadLink, read_link_token
from mentora.notifications.chat import chat_settings, chat_settings_update
from mentora.notifications.forms import ChatSettingsForm, PreferenceForm
from mentora.notifications.ics import feed_ics
from mentora.notifications.links import local_time_text
from mentora.notifications.models import CalendarFeed
from mentora.notifications.permissions import can_manage_chat
from mentora.notifications.preferences import preference_for, preference_update
from mentora.notifications.services import (
    calendar_feed_create,
    calendar_feed_meetings,
    calendar_feed_revoke,
    calendar_feed_user,
    one_click_label,
    one_click_perform,
    one_click_target,
)


def _link_problem(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    return render(request, "notifications/one_click.html", {"problem": message}, status=status)


def one_click(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link will do (mail scanners prefetch links); POST does it."""
    try:
        claim = read_link_token(token)
        user, obj = one_click_target(claim)
    except BadLink as exc:
        return _link_problem(request, exc.reason)
    except DomainError as exc:
        return _link_problem(request, exc.message, status=410)
    if request.method == "POST":
        try:
            done = one_click_perform(claim=claim)
        except DomainError as exc:
            return _link_problem(request, exc.message, status=409)
        return render(request, "notifications/one_click.html", {"done": done, "user_for": user})
    return render(
        request,
        "notifications/one_click.html",
        {
            "label": one_click_label(claim.action),
            "object": obj,
            # The person's own time zone: the page may be opened signed out, from the email.
            "when": local_time_text(obj.starts_at, user)
            if claim.action == "confirm_meeting"
            else "",
            "user_for": user,
            "action": claim.action,
        },
    )


@login_required
def preferences(request: AuthedRequest) -> HttpResponse:
    pref = preference_for(request.user)
    form = PreferenceForm(request.POST or None, instance=pref)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            preference_update(user=request.user, by=request.user, data=data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Your notification settings are saved.")
            return redirect("notifications:preferences")
    feed_url = request.session.pop("calendar_feed_url", None)
    has_feed = CalendarFeed.objects.usable().filter(user=request.user).exists()
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "feed_url": feed_url,
            "has_feed": has_feed,
            "is_org_admin": can_manage_chat(request.user),
        },
    )


@login_required
def chat_admin(request: AuthedRequest) -> HttpResponse:
    """Connect the organization's Slack app and Teams channel (organization admins)."""
    if not can_manage_chat(request.user):
        raise PermissionDenied("Only an organization admin can connect Slack or Teams.")
    current = chat_settings()
    form = ChatSettingsForm(
        request.POST or None,
        initial={"teams_channel_webhook_url": current.teams_channel_webhook_url},
    )
    if request.method == "POST" and form.is_valid():
        try:
            _, team = chat_settings_update(
                by=request.user,
                slack_bot_token=form.cleaned_data["slack_bot_token"],
                remove_slack=form.cleaned_data["remove_slack"],
                teams_channel_webhook_url=form.cleaned_data["teams_channel_webhook_url"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            done = "Slack and Teams settings saved."
            if team:
                done = (
                    f"Slack is connected to {team}. People who choose Slack on their "
                    "notification settings now get their messages there."
                )
            messages.success(request, done)
            return redirect("notifications:chat_admin")
    return render(
        request,
        "notifications/chat_admin.html",
        {
            "form": form,
            "slack_connected": bool(current.slack_bot_token),
            "token_end": current.slack_bot_token[-4:],
            "teams_connected": bool(current.teams_channel_webhook_url),
        },
    )


@login_required
@require_POST
def feed_create(request: AuthedRequest) -> HttpResponse:
    _, token = calendar_feed_create(user=request.user)
    request.session["calendar_feed_url"] = request.build_absolute_uri(
        reverse("notifications:feed", args=[token])
    )
    messages.success(request, "Your new calendar address is below; older ones stop working.")
    return redirect("notifications:preferences")


@login_required
@require_POST
def feed_revoke(request: AuthedRequest) -> HttpResponse:
    calendar_feed_revoke(user=request.user)
    messages.success(request, "Your calendar address no longer works.")
    return redirect("notifications:preferences")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private .ics feed: the person's meetings, no notes (the URL is the only key)."""
    user = calendar_feed_user(token)
    if user is None:
        return HttpResponse(
            "Unknown or revoked calendar address.", status=404, content_type="text/plain"
        )
    body = feed_ics(calendar_feed_meetings(user), name="Mentora meetings", stamp=clock.now())
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
