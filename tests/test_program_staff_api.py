"""Issue 17's "Done when", over the JSON API with personal tokens: Olga makes Priya program
staff; Priya creates a flash program and a new cohort of Grow; Olga imports an HR export with
its own headers and numeric grades (check, map the levels, import the same upload, invite);
Priya previews the publish before publishing, withdraws one match, reads the outcomes and the
organization overview in sentences; Olga reads the audit log without ids."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mentora.accounts.models import User
from mentora.matching.models import MatchRun
from mentora.matching.services import matchrun_execute
from mentora.matching.tests.helpers import grow_cohort
from mentora.notifications.models import OutboxMessage
from mentora.relationships.models import Relationship

pytestmark = pytest.mark.django_db

HR_EXPORT = (
    "Work Email,First Name,Last Name,Employee ID,Manager Email,Job Level\n"
    "nina.new@example.com,Nina,Novak,E201,,8\n"
    "omar.new@example.com,Omar,Ode,E202,nina.new@example.com,L5\n"
)


def _json(client, method, url, headers, body=None):
    call = getattr(client, method)
    if body is None:
        return call(url, **headers)
    return call(url, body, content_type="application/json", **headers)


def test_priya_and_olga_do_every_step_over_the_api(client, api_token_for, personas):
    olga, priya = api_token_for(personas.admin), api_token_for(personas.manager)

    # Olga makes Priya program staff.
    staff = _json(client, "put", f"/api/v1/accounts/people/{personas.manager.pk}/program-staff",
                  olga, {"program_staff": True})
    assert staff.status_code == 200, staff.content

    # Priya creates a flash program from its template, then a new cohort of Grow.
    flash = _json(client, "post", "/api/v1/programs", priya,
                  {"template": "flash", "name": "Ask an expert"})
    assert flash.status_code == 201, flash.content
    assert flash.json()["sessions_per_pair"] == 1 and flash.json()["uses_agreement"] is False
    cohort = _json(client, "post", "/api/v1/programs/grow/duplicate", priya,
                   {"name": "Grow autumn"})
    assert cohort.status_code == 201, cohort.content
    assert cohort.json()["status"] == "draft"

    # Olga uploads the HR export: the numeric grades are not in the level table yet.
    def upload():
        return client.post(
            "/api/v1/people/import/uploads",
            {"file": SimpleUploadedFile("hr.csv", HR_EXPORT.encode(), "text/csv")},
            **olga,
        )

    refused = upload()
    assert refused.status_code == 422, refused.content
    assert refused.json()["unknown_levels"] == {"8": 1, "L5": 1}
    assert all(e["column"] == "Job Level" and e["line"] in (2, 3)
               for e in refused.json()["errors"])
    assert not User.objects.filter(email="nina.new@example.com").exists()
    levels = _json(client, "put", "/api/v1/people/import/settings", olga,
                   {"levels": {"8": "senior", "L5": "mid"}})
    assert levels.status_code == 200, levels.content
    checked = upload()
    assert checked.status_code == 201, checked.content
    check = checked.json()
    assert ("Work Email", "email") in [(c["header"], c["column"]) for c in check["columns"]]
    assert check["report"]["dry_run"] is True and check["report"]["created"] == 2
    assert not User.objects.filter(email="nina.new@example.com").exists()
    # Priya (program staff) may import, but not Olga's upload: it is tied to who checked it.
    assert _json(client, "post", f"/api/v1/people/import/uploads/{check['upload']}", priya,
                 {"checked": check["checked"]}).status_code == 422
    imported = _json(client, "post", f"/api/v1/people/import/uploads/{check['upload']}", olga,
                     {"checked": check["checked"], "invite": True})
    assert imported.status_code == 200, imported.content
    assert imported.json()["created"] == 2 and imported.json()["invited"] == 2
    nina = User.objects.get(email="nina.new@example.com")
    assert nina.profile.level == "senior"
    assert User.objects.get(email="omar.new@example.com").profile.level == "mid"
    again = _json(client, "post", f"/api/v1/people/import/uploads/{check['upload']}", olga,
                  {"checked": check["checked"]})
    assert again.status_code == 422 and "Upload the file again" in again.json()["detail"]

    # Priya runs the matching, previews the publish, publishes, withdraws one match.
    grow_cohort(personas, mentees=2, mentors=1)
    started = _json(client, "post", "/api/v1/matching/grow/runs", priya, {})
    assert started.status_code == 202, started.content
    matchrun_execute(run=MatchRun.objects.get(pk=started.json()["id"]))  # the worker's part
    preview = _json(client, "post", "/api/v1/matching/grow/publish/preview", priya,
                    {"intro": "Welcome to Grow."})
    assert preview.status_code == 200, preview.content
    assert preview.json()["pairs"] == 2 and preview.json()["people"] == 3
    assert not Relationship.objects.exists() and not OutboxMessage.objects.filter(
        kind="matching.match").exists()
    published = _json(client, "post", "/api/v1/matching/grow/publish", priya,
                      {"intro": "Welcome to Grow."})
    assert published.status_code == 200 and published.json()["created"] == 2
    first = published.json()["relationship_ids"][0]
    withdrawn = _json(client, "post", f"/api/v1/matching/grow/matches/{first}/withdraw", priya,
                      {"reason": "Wrong cohort"})
    assert withdrawn.status_code == 204, withdrawn.content
    assert Relationship.objects.get(pk=first).status != "requested"

    # Priya reads the outcomes and the organization overview in sentences.
    outcomes = _json(client, "get", "/api/v1/outcomes/programs/grow/outcomes", priya)
    assert outcomes.status_code == 200
    overview = _json(client, "get", "/api/v1/outcomes/overview", priya)
    assert overview.status_code == 200, overview.content
    body = overview.json()
    assert [p["program"] for p in body["programs"]] == ["grow"]  # drafts are left out
    assert body["totals"]["programs"] == 1
    assert body["programs"][0]["summary"], "the overview leads with plain sentences"
    assert "association, not proof" in body["caveat"]
    assert _json(client, "get", "/api/v1/outcomes/overview",
                 api_token_for(personas.mentee)).status_code == 404

    # Olga reads the audit log: sentences with names, no ids or codes.
    log = _json(client, "get", "/api/v1/audit/entries", olga).json()
    sentences = [e["sentence"] for e in log["items"]]
    assert any("Ask an expert" in s and "Priya" in s for s in sentences)
    assert any("Grow autumn" in s for s in sentences)
    for sentence in sentences:
        assert not re.search(r"#\d|\[\d|\b[a-z]+_[a-z_]+\b|\bTrue\b|\bFalse\b", sentence), sentence
