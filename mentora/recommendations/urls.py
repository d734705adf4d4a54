"""Recommendations pages."""

from django.urls import URLPattern, URLResolver

app_name = "recommendations"

urlpatterns: list[URLPattern | URLResolver] = []
