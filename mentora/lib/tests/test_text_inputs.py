"""Text that cannot be stored, entered on every surface (issue 21, items 6 and 8; mentora.lib.text).

A one-line box (names, titles, subjects, places) refuses line breaks, tabs and other control
characters; a text area refuses control characters other than tabs and line breaks. Each page
answers with an error naming the field, the API with 422 naming it, an import with the row and
column; none of them writes anything. Before the form guard, text areas stored control
characters as typed (the API already refused them), and imports stored a bell or escape
character in names.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.accounts.models import ApiToken
from mentora.growth.models import Situation
from mentora.integrations.models import WebhookEndpoint
from mentora.lib.errors import DomainError
from mentora.lib.tabular import ImportRejected, read_table
from mentora.notifications.models import OutboxMessage
from mentora.programs.models import Program
from mentora.relationships.models import AgendaItem, Meeting, SharedNote
from tests.access.world import build_world

pytestmark = pytest.mark.django_db

ONE_LINE = "cannot contain line breaks, tabs or other control characters"
ANY_TEXT = "cannot contain control characters (other than tabs and line breaks)"


@pytest.fixture
def world(personas):
    return build_world(personas)


def _page_cases(world):
    """(who, url, posted data, rows that must not grow, the field's label on the page)."""
    try:
        from mentora.programs.models import Announcement  # newer than the first text guard
    except ImportError:
        Announcement = None  # noqa: N806 (the test then fails on the missing feature)

    meeting, relationship = world["meeting"], world["relationship"]
    return {
        "situation title": (
            "mentee", reverse("growth:situations"), {"title": "Hi\x07", "situation": "x"},
            Situation.objects, "Title",
        ),
        "situation text (text area)": (
            "mentee", reverse("growth:situations"), {"title": "Hi", "situation": "ring \x07"},
            Situation.objects, "Situation",
        ),
        "token name": (
            "mentee", reverse("accounts:tokens"), {"name": "HR\r\nsync", "scope": "read"},
            ApiToken.objects, "Token name",
        ),
        "webhook name": (
            "admin", reverse("integrations:endpoint_create"),
            {"name": "HR\nBcc", "url": "https://hooks.example.com/a",
             "events": ["match.published"], "is_active": "on"},
            WebhookEndpoint.objects, "Name",
        ),
        "agenda topic": (
            "mentee", reverse("relationships:agenda_add", args=[meeting.pk]),
            {"text": "Topic\x1b[31m"}, AgendaItem.objects, "Topic",
        ),
        "shared note (text area)": (
            "mentee", reverse("relationships:note_add", args=[meeting.pk]),
            {"body": "ring \x07 twice"}, SharedNote.objects, "Note",
        ),
        "meeting place": (
            "mentee", reverse("relationships:meeting_new", args=[relationship.pk]),
            {"starts_at": "2031-05-06T10:00", "repeat": "1", "location": "Room 1\r\nBcc: x"},
            Meeting.objects, "Location or link",
        ),
        "announcement subject": (
            "admin", reverse("programs:announcements", args=[world["program"].slug]),
            {"audience": "everyone", "subject": "News\r\nBcc: all@example.com", "body": "Hi",
             "step": "send"},
            Announcement and Announcement.objects, "Subject",
        ),
    }


CASES = [
    "situation title", "situation text (text area)", "token name", "webhook name",
    "agenda topic", "shared note (text area)", "meeting place", "announcement subject",
]


@pytest.mark.parametrize("case", CASES)
def test_it_answers_a_page_with_an_error_naming_the_field_and_writes_nothing(
    world, client_for, case
):
    who, url, data, rows, label = _page_cases(world)[case]
    before, outbox = rows.count(), OutboxMessage.objects.count()
    response = client_for(world[who]).post(url, data, follow=True)
    assert response.status_code in (200, 422)
    html = response.content.decode()
    rule = ANY_TEXT if "text area" in case else ONE_LINE
    assert rule in html, html[:3000]
    assert label in html
    assert rows.count() == before
    assert OutboxMessage.objects.count() == outbox


def test_it_keeps_line_breaks_and_tabs_in_a_text_area(world, client_for):
    before = SharedNote.objects.count()
    client_for(world["mentee"]).post(
        reverse("relationships:note_add", args=[world["meeting"].pk]),
        {"body": "line one\r\nline two\tand a tab"},
    )
    assert SharedNote.objects.count() == before + 1
    assert SharedNote.objects.order_by("-pk").first().body == "line one\r\nline two\tand a tab"


API_CASES = [
    # (who, method, path, body, field)
    ("mentee", "post", "/api/v1/growth/situations", '{"title": "Hi\\u009bthere", "situation": "x"}',
     "title"),
    ("mentee", "post", "/api/v1/accounts/tokens", '{"name": "HR\\tsync", "scope": "read"}',
     "name"),
    ("admin", "post", "/api/v1/integrations/webhooks",
     '{"name": "HR\\r\\nBcc", "url": "https://hooks.example.com/a", '
     '"events": ["match.published"]}', "name"),
    ("mentee", "post", "/api/v1/relationships/meetings/{meeting}/agenda", '{"text": "A\\u2028B"}',
     "text"),
    ("mentee", "patch", "/api/v1/people/me/profile",
     '{"skills_wanted": ["Negotiation"], "job_title": "Lead\\r\\nBcc: x"}', "job_title"),
]


@pytest.mark.parametrize(("who", "method", "path", "body", "field"), API_CASES)
def test_it_answers_the_api_with_422_naming_the_field_and_writes_nothing(
    world, client, api_token_for, who, method, path, body, field
):
    from mentora.people.models import Profile

    profile = Profile.objects.get(user=world["mentee"])
    skills = sorted(profile.skills_wanted.values_list("name", flat=True))
    counts = [m.objects.count() for m in (Situation, ApiToken, WebhookEndpoint, AgendaItem)]
    response = getattr(client, method)(
        path.format(meeting=world["meeting"].pk), data=body, content_type="application/json",
        **api_token_for(world[who]),
    )
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    assert "cannot contain" in response.json()["detail"]
    # api_token_for made one token for the caller; nothing else was written.
    tokens_made = 1
    assert [m.objects.count() for m in (Situation, ApiToken, WebhookEndpoint, AgendaItem)] == [
        counts[0], counts[1] + tokens_made, counts[2], counts[3],
    ]
    profile.refresh_from_db()
    assert sorted(profile.skills_wanted.values_list("name", flat=True)) == skills
    assert "\n" not in profile.job_title


def test_it_names_the_row_and_column_of_a_control_character_in_an_import(world):
    from mentora.people.importing import people_import
    from mentora.people.models import Profile

    table = read_table(
        b"email,full_name,job_title\n"
        b"new.person@example.com,Ann\x07 Lee,Analyst\n"
        b"other.person@example.com,Bo Berg,Lead\x1b[2J\n",
        filename="people.csv",
    )
    with pytest.raises(ImportRejected) as caught:
        people_import(table=table, by=world["admin"])
    problems = [str(p) for p in caught.value.problems]
    assert any("2" in p and "full_name" in p and "control characters" in p for p in problems), (
        problems
    )
    assert any("3" in p and "job_title" in p for p in problems), problems
    assert not Profile.objects.filter(user__email__startswith=("new.person")).exists()


def test_it_lets_a_row_that_already_held_bad_text_be_saved_again(world):
    """A value stored before the rule existed does not block later saves of its row (a status
    change, say); entering new bad text is still refused."""
    program = world["program"]
    Program.objects.filter(pk=program.pk).update(name="Grow\r\nold")  # bypasses the guard
    program.refresh_from_db()
    program.description = "Still running"
    program.save()
    program.save(update_fields=["description"])
    program.name = "Grow\r\nnew"
    with pytest.raises(DomainError) as caught:
        program.save()
    assert caught.value.field == "name"
