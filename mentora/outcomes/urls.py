"""Outcomes pages: surveys for respondents; dashboards, outcome reports and exports for managers."""

from django.urls import URLPattern, URLResolver, path

from mentora.outcomes import views

app_name = "outcomes"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.program_index, name="index"),
    path("overview/", views.overview, name="overview"),
    path("surveys/", views.survey_list, name="surveys"),
    path("surveys/<int:pk>/", views.survey_answer, name="survey"),
    path("surveys/<int:pk>/withdraw/", views.survey_withdraw_view, name="survey_withdraw"),
    path("s/<str:token>/", views.answer_link, name="answer_link"),
    path("programs/<slug:slug>/", views.dashboard, name="dashboard"),
    path("programs/<slug:slug>/outcomes/", views.outcomes, name="outcomes"),
    path("programs/<slug:slug>/surveys/", views.schedule, name="schedule"),
    path("programs/<slug:slug>/refresh/", views.refresh, name="refresh"),
    path("programs/<slug:slug>/export.<str:fmt>", views.export, name="export"),
]
