"""Notification pages: one-click links, preferences, calendar feeds."""

from django.urls import path

from mentora.notifications import views

app_name = "notifications"
urlpatterns = [
    path("do/<str:token>/", views.one_click, name="one_click"),
    path("settings/", views.preferences, name="preferences"),
    path("chat/", views.chat_admin, name="chat_admin"),
    path("calendar/new/", views.feed_create, name="feed_create"),
    path("calendar/revoke/", views.feed_revoke, name="feed_revoke"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
