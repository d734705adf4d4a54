"""Program staff write to a program's participants: templated, previewed, queued, audited."""

from __future__ import annotations

from django.urls import reverse

from mentora.audit.models import AuditEntry
from mentora.notifications.models import OutboxMessage
from mentora.programs.models import Announcement

MESSAGE = {
    "audience": "everyone",
    "subject": "Kick-off on Thursday",
    "body": "Join us at 5 pm in the atrium.",
}


def test_it_previews_the_email_before_sending_anything(personas, client_for):
    client = client_for(personas.manager)
    url = reverse("programs:announcements", args=["grow"])
    response = client.post(url, {**MESSAGE, "step": "preview"})
    page = response.content.decode()
    assert "Check your announcement" in page
    assert "It will go to 2 people" in page  # Maya and Marco
    assert "Kick-off on Thursday (Grow)" in page
    assert "Join us at 5 pm in the atrium." in page and "Priya Manager, for Grow" in page
    assert not OutboxMessage.objects.exists()
    assert not Announcement.objects.exists()


def test_it_sends_through_the_outbox_to_each_participant_and_audits(personas, client_for):
    client = client_for(personas.manager)
    url = reverse("programs:announcements", args=["grow"])
    response = client.post(url, {**MESSAGE, "step": "send"})
    assert response.url == url
    queued = OutboxMessage.objects.filter(kind="programs.announcement")
    assert {m.recipient for m in queued} == {personas.mentee, personas.mentor}
    maya = queued.get(recipient=personas.mentee)
    assert maya.body.startswith("Hello Maya,") and maya.subject == "Kick-off on Thursday (Grow)"
    assert maya.sent_at is None  # the worker sends it
    entry = AuditEntry.objects.get(action="announcement.send")
    assert entry.details["recipients"] == 2
    assert "sent the announcement “Kick-off on Thursday” to 2 people in Grow" in client_for(
        personas.admin
    ).get(reverse("audit:list")).content.decode()


def test_it_sends_to_one_side_only_when_asked(personas, client_for):
    client_for(personas.manager).post(
        reverse("programs:announcements", args=["grow"]),
        {**MESSAGE, "audience": "mentors", "step": "send"},
    )
    assert [m.recipient for m in OutboxMessage.objects.all()] == [personas.mentor]


def test_it_names_the_field_when_the_subject_is_missing(personas, client_for):
    response = client_for(personas.manager).post(
        reverse("programs:announcements", args=["grow"]), {**MESSAGE, "subject": "", "step": "send"}
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_it_refuses_announcements_to_people_who_do_not_manage_the_program(personas, client_for):
    for persona in (personas.mentee, personas.coach, personas.unrelated):
        response = client_for(persona).post(
            reverse("programs:announcements", args=["grow"]), {**MESSAGE, "step": "send"}
        )
        assert response.status_code == 403
    assert not OutboxMessage.objects.exists()


def test_it_previews_and_sends_through_the_api(personas, client, api_token_for):
    headers = api_token_for(personas.manager)
    preview = client.post(
        "/api/v1/programs/grow/announcements/preview", MESSAGE,
        content_type="application/json", **headers,
    ).json()
    assert preview["recipients"] == 2 and "Join us" in preview["body"]
    sent = client.post(
        "/api/v1/programs/grow/announcements", MESSAGE, content_type="application/json", **headers
    )
    assert sent.status_code == 201 and sent.json()["recipient_count"] == 2
    listed = client.get("/api/v1/programs/grow/announcements", **headers).json()
    assert listed["items"][0]["subject"] == "Kick-off on Thursday"
    refused = client.post(
        "/api/v1/programs/grow/announcements", MESSAGE, content_type="application/json",
        **api_token_for(personas.mentee),
    )
    assert refused.status_code == 403
