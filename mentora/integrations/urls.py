"""Integrations pages."""

from django.urls import URLPattern, URLResolver

app_name = "integrations"

urlpatterns: list[URLPattern | URLResolver] = []
