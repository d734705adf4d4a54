"""Subject-access requests (issue 21, item 2): an admin sends a person their export; only the
person downloads it.

On `main`, `GET /api/v1/accounts/people/{id}/data` gave an organization admin the person's
survey answers, feedback, growth texts and the pair's shared notes, agenda and check-ins; there
was no way to send the export to the person instead. Every test here fails there.
"""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from mentora.audit.models import AuditEntry
from mentora.lib.errors import DomainError
from mentora.lib.signing import link_token
from mentora.notifications.models import OutboxMessage
from tests.access.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    return build_world(personas)


def gdpr_export_send(**kwargs):
    from mentora.accounts.gdpr import gdpr_export_send as send

    return send(**kwargs)


def _link(message: OutboxMessage) -> str:
    match = re.search(r"https?://\S+/accounts/my-data/link/\S+/", message.body)
    assert match, message.body
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_it_no_longer_gives_an_admin_someone_elses_data_over_the_api(world, client_for):
    response = client_for(world["admin"]).get(f"/api/v1/accounts/people/{world['mentee'].pk}/data")
    assert response.status_code in (404, 405)
    assert "Practise the ask." not in response.content.decode()


def test_it_emails_the_person_a_link_when_an_admin_sends_their_data(world, client_for):
    response = client_for(world["admin"]).post(
        f"/api/v1/accounts/people/{world['mentee'].pk}/data/send", content_type="application/json"
    )
    assert response.status_code == 202
    assert "Practise the ask." not in response.content.decode()
    message = OutboxMessage.objects.get(kind="accounts.data_export")
    assert message.to_email == world["mentee"].email
    assert "Practise the ask." not in message.body and "I am nervous." not in message.body
    entry = AuditEntry.objects.for_action("gdpr.export_sent").get()
    assert entry.actor == world["admin"] and entry.target_id == str(world["mentee"].pk)


@pytest.mark.parametrize("who", ["mentee", "mentor", "manager", "unrelated"])
def test_it_lets_only_admins_send_someone_else_their_data(world, client_for, who):
    response = client_for(world["personas"].all()[who]).post(
        f"/api/v1/accounts/people/{world['mentor'].pk}/data/send", content_type="application/json"
    )
    assert response.status_code == 403
    assert not OutboxMessage.objects.filter(kind="accounts.data_export").exists()


def test_it_gives_the_person_their_complete_export_through_the_link(world, client_for):
    gdpr_export_send(user=world["mentee"], by=world["admin"])
    path = _link(OutboxMessage.objects.get(kind="accounts.data_export"))
    client = client_for(world["mentee"])
    page = client.get(path)
    assert page.status_code == 200 and "Download my data" in page.content.decode()
    download = client.post(path)
    data = json.loads(download.content)
    assert data["private_notes_included"] is True
    assert [n["body"] for n in data["records"]["relationships.PrivateNote"]] == ["I am nervous."]


@pytest.mark.parametrize("who", ["admin", "mentor", "unrelated"])
def test_it_refuses_the_link_to_anyone_but_the_person(world, client_for, who):
    gdpr_export_send(user=world["mentee"], by=world["admin"])
    path = _link(OutboxMessage.objects.get(kind="accounts.data_export"))
    client = client_for(world["personas"].all()[who])
    assert client.get(path).status_code == 403
    refused = client.post(path)
    assert refused.status_code == 403
    assert "Practise the ask." not in refused.content.decode()


def test_it_sends_anonymous_visitors_of_the_link_to_sign_in(world, client_for):
    gdpr_export_send(user=world["mentee"], by=world["admin"])
    path = _link(OutboxMessage.objects.get(kind="accounts.data_export"))
    response = client_for(None).get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_a_link_made_for_another_action(world, client_for):
    token = link_token(action="confirm_meeting", object_id=world["mentee"].pk,
                       user_id=world["mentee"].pk)
    response = client_for(world["mentee"]).get(reverse("accounts:my_data_link", args=[token]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_it_sends_from_the_people_page_after_asking(world, client_for):
    client = client_for(world["admin"])
    url = reverse("accounts:person_data_send", args=[world["mentor"].pk])
    ask = client.get(url)
    assert ask.status_code == 200 and "You will not see the file" in ask.content.decode()
    assert not OutboxMessage.objects.filter(kind="accounts.data_export").exists()
    done = client.post(url)
    assert done.status_code == 302 and done["Location"] == reverse("people:admin_people")
    assert OutboxMessage.objects.get(kind="accounts.data_export").to_email == world["mentor"].email
    listing = client.get(reverse("people:admin_people")).content.decode()
    assert "We emailed" in listing and "Send it to them" in listing


def test_it_refuses_the_send_page_to_people_who_are_not_admins(world, client_for):
    url = reverse("accounts:person_data_send", args=[world["mentor"].pk])
    assert client_for(world["manager"]).get(url).status_code == 403
    assert client_for(world["manager"]).post(url).status_code == 403


def test_it_says_why_nothing_can_be_sent_to_an_erased_account(world):
    from mentora.accounts.gdpr import gdpr_erase

    gdpr_erase(user=world["unrelated"], by=world["unrelated"])
    world["unrelated"].refresh_from_db()
    with pytest.raises(DomainError) as caught:
        gdpr_export_send(user=world["unrelated"], by=world["admin"])
    assert "deactivated or erased" in caught.value.message
