"""GDPR: download all my data, erase my account, purge content past retention."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from mentora.accounts.gdpr import export_json, gdpr_erase, gdpr_export, retention_purge
from mentora.accounts.models import ApiToken, User
from mentora.accounts.services import api_token_create
from mentora.audit.models import AuditEntry
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.programs.models import Enrollment
from mentora.relationships.models import PrivateNote, Relationship, SharedNote
from tests.access.world import build_world

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]


@pytest.fixture
def world(personas):
    return build_world(personas)


def _texts(data):
    return json.dumps(data, default=str)


def test_it_exports_my_own_data_including_my_private_notes(world):
    data = gdpr_export(user=world["mentee"], by=world["mentee"])
    records = data["records"]
    assert data["format"] == "mentora-export/1" and data["person"]["email"] == world["mentee"].email
    assert [n["body"] for n in records["relationships.PrivateNote"]] == ["I am nervous."]
    assert [n["body"] for n in records["relationships.SharedNote"]] == ["Practise the ask."]
    assert world["relationship"].pk in [r["id"] for r in records["relationships.Relationship"]]
    assert ["Negotiate"] in [a["goals"] for a in records["relationships.Agreement"]]
    assert records["programs.Enrollment"][0]["id"] == world["mentee_enrollment"].pk
    assert "Negotiation" in records["people.Profile"][0]["skills_wanted"]
    assert {
        "relationships.ActionItem",
        "relationships.CheckIn",
        "relationships.Meeting",
        "relationships.AgendaItem",
        "accounts.ApiToken",
    } <= set(records)


def test_it_never_exports_the_other_persons_private_notes_or_any_secret(world):
    text = _texts(gdpr_export(user=world["mentor"], by=world["mentor"]))
    assert "I am nervous." not in text
    mentee_text = _texts(gdpr_export(user=world["mentee"], by=world["mentee"]))
    assert "key_hash" not in mentee_text and "token_hash" not in mentee_text
    assert "password" not in mentee_text and world["mentee_token_key"] not in mentee_text


def test_it_refuses_an_admin_the_download_of_someone_elses_data(world):
    """Issue 21, item 2: on `main` an admin's export returned the person's survey answers,
    feedback, and the pair's shared notes, agenda and check-ins (everything but private notes)."""
    with pytest.raises(DomainError) as caught:
        gdpr_export(user=world["mentee"], by=world["admin"])
    assert caught.value.code == "forbidden"
    assert "send it to them" in caught.value.message
    with pytest.raises(DomainError):
        gdpr_export(user=world["mentee"], by=None)  # the command line sends a link instead


def test_it_keeps_decisions_about_others_out_of_a_managers_export(world):
    text = _texts(gdpr_export(user=world["manager"], by=world["manager"]))
    assert "Practise the ask." not in text and "maya" not in text.lower()


def test_it_lets_only_the_person_export(world):
    with pytest.raises(DomainError) as caught:
        gdpr_export(user=world["mentee"], by=world["mentor"])
    assert caught.value.code == "forbidden"


def test_it_records_each_export_in_the_audit_log(world):
    gdpr_export(user=world["mentee"], by=world["mentee"])
    entry = AuditEntry.objects.for_action("gdpr.export").get()
    assert entry.actor == world["mentee"] and entry.target_id == str(world["mentee"].pk)


def test_it_downloads_my_data_from_the_page_as_a_json_file(world, client_for):
    response = client_for(world["mentee"]).post(reverse("accounts:my_data_download"))
    assert response["Content-Disposition"] == 'attachment; filename="mentora-my-data.json"'
    assert json.loads(response.content)["person"]["id"] == world["mentee"].pk


@pytest.mark.parametrize(
    "persona, expected",
    [(p, 401 if p == "anonymous" else 200) for p in PERSONAS],
)
def test_it_serves_my_data_through_the_api(world, client_for, persona, expected):
    response = client_for(world["personas"].all()[persona]).get("/api/v1/accounts/me/data")
    assert response.status_code == expected


def test_it_lets_a_read_only_token_download_my_data(world, client):
    _, key = api_token_create(user=world["mentee"], name="export", scope="read")
    response = client.get("/api/v1/accounts/me/data", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and response.json()["private_notes_included"] is True


def test_it_erases_an_account_ending_relationships_and_keeping_aggregates(world):
    mentee = world["mentee"]
    report = gdpr_erase(user=mentee, by=mentee)
    mentee.refresh_from_db()
    assert mentee.full_name == "Erased person" and mentee.email.endswith("@erased.invalid")
    assert not mentee.is_active and not mentee.has_usable_password()
    # Her relationship with Marco in Grow and her request to Chloe in Lead; both enrollments.
    assert report.ended_relationships == 2 and report.withdrawn_enrollments == 2
    relationship = Relationship.objects.get(pk=world["relationship"].pk)
    assert relationship.status == Relationship.Status.ENDED_EARLY
    assert not PrivateNote.objects.filter(author=mentee).exists()
    assert not ApiToken.objects.filter(user=mentee).exists()
    assert SharedNote.objects.filter(pk=world["shared_note"].pk).exists()  # Marco's record
    assert Enrollment.objects.get(pk=world["mentee_enrollment"].pk).status == "withdrawn"
    profile = mentee.profile
    profile.refresh_from_db()
    assert profile.job_title == "" and profile.visibility == "hidden"
    assert not profile.skills_wanted.exists() and not profile.languages.exists()
    entry = AuditEntry.objects.for_action("gdpr.erase").get()
    assert entry.details["by_the_person"] is True and entry.details["ended_relationships"] == 2


def test_it_refuses_to_erase_twice_or_by_someone_else(world):
    with pytest.raises(DomainError):
        gdpr_erase(user=world["mentee"], by=world["mentor"])
    gdpr_erase(user=world["mentee"], by=world["admin"])
    with pytest.raises(DomainError) as caught:
        gdpr_erase(user=world["mentee"], by=world["admin"])
    assert caught.value.code == "conflict"


def test_it_refuses_to_erase_the_last_organization_admin(world):
    with pytest.raises(DomainError, match="last organization admin"):
        gdpr_erase(user=world["admin"], by=world["admin"])


def test_it_erases_from_the_page_after_the_email_is_typed(world, client_for):
    client = client_for(world["unrelated"])
    wrong = client.post(reverse("accounts:my_data_erase"), {"confirm_email": "x@example.com"})
    assert wrong.status_code == 422 and "This is not your email address" in wrong.content.decode()
    done = client.post(
        reverse("accounts:my_data_erase"), {"confirm_email": "UMA.unrelated@example.com"}
    )
    assert done.status_code == 302 and done["Location"] == reverse("accounts:erased")
    assert client.get(reverse("home")).status_code == 302  # signed out
    assert not User.objects.filter(email="uma.unrelated@example.com").exists()


def test_it_erases_through_the_api_only_with_my_own_email(world, client_for):
    client = client_for(world["unrelated"])
    bad = client.post(
        "/api/v1/accounts/me/erase",
        {"confirm_email": "no@example.com"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["field"] == "confirm_email"
    ok = client.post(
        "/api/v1/accounts/me/erase",
        {"confirm_email": "uma.unrelated@example.com"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["detail"] == "The account was erased."


def test_it_lets_an_admin_erase_someone_through_the_api(world, client_for):
    response = client_for(world["admin"]).post(
        f"/api/v1/accounts/people/{world['mentor'].pk}/erase", content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["ended_relationships"] == 1
    assert (
        client_for(world["manager"])
        .post(
            f"/api/v1/accounts/people/{world['mentee'].pk}/erase", content_type="application/json"
        )
        .status_code
        == 403
    )


def test_it_sends_the_export_and_erases_from_the_command_line(world, monkeypatch, capsys):
    """On `main` `mentora gdpr export` printed the person's data to whoever ran it."""
    from mentora.notifications.models import OutboxMessage

    call_command("gdpr_export", "--email", "MAYA.mentee@example.com")
    printed = capsys.readouterr().out
    assert "Emailed maya.mentee@example.com a link" in printed
    assert "Practise the ask." not in printed and "{" not in printed
    message = OutboxMessage.objects.get(kind="accounts.data_export")
    assert message.to_email == "maya.mentee@example.com"
    assert AuditEntry.objects.for_action("gdpr.export_sent").get().actor is None
    with pytest.raises(CommandError, match="--email: nobody has the email"):
        call_command("gdpr_export", "--email", "nobody@example.com")
    monkeypatch.setattr("builtins.input", lambda prompt: "wrong@example.com")
    with pytest.raises(CommandError, match="Not confirmed"):
        call_command("gdpr_erase", "--email", "maya.mentee@example.com")
    call_command("gdpr_erase", "--email", "maya.mentee@example.com", "--yes")
    assert "Erased maya.mentee@example.com" in capsys.readouterr().out


def test_it_writes_valid_json_text(world):
    text = export_json(gdpr_export(user=world["mentee"], by=world["mentee"]))
    assert json.loads(text)["records"]


def test_it_purges_private_content_of_relationships_past_retention(world):
    from mentora.relationships.services.lifecycle import relationship_complete

    relationship_complete(relationship=world["relationship"], by=world["mentee"])
    later = clock.now() + timedelta(days=31)
    assert retention_purge(days=32, now=later).relationships == 0  # not old enough yet
    dry = retention_purge(days=30, now=later, dry_run=True)
    assert dry.deleted["relationships.PrivateNote"] == 1 and PrivateNote.objects.exists()
    report = retention_purge(days=30, now=later)
    assert report.relationships == 2  # this one and Maya and Marco's earlier one, ended early
    assert not PrivateNote.objects.exists() and not SharedNote.objects.exists()
    check_in = world["check_in"]
    check_in.refresh_from_db()
    assert check_in.progress == "" and check_in.confidence == 4  # the score stays for statistics
    assert Relationship.objects.get(pk=world["relationship"].pk).status == "completed"
    assert retention_purge(days=30, now=later).deleted == {}  # idempotent
    assert AuditEntry.objects.for_action("retention.purge").count() == 1


def test_it_keeps_everything_with_retention_zero_and_refuses_negative_days(world, capsys):
    assert retention_purge(days=0).relationships == 0
    with pytest.raises(CommandError, match="--days: Retention days must be 0"):
        call_command("retention_purge", "--days", "-1")
    call_command("retention_purge", "--dry-run")
    assert capsys.readouterr().out.startswith("Dry run, nothing changed.")


def test_it_keeps_the_mentees_rematch_request_out_of_the_mentors_export(world):
    def actions(user):
        records = gdpr_export(user=user, by=user)["records"]
        return {e["action"] for e in records["relationships.RelationshipEvent"]}

    assert "rematch_requested" in actions(world["mentee"])
    mentor_actions = actions(world["mentor"])
    assert "end_early" in mentor_actions and "rematch_requested" not in mentor_actions


def test_it_exports_my_photo_as_the_jpeg_mentora_keeps(world):
    import base64
    import io

    from PIL import Image

    from mentora.people.models import Profile, ProfilePhoto
    from mentora.people.services import profile_photo_set

    maya = world["mentee"]
    profile = Profile.objects.get(user=maya)
    assert gdpr_export(user=maya, by=maya)["records"]["people.Profile"][0]["photo"] is None
    upload = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(upload, format="PNG")
    profile_photo_set(profile=profile, by=maya, data=upload.getvalue())
    data = gdpr_export(user=maya, by=maya)
    photo = data["records"]["people.Profile"][0]["photo"]
    assert photo["content_type"] == "image/jpeg"
    assert base64.b64decode(photo["base64"]) == bytes(ProfilePhoto.objects.get().image)
    assert Image.open(io.BytesIO(base64.b64decode(photo["base64"]))).format == "JPEG"
    json.loads(export_json(data))  # still valid JSON text
