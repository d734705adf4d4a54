from django.urls import path

from mentora.conversations import views

app_name = "conversations"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("unread/", views.badge, name="badge"),
    path("relationships/<int:pk>/", views.thread, name="thread"),
    path("relationships/<int:pk>/new/", views.poll, name="poll"),
    path("relationships/<int:pk>/send/", views.send, name="send"),
]
