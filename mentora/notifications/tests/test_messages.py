"""Templated messages: one `notify(...)`, a template per kind, a real multipart email."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core import mail
from django.template import TemplateDoesNotExist

import mentora
from mentora.notifications.messages import notify, render, template_names
from mentora.notifications.models import OutboxMessage
from mentora.notifications.outbox import outbox_process

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ROOT = Path(mentora.__file__).parent


def every_kind() -> list[str]:
    kinds = set()
    for path in ROOT.glob("*/templates/*/messages/*.txt"):
        if path.name.endswith(".subject.txt"):
            continue
        kinds.add(f"{path.parent.parent.name}.{path.name.removesuffix('.txt')}")
    return sorted(kinds)


def test_it_has_all_three_templates_for_every_kind():
    kinds = every_kind()
    assert "relationships.nudge" in kinds and len(kinds) > 20
    for kind in kinds:
        for name in template_names(kind):
            path = ROOT / kind.split(".")[0] / "templates" / name
            assert path.exists(), name
        html = (ROOT / kind.split(".")[0] / "templates" / template_names(kind)[2]).read_text()
        assert html.startswith('{% extends "notifications/messages/base.html" %}'), kind


@pytest.mark.django_db
def test_it_queues_one_multipart_email_with_the_organization_name(personas, settings):
    settings.MENTORA_ORGANIZATION_NAME = "Acme & Co"
    notify(
        kind="relationships.nudge",
        to=personas.mentee,
        context={
            "by": personas.manager,
            "other": personas.mentor,
            "program": "Grow <fast>",
            "note": "Tom & Jerry say hi",
            "page": "https://mentora.example/r/1/",
        },
        dedupe_key="nudge:test",
        now=NOW,
    )
    (row,) = OutboxMessage.objects.all()
    assert row.kind == "relationships.nudge"
    assert row.subject == "Time to catch up with Marco Mentor?"
    # The text part is plain text: nothing is HTML-escaped there.
    assert "last met in Grow <fast>." in row.body
    assert "Tom & Jerry say hi\n\n" in row.body
    assert "Grow &lt;fast&gt;" in row.html_body and "Tom &amp; Jerry" in row.html_body
    assert "Acme &amp; Co" in row.html_body
    assert "<table" in row.html_body and 'style="' in row.html_body
    outbox_process(now=NOW)
    (sent,) = mail.outbox
    assert sent.body == row.body
    assert sent.alternatives[0][1] == "text/html"
    assert "Acme &amp; Co" in sent.alternatives[0][0]


@pytest.mark.django_db
def test_it_keeps_one_row_per_dedupe_key(personas):
    context = {"by": "Priya", "other": "Marco", "program": "Grow", "note": "", "page": "/"}
    for _ in range(2):
        notify(kind="relationships.nudge", to=personas.mentee, context=context,
               dedupe_key="same", now=NOW)
    assert OutboxMessage.objects.count() == 1


def test_it_refuses_a_kind_without_an_app():
    with pytest.raises(ValueError, match="<app>.<name>"):
        template_names("nudge")


def test_it_fails_loudly_for_a_kind_without_templates(personas):
    with pytest.raises(TemplateDoesNotExist):
        render(kind="relationships.no_such_message", to=personas.mentee, context={})


def test_it_needs_no_domain_app():
    source = (ROOT / "notifications" / "messages.py").read_text()
    imports = [line for line in source.splitlines() if line.startswith(("from ", "import "))]
    assert not [line for line in imports if "mentora." in line
                and not line.startswith(("from mentora.notifications", "from mentora.lib"))]
