"""JSON API for calendars: one's own connections and meeting room; the video setting (admins).

A connection's address and password are never sent back: only its kind and host.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from mentora.accounts.api import current_user
from mentora.accounts.permissions import is_org_admin
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

router = Router(tags=["calendars"])


class ConnectionOut(Schema):
    id: int
    kind: str
    host: str
    refreshed_at: datetime | None
    last_error: str
    busy_count: int


class ConnectionIn(Schema):
    kind: str = "ical"
    url: str
    username: str = ""
    password: str = ""


class RoomIO(Schema):
    url: str


class VideoIO(Schema):
    mode: str
    jitsi_server: str = ""


def _out(connection: CalendarConnection) -> dict[str, Any]:
    return {
        "id": connection.pk,
        "kind": connection.kind,
        "host": connection.host,
        "refreshed_at": connection.refreshed_at,
        "last_error": connection.last_error,
        "busy_count": connection.busy.count(),
    }


def _own(request: HttpRequest, pk: int) -> CalendarConnection:
    connection = CalendarConnection.objects.filter(pk=pk, user=current_user(request)).first()
    if connection is None:
        raise HttpError(404, f"No calendar with id {pk} of yours.")
    return connection


@router.get("", response=list[ConnectionOut], summary="My connected calendars")
def connection_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_out(c) for c in connections_of(current_user(request))]


@router.post("", response={201: ConnectionOut}, summary="Connect a calendar (read at once)")
def connection_create(request: HttpRequest, payload: ConnectionIn) -> Any:
    connection, _ = calendar_connect(
        user=current_user(request),
        kind=payload.kind,
        url=payload.url,
        username=payload.username,
        password=payload.password,
    )
    return Status(201, _out(connection))


@router.get("/meeting-room", response=RoomIO, summary="My own meeting room address")
def room_get(request: HttpRequest) -> Any:
    room = MeetingRoom.objects.filter(user=current_user(request)).first()
    return {"url": room.url if room else ""}


@router.put("/meeting-room", response=RoomIO, summary="Set my meeting room (empty: remove)")
def room_put(request: HttpRequest, payload: RoomIO) -> Any:
    room = meeting_room_set(user=current_user(request), url=payload.url)
    return {"url": room.url if room else ""}


@router.get("/video-setting", response=VideoIO, summary="How meetings get a video link")
def video_get(request: HttpRequest) -> Any:
    if not is_org_admin(current_user(request)):
        raise HttpError(403, "Only organization admins can see the video setting.")
    setting = video_setting()
    return {"mode": setting.mode, "jitsi_server": setting.jitsi_server}


@router.put("/video-setting", response=VideoIO, summary="Choose how meetings get a video link")
def video_put(request: HttpRequest, payload: VideoIO) -> Any:
    setting = video_setting_update(
        by=current_user(request), mode=payload.mode, jitsi_server=payload.jitsi_server
    )
    return {"mode": setting.mode, "jitsi_server": setting.jitsi_server}


@router.post("/{pk}/refresh", response=ConnectionOut, summary="Read a calendar again now")
def connection_refresh(request: HttpRequest, pk: int) -> Any:
    connection = _own(request, pk)
    calendar_refresh(connection=connection)
    return _out(connection)


@router.delete("/{pk}", response={204: None}, summary="Disconnect a calendar (nothing kept)")
def connection_delete(request: HttpRequest, pk: int) -> Any:
    calendar_disconnect(connection=_own(request, pk), by=current_user(request))
    return Status(204, None)
