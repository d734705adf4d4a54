from django.urls import path

from mentora.programs import views, views_announce

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("new/", views.program_create_view, name="create"),
    path("<slug:slug>/", views.program_detail, name="detail"),
    path("<slug:slug>/edit/", views.program_edit, name="edit"),
    path("<slug:slug>/roster/", views.roster, name="roster"),
    path("<slug:slug>/questions/", views.questions_edit, name="questions"),
    path("<slug:slug>/duplicate/", views.program_duplicate_view, name="duplicate"),
    path("<slug:slug>/archive/", views.program_archive_view, name="archive"),
    path("<slug:slug>/roster/decide/", views.enrollments_bulk_decide, name="bulk_decide"),
    path("<slug:slug>/announcements/", views_announce.announcements, name="announcements"),
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
