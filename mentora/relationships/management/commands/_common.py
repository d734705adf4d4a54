"""Shared by the relationships commands: finding a program by slug with a helpful error."""

from __future__ import annotations

from django.core.management.base import CommandError

from mentora.programs.models import Program


def program_by_slug(slug: str) -> Program:
    """The program with this slug, or a CommandError listing the slugs that exist."""
    program = Program.objects.filter(slug=slug).first()
    if program is None:
        slugs = ", ".join(Program.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandError(
            f"No program has the slug “{slug}”" + (f"; programs: {slugs}." if slugs else ".")
        )
    return program
