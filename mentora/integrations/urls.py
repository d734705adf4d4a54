"""Integrations pages: webhook endpoints and their delivery log (organization admins)."""

from django.urls import URLPattern, URLResolver, path

from mentora.integrations import views

app_name = "integrations"

urlpatterns: list[URLPattern | URLResolver] = [
    path("webhooks/", views.endpoint_list, name="endpoints"),
    path("webhooks/new/", views.endpoint_create, name="endpoint_create"),
    path("webhooks/<int:pk>/", views.endpoint_detail, name="endpoint"),
    path("webhooks/<int:pk>/rotate/", views.endpoint_rotate, name="endpoint_rotate"),
    path("webhooks/<int:pk>/ping/", views.endpoint_ping, name="endpoint_ping"),
    path("webhooks/<int:pk>/delete/", views.endpoint_delete, name="endpoint_delete"),
    path("deliveries/<int:pk>/resend/", views.delivery_resend, name="delivery_resend"),
]
