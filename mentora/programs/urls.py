from django.urls import path

from mentora.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("new/", views.program_create_view, name="create"),
    path("<slug:slug>/", views.program_detail, name="detail"),
    path("<slug:slug>/edit/", views.program_edit, name="edit"),
    path("<slug:slug>/roster/", views.roster, name="roster"),
    path("<slug:slug>/questions/", views.questions_edit, name="questions"),
    path("enrollments/<int:pk>/withdraw/", views.enrollment_withdraw_view, name="withdraw"),
    path(
        "enrollments/<int:pk>/approve/",
        views.enrollment_decide,
        {"decision": "approve"},
        name="approve",
    ),
    path(
        "enrollments/<int:pk>/decline/",
        views.enrollment_decide,
        {"decision": "decline"},
        name="decline",
    ),
]
