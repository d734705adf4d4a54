"""Connecting, refreshing and disconnecting calendars; meeting rooms and the video setting.

A connection is stored only once its calendar has been read: a calendar that cannot be read
is refused with a message saying what to fix, and nothing is kept. A refresh replaces the
busy times in one transaction, or keeps the previous ones and notes the error.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction

from mentora.accounts.permissions import is_org_admin
from mentora.calendars import caldav_source, ical
from mentora.calendars.models import BusyInterval, CalendarConnection, MeetingRoom, VideoSetting
from mentora.lib import clock, outbound
from mentora.lib.errors import DomainError
from mentora.people.models import Profile

MAX_BYTES = 5_000_000
TIMEOUT_SECONDS = 15
PAST = timedelta(days=1)
HORIZON = timedelta(days=60)
REFRESH_EVERY = timedelta(minutes=30)
MAX_CONNECTIONS = 5


def _tz(user: Any) -> str:
    profile = Profile.objects.filter(user=user).only("timezone").first()
    return profile.timezone if profile else "UTC"


def normalise_url(url: str) -> str:
    """iCloud hands out webcal:// addresses: the same calendar over https."""
    url = url.strip()
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    return url


def _fetch_error(exc: outbound.OutboundError) -> DomainError:
    if isinstance(exc, outbound.OutboundRefused):
        return DomainError(f"Calendar address: {exc}", field="url")
    kind = exc.kind
    if kind == "too large":
        text = (
            f"Your calendar is larger than {MAX_BYTES // 1_000_000} MB, more than Mentora reads. "
            "Connect a smaller calendar (your work calendar only), or connect over CalDAV."
        )
    elif kind == "timed out":
        text = (
            f"Your calendar took longer than {TIMEOUT_SECONDS} seconds to answer. Try again in a "
            "few minutes; if it keeps happening, connect over CalDAV instead."
        )
    elif exc.status in (401, 403, 404, 410):
        text = (
            "Your calendar link answered that there is no calendar there (it may have been "
            "reset). Copy the secret iCal address again from your calendar's settings."
        )
    elif exc.status is not None and 300 <= exc.status < 400:
        text = (
            "Your calendar link points somewhere else: copy the 'secret address in iCal "
            "format' itself, not a sharing page."
        )
    else:
        text = (
            f"Your calendar could not be reached ({kind}). Check the address and try again "
            "in a few minutes."
        )
    return DomainError(text, field="url")


def read_busy(
    *, kind: str, url: str, username: str, password: str, tz: str, now: datetime
) -> ical.BusyRead:
    """Read a calendar now: its busy stretches, or DomainError with what to fix."""
    start, end = now - PAST, now + HORIZON
    if kind == CalendarConnection.Kind.CALDAV:
        return ical.BusyRead(
            intervals=caldav_source.busy_from_caldav(
                url=url, username=username, password=password, start=start, end=end
            )
        )
    try:
        response = outbound.fetch(
            url,
            headers={"Accept": "text/calendar"},
            timeout=TIMEOUT_SECONDS,
            max_bytes=MAX_BYTES,
        )
    except outbound.OutboundError as exc:
        raise _fetch_error(exc) from None
    return ical.busy_from_ics(
        response.body,
        start=start,
        end=end,
        tz=tz,
        content_type=response.headers.get("content-type", ""),
    )


def _store(connection: CalendarConnection, read: ical.BusyRead, now: datetime) -> None:
    BusyInterval.objects.filter(connection=connection).delete()
    BusyInterval.objects.bulk_create(
        BusyInterval(connection=connection, starts_at=s, ends_at=e) for s, e in read.intervals
    )
    connection.refreshed_at = now
    connection.failed_at = None
    connection.last_error = (
        f"{read.skipped} repeating event(s) could not be read and were left out."
        if read.skipped
        else ""
    )
    connection.save(update_fields=["refreshed_at", "failed_at", "last_error"])


def calendar_connect(
    *,
    user: Any,
    kind: str,
    url: str,
    username: str = "",
    password: str = "",
    now: datetime | None = None,
) -> tuple[CalendarConnection, ical.BusyRead]:
    """Read the calendar, then keep it and its busy times; nothing is kept if it can't be read."""
    now = now or clock.now()
    if kind not in CalendarConnection.Kind.values:
        raise DomainError("Choose how to connect: a secret iCal address or CalDAV.", field="kind")
    url = normalise_url(url)
    if not url:
        raise DomainError("Calendar address: paste the address of your calendar.", field="url")
    if len(url) > 2000:
        raise DomainError("Calendar address: an address is at most 2,000 characters.", field="url")
    if CalendarConnection.objects.filter(user=user).count() >= MAX_CONNECTIONS:
        raise DomainError(
            f"You have {MAX_CONNECTIONS} calendars connected; disconnect one first.", field="url"
        )
    if CalendarConnection.objects.filter(user=user, url=url).exists():
        raise DomainError("Calendar address: this calendar is already connected.", field="url")
    read = read_busy(
        kind=kind, url=url, username=username, password=password, tz=_tz(user), now=now
    )
    with transaction.atomic():
        connection = CalendarConnection.objects.create(
            user=user,
            kind=kind,
            url=url,
            username=username.strip()[:200],
            password=password[:500],
            created_at=now,
        )
        _store(connection, read, now)
    return connection, read


def calendar_refresh(*, connection: CalendarConnection, now: datetime | None = None) -> bool:
    """Read the calendar again; on failure keep the previous busy times and note why."""
    now = now or clock.now()
    try:
        read = read_busy(
            kind=connection.kind,
            url=connection.url,
            username=connection.username,
            password=connection.password,
            tz=_tz(connection.user),
            now=now,
        )
    except DomainError as exc:
        connection.last_error = exc.message[:300]
        connection.failed_at = now
        connection.save(update_fields=["last_error", "failed_at"])
        return False
    with transaction.atomic():
        _store(connection, read, now)
    return True


def calendars_refresh_due(*, now: datetime | None = None, limit: int = 50) -> int:
    """The worker's job: read again every calendar not read for half an hour."""
    now = now or clock.now()
    due = (
        CalendarConnection.objects.select_related("user")
        .filter(refreshed_at__lt=now - REFRESH_EVERY)
        .exclude(failed_at__gt=now - REFRESH_EVERY)[:limit]
    )
    return sum(calendar_refresh(connection=c, now=now) for c in due)


@transaction.atomic
def calendar_disconnect(*, connection: CalendarConnection, by: Any) -> None:
    """Forget a calendar: its address, password and every busy time read from it."""
    if connection.user_id != by.pk:
        raise DomainError("You can only disconnect your own calendars.", code="forbidden")
    connection.delete()  # busy intervals go with it (CASCADE)


def _check_room_url(url: str, *, field: str, label: str) -> str:
    url = url.strip()
    if not url:
        return ""
    if not url.lower().startswith("https://") or len(url) > 500 or " " in url:
        raise DomainError(
            f"{label}: give the full https address, for example https://zoom.us/j/1234567890.",
            field=field,
        )
    return url


@transaction.atomic
def meeting_room_set(*, user: Any, url: str, now: datetime | None = None) -> MeetingRoom | None:
    """Keep (or, with an empty address, forget) a person's own meeting room address."""
    now = now or clock.now()
    url = _check_room_url(url, field="url", label="Meeting room address")
    if not url:
        MeetingRoom.objects.filter(user=user).delete()
        return None
    room, _ = MeetingRoom.objects.update_or_create(
        user=user, defaults={"url": url, "updated_at": now}
    )
    return room


def video_setting() -> VideoSetting:
    """The organization's video setting (no row yet: no video links)."""
    setting = VideoSetting.objects.order_by("pk").first()
    return setting or VideoSetting(jitsi_server=getattr(settings, "MENTORA_JITSI_SERVER", ""))


@transaction.atomic
def video_setting_update(
    *, by: Any, mode: str, jitsi_server: str = "", now: datetime | None = None
) -> VideoSetting:
    """An organization admin chooses how meetings get a video link."""
    now = now or clock.now()
    if not is_org_admin(by):
        raise DomainError("Only an organization admin can change this.", code="forbidden")
    if mode not in VideoSetting.Mode.values:
        raise DomainError("Choose how meetings get a video link.", field="mode")
    server = _check_room_url(jitsi_server, field="jitsi_server", label="Jitsi Meet server")
    if mode == VideoSetting.Mode.JITSI and not server:
        raise DomainError(
            "Jitsi Meet server: give its address, for example https://meet.jit.si.",
            field="jitsi_server",
        )
    setting = VideoSetting.objects.select_for_update().order_by("pk").first() or VideoSetting()
    setting.mode, setting.jitsi_server, setting.updated_at = mode, server.rstrip("/"), now
    setting.save()
    return setting
