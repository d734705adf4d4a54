"""Calendar pages: your calendars and meeting room, the organization's video setting."""

from django.urls import path

from mentora.calendars import views

app_name = "calendars"
urlpatterns = [
    path("", views.home, name="home"),
    path("room/", views.room, name="room"),
    path("<int:pk>/refresh/", views.refresh, name="refresh"),
    path("<int:pk>/disconnect/", views.disconnect, name="disconnect"),
    path("video/", views.video, name="video"),
]
