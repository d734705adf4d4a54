"""Placeholder until the import page lands (owned by the import work)."""

from django.http import HttpRequest, HttpResponse


def import_people(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
