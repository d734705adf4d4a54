"""Counts come from one selector, so the Programs list, each program's page and home agree
(on the demo organization, where Lead has two managers: once it showed 50 coachees and
12 "coachs" on the list for 25 and 6 on its page)."""

from __future__ import annotations

import html

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from mentora.accounts.models import User
from mentora.demo.builder import demo_build
from mentora.demo.data import DEMO_DOMAIN
from mentora.programs.models import Enrollment, Program
from mentora.programs.selectors import program_counts_for

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_it_shows_the_same_counts_on_every_page_for_every_demo_program(client):
    demo_build()
    olga = User.objects.get(email=f"olga.petrova@{DEMO_DOMAIN}")
    client.force_login(olga)
    listing = _text(client.get(reverse("programs:list")))
    home = _text(client.get(reverse("home")))
    programs = list(Program.objects.order_by("slug"))
    assert len(programs) == 3
    assert any(p.managers.count() == 2 for p in programs)  # Lead: the case that doubled
    for program in programs:
        counts = program_counts_for(program)
        # The selector's figures are the enrollments themselves.
        approved = program.enrollments.approved()
        assert counts.mentees == approved.mentees().count()
        assert counts.mentors == approved.mentors().count()
        assert counts.pending == program.enrollments.filter(status="pending").count()
        assert counts.waitlisted == program.enrollments.waitlisted().count()
        sentence = html.unescape(
            render_to_string("programs/_counts.html", {"program": program, "counts": counts})
        ).strip()
        page = _text(client.get(reverse("programs:detail", args=[program.slug])))
        assert sentence in listing, program.slug
        assert sentence in page, program.slug
        row = (
            f"{program.name}</a></td><td>{counts.enrolled}</td><td>{counts.pending}</td>"
            f"<td>{counts.waitlisted}</td>"
        )
        assert row in home, program.slug
    assert "coachs" not in listing
    assert Enrollment.objects.exists()
