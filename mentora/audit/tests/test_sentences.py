"""The audit log reads as sentences with names; webhook, branding and role changes are in it."""

from __future__ import annotations

import html
import re

from django.urls import reverse

from mentora.accounts.branding import branding_update
from mentora.accounts.services import user_set_program_staff
from mentora.audit.models import AuditEntry
from mentora.audit.sentences import describe
from mentora.integrations.models import EVENTS
from mentora.integrations.services import (
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_rotate_secret,
)
from mentora.programs.services import program_set_managers


def _sentence(entry: AuditEntry) -> str:
    return describe([entry])[0][1]


def test_it_reads_a_change_of_managers_as_a_sentence_with_names(personas):
    program_set_managers(
        program=personas.program,
        by=personas.admin,
        emails=[personas.manager.email, personas.mentor.email],
    )
    entry = AuditEntry.objects.get(action="program.managers_set")
    assert _sentence(entry) == "Olga Admin made Marco Mentor manager of Grow."


def test_it_audits_webhook_creation_rotation_and_deletion_by_name(personas):
    endpoint, _ = webhook_endpoint_create(
        by=personas.admin, name="Warehouse", url="https://hooks.example.com/in", events=list(EVENTS)
    )
    webhook_endpoint_rotate_secret(endpoint=endpoint, by=personas.admin, grace_hours=24)
    webhook_endpoint_delete(endpoint=endpoint, by=personas.admin)
    sentences = [s for _, s in describe(AuditEntry.objects.order_by("pk"))]
    assert sentences == [
        "Olga Admin added the webhook “Warehouse” (https://hooks.example.com/in).",
        "Olga Admin rotated the secret of the webhook “Warehouse” "
        "(https://hooks.example.com/in); the old secret works for 24 more hours.",
        "Olga Admin deleted the webhook “Warehouse” (https://hooks.example.com/in).",
    ]


def test_it_audits_permission_and_branding_changes(personas):
    user_set_program_staff(user=personas.manager, is_program_staff=True, by=personas.admin)
    user_set_program_staff(user=personas.manager, is_program_staff=False, by=personas.admin)
    branding_update(by=personas.admin, name="Acme", accent_colour="#1d4ed8")
    sentences = [s for _, s in describe(AuditEntry.objects.order_by("pk"))]
    assert sentences == [
        "Olga Admin made Priya Manager program staff (may create programs).",
        "Olga Admin removed Priya Manager from program staff.",
        "Olga Admin changed the organization's name and accent colour (now “Acme”), "
        "accent colour #1d4ed8.",
    ]


def test_it_shows_the_log_without_ids_or_codes(personas, client_for):
    program_set_managers(
        program=personas.program, by=personas.admin, emails=[personas.manager.email]
    )
    user_set_program_staff(user=personas.manager, is_program_staff=True, by=personas.admin)
    page = client_for(personas.admin).get(reverse("audit:list")).content.decode()
    assert "Olga Admin made Priya Manager program staff" in page
    for leak in ("programs.program", "#", "user.program_staff_grant", "[", "True"):
        body = page.split("<main", 1)[1].split("</main>", 1)[0]
        body = html.unescape(re.sub(r"<[^>]+>", " ", body))  # text only, not attributes
        assert leak not in body, leak


def test_it_filters_the_log_by_program(personas, client_for):
    program_set_managers(
        program=personas.program, by=personas.admin, emails=[personas.mentor.email]
    )
    program_set_managers(
        program=personas.coaching, by=personas.admin, emails=[personas.coach.email]
    )
    client = client_for(personas.admin)
    page = client.get(reverse("audit:list"), {"program": "grow"}).content.decode()
    assert "made Marco Mentor manager of Grow" in page
    assert "of Lead" not in page
    api = client.get("/api/v1/audit/entries", {"program": "lead"}).json()
    assert api["count"] == 1 and "Lead" in api["items"][0]["sentence"]


def test_it_names_people_no_longer_in_mentora_without_their_id(personas):
    from mentora.audit.services import audit_record

    entry = audit_record(
        actor=personas.admin,
        action="user.program_staff_grant",
        target_type="accounts.user",
        target_id=999999,
    )
    assert _sentence(entry) == (
        "Olga Admin made a person no longer in Mentora program staff (may create programs)."
    )
