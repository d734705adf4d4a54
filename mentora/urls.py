"""URL routes: each app's pages under its namespace, the JSON API under /api/v1/."""

from django.contrib import admin
from django.urls import include, path, re_path

from mentora import views
from mentora.api import api
from mentora.ops import views as ops_views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accounts/", include("mentora.accounts.urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),  # single sign-on (docs/sso.md)
    path("people/", include("mentora.people.urls")),
    path("programs/", include("mentora.programs.urls")),
    path("careers/", include("mentora.careers.urls")),
    path("relationships/", include("mentora.relationships.urls")),
    path("calendars/", include("mentora.calendars.urls")),
    path("notifications/", include("mentora.notifications.urls")),
    path("matching/", include("mentora.matching.urls")),
    path("recommendations/", include("mentora.recommendations.urls")),
    path("growth/", include("mentora.growth.urls")),
    path("outcomes/", include("mentora.outcomes.urls")),
    path("audit/", include("mentora.audit.urls")),
    path("integrations/", include("mentora.integrations.urls")),
    path("conversations/", include("mentora.conversations.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<path>.*)$", ops_views.api_not_found),  # JSON 404, not the HTML page
    path("django-admin/", admin.site.urls),
]

handler500 = "mentora.ops.views.server_error"  # a lost database answers 503 here too
