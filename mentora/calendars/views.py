"""Calendar pages: your connected calendars and meeting room; the organization's video setting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentora.accounts.permissions import is_org_admin
from mentora.calendars.forms import ConnectForm, MeetingRoomForm, VideoSettingForm
from mentora.calendars.models import CalendarConnection, MeetingRoom
from mentora.calendars.selectors import connections_of
from mentora.calendars.services import (
    calendar_connect,
    calendar_disconnect,
    calendar_refresh,
    meeting_room_set,
    video_setting,
    video_setting_update,
)
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.lib.views import run_service


def _own(request: AuthedRequest, pk: int) -> CalendarConnection:
    return get_object_or_404(CalendarConnection, pk=pk, user=request.user)  # others' are 404


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """Your calendars: connect one, see when it was read, disconnect; your meeting room."""
    form = ConnectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _, read = calendar_connect(
                user=request.user,
                kind=data["kind"],
                url=data["url"],
                username=data["username"],
                password=data["password"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            n = len(read.intervals)
            text = (
                f"Calendar connected: we read {n} busy time{'' if n == 1 else 's'} in the next "
                "weeks. 'Find a time' now avoids them; we read it again every half hour."
            )
            if read.skipped:
                text += (
                    f" {read.skipped} repeating event{' was' if read.skipped == 1 else 's were'}"
                    " damaged and left out: check them in your calendar."
                )
            messages.success(request, text)
            return redirect("calendars:home")
    room = MeetingRoom.objects.filter(user=request.user).first()
    return render(
        request,
        "calendars/home.html",
        {
            "form": form,
            "connections": connections_of(request.user),
            "room_form": MeetingRoomForm(initial={"url": room.url if room else ""}),
            "video": video_setting(),
        },
    )


@login_required
@require_POST
def room(request: AuthedRequest) -> HttpResponse:
    form = MeetingRoomForm(request.POST)
    url = form.data.get("url", "")
    run_service(
        request,
        lambda: meeting_room_set(user=request.user, url=str(url)),
        "Meeting room saved: meetings you organise use it as their video link."
        if str(url).strip()
        else "Meeting room removed.",
    )
    return redirect("calendars:home")


@login_required
@require_POST
def refresh(request: AuthedRequest, pk: int) -> HttpResponse:
    connection = _own(request, pk)
    if calendar_refresh(connection=connection):
        messages.success(request, "Calendar read again: 'Find a time' uses its busy times now.")
    else:
        messages.error(request, connection.last_error)
    return redirect("calendars:home")


@login_required
def disconnect(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET asks first; POST forgets the address and every busy time read from it."""
    connection = _own(request, pk)
    if request.method == "POST":
        run_service(
            request,
            lambda: calendar_disconnect(connection=connection, by=request.user),
            "Calendar disconnected: we deleted its address and every busy time read from it.",
        )
        return redirect("calendars:home")
    return render(request, "calendars/disconnect.html", {"connection": connection})


@login_required
def video(request: AuthedRequest) -> HttpResponse:
    """The organization's video setting (organization admins)."""
    if not is_org_admin(request.user):
        raise PermissionDenied
    current = video_setting()
    form = VideoSettingForm(
        request.POST or None,
        initial={"mode": current.mode, "jitsi_server": current.jitsi_server},
    )
    if request.method == "POST" and form.is_valid():
        try:
            video_setting_update(
                by=request.user,
                mode=form.cleaned_data["mode"],
                jitsi_server=form.cleaned_data["jitsi_server"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request, "Video setting saved: meetings scheduled from now on get links this way."
            )
            return redirect("calendars:video")
    return render(request, "calendars/video.html", {"form": form})
