"""Matching pages."""

from django.urls import URLPattern, URLResolver, path

from mentora.matching import views

app_name = "matching"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:slug>/", views.workbench, name="workbench"),
    path("<slug:slug>/run/", views.run_start, name="run"),
    path("<slug:slug>/runs/<int:pk>/progress/", views.run_progress, name="progress"),
    path("<slug:slug>/rules/", views.rule_add, name="rule_add"),
    path("<slug:slug>/rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
    path("<slug:slug>/move/<int:mentee_id>/", views.move, name="move"),
    path("<slug:slug>/what-if/", views.whatif, name="whatif"),
    path("<slug:slug>/what-if/<int:pk>/", views.whatif_result, name="whatif_result"),
    path("<slug:slug>/what-if/<int:pk>/adopt/", views.whatif_adopt, name="whatif_adopt"),
    path("<slug:slug>/publish/", views.publish, name="publish"),
    path("<slug:slug>/priority/", views.priority, name="priority"),
    path("<slug:slug>/withdraw/<int:pk>/", views.withdraw, name="withdraw"),
    path("<slug:slug>/export.csv", views.export, name="export"),
]
