"""Relationship pages: my relationships, detail, agreement, meetings."""

from django.urls import path

from mentora.relationships import (
    views,
    views_agreement,
    views_find_time,
    views_manage,
    views_meetings,
)

app_name = "relationships"
urlpatterns = [
    path("", views.relationship_list, name="list"),
    path("<int:pk>/", views.relationship_detail, name="detail"),
    path("<int:pk>/do/<str:action>/", views.relationship_transition, name="transition"),
    path("<int:pk>/do/<str:action>/confirm/", views.relationship_confirm, name="confirm"),
    path("<int:pk>/form/<str:name>/", views.relationship_form, name="form"),
    path("<int:pk>/agreement/change/", views_agreement.agreement_change, name="agreement_change"),
    path("<int:pk>/check-in/", views.check_in_add, name="check_in"),
    path("<int:pk>/actions/", views.action_add, name="action_add"),
    path("<int:pk>/nudge/", views.nudge, name="nudge"),
    path("<int:pk>/reflection/", views.reflection_add, name="reflection"),
    path("<int:pk>/rematch/", views.rematch, name="rematch"),
    path("<int:pk>/agreement/", views_agreement.agreement_edit, name="agreement"),
    path("<int:pk>/agreement/sign/", views_agreement.agreement_sign_view, name="agreement_sign"),
    path(
        "<int:pk>/agreement/template/",
        views_agreement.agreement_template_apply,
        name="agreement_template",
    ),
    path("<int:pk>/export.json", views.relationship_export, name="export"),
    path("<int:pk>/meetings/", views_meetings.meeting_new, name="meeting_new"),
    path("<int:pk>/find-a-time/", views_find_time.find_time, name="find_time"),
    path(
        "proposals/<int:pk>/confirm/", views_find_time.proposal_confirm, name="proposal_confirm"
    ),
    path("series/<int:pk>/cancel/", views_find_time.series_cancel, name="series_cancel"),
    path("actions/<int:pk>/status/", views.action_toggle, name="action_toggle"),
    path("meetings/<int:pk>/", views_meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/agenda/", views_meetings.agenda_add, name="agenda_add"),
    path("meetings/<int:pk>/notes/", views_meetings.note_add, name="note_add"),
    path("meetings/<int:pk>/move/", views_meetings.meeting_move, name="meeting_move"),
    path("meetings/<int:pk>/cancel/", views_meetings.meeting_drop, name="meeting_cancel"),
    path("meetings/<int:pk>/confirm/", views_meetings.meeting_confirm_view, name="meeting_confirm"),
    # Program managers
    path("stalled/", views_manage.stalled, name="stalled"),
    path("programs/<slug:slug>/", views_manage.program_overview, name="program"),
    path("programs/<slug:slug>/rematch/", views_manage.rematch_queue_view, name="rematch_queue"),
    path("rematch/<int:pk>/handled/", views_manage.rematch_handle, name="rematch_handle"),
    path("programs/<slug:slug>/templates/", views_manage.templates, name="templates"),
    path("templates/<int:pk>/", views_manage.template_edit, name="template_edit"),
    path("templates/<int:pk>/delete/", views_manage.template_delete, name="template_delete"),
]
