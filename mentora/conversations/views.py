"""Conversation pages: a person's conversations, one thread (polled), sending, the nav badge."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from mentora.conversations import permissions as perms
from mentora.conversations.forms import MessageForm
from mentora.conversations.models import Conversation
from mentora.conversations.selectors import conversations_of, messages_of, unread_count
from mentora.conversations.services import conversation_mark_read, message_send
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.notifications.links import user_timezone
from mentora.relationships.models import Relationship

POLL_SECONDS = 5


def _relationship(request: AuthedRequest, pk: int) -> Relationship:
    """The relationship if the person is one of its two people; otherwise 404 (hidden)."""
    relationship = get_object_or_404(
        Relationship.objects.select_related("program", "mentee", "mentor"), pk=pk
    )
    if not perms.can_read(request.user, relationship):
        raise Http404("No such conversation.")
    return relationship


def _after(value: Any) -> int:
    try:
        return max(int(value or 0), 0)
    except (TypeError, ValueError):
        return 0


def _thread_context(request: AuthedRequest, relationship: Relationship) -> dict[str, Any]:
    user = request.user
    conversation = Conversation.objects.filter(relationship=relationship).first()
    items = list(messages_of(conversation)) if conversation else []
    return {
        "rel": relationship,
        "other": relationship.mentor if user.pk == relationship.mentee_id else relationship.mentee,
        "items": items,
        "last_id": items[-1].pk if items else 0,
        "can_write": perms.can_write(user, relationship),
        "tz": user_timezone(user),
        "poll_seconds": POLL_SECONDS,
        "requested": relationship.status == Relationship.Status.REQUESTED,
    }


@login_required
@require_GET
def inbox(request: AuthedRequest) -> HttpResponse:
    """Everyone a person has a conversation with, newest first, with unread counts."""
    rows = list(conversations_of(request.user))
    for row in rows:
        rel = row.relationship
        row.other = rel.mentor if request.user.pk == rel.mentee_id else rel.mentee  # type: ignore[attr-defined]
    return render(
        request,
        "conversations/conversation_list.html",
        {"rows": rows, "tz": user_timezone(request.user)},
    )


@login_required
@require_GET
def thread(request: AuthedRequest, pk: int) -> HttpResponse:
    """The conversation of one relationship, newest at the bottom; opening it reads it."""
    relationship = _relationship(request, pk)
    conversation_mark_read(relationship=relationship, by=request.user)
    context = _thread_context(request, relationship)
    context["form"] = MessageForm()
    return render(request, "conversations/conversation_detail.html", context)


@login_required
@require_GET
def poll(request: AuthedRequest, pk: int) -> HttpResponse:
    """New messages after `after` (htmx polls this every few seconds while the page is open)."""
    relationship = _relationship(request, pk)
    conversation_mark_read(relationship=relationship, by=request.user)
    return _updates(request, relationship, _after(request.GET.get("after")))


def _updates(
    request: AuthedRequest, relationship: Relationship, after: int, **extra: Any
) -> HttpResponse:
    conversation = Conversation.objects.filter(relationship=relationship).first()
    items = list(messages_of(conversation, after=after)) if conversation else []
    return render(
        request,
        "conversations/_updates.html",
        {
            "rel": relationship,
            "items": items,
            "last_id": items[-1].pk if items else after,
            "tz": user_timezone(request.user),
            "poll_seconds": POLL_SECONDS,
            **extra,
        },
    )


@login_required
@require_POST
def send(request: AuthedRequest, pk: int) -> HttpResponse:
    """Send a message; with htmx the answer adds it (and anything new) without a reload."""
    relationship = _relationship(request, pk)
    form = MessageForm(request.POST)
    form.is_valid()
    # The raw text: the service names what is wrong with it (a form field would drop a NUL).
    body = request.POST.get("body", "")
    try:
        message_send(relationship=relationship, by=request.user, body=body)
    except DomainError as exc:
        form.add_error("body", exc.message)
        if request.htmx:  # type: ignore[attr-defined]
            return _updates(
                request, relationship, _after(request.POST.get("after")), form=form, with_form=True
            )
        context = _thread_context(request, relationship)
        context["form"] = form
        return render(request, "conversations/conversation_detail.html", context, status=422)
    if request.htmx:  # type: ignore[attr-defined]
        return _updates(
            request,
            relationship,
            _after(request.POST.get("after")),
            form=MessageForm(),
            with_form=True,
            sent=True,
        )
    return redirect("conversations:thread", relationship.pk)


@login_required
@require_GET
def badge(request: AuthedRequest) -> HttpResponse:
    """The navigation's "Messages" link with the unread count (loaded and refreshed by htmx)."""
    return render(
        request,
        "conversations/_nav_badge.html",
        {"unread": unread_count(request.user), "loaded": True},
    )
