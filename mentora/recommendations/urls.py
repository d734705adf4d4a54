"""Recommendations pages: choosing a mentor, my requests, requests to me, do not pair."""

from django.urls import URLPattern, URLResolver, path

from mentora.recommendations import views

app_name = "recommendations"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("programs/<slug:slug>/", views.program_recommendations, name="program"),
    path("programs/<slug:slug>/request/", views.request_submit, name="request"),
    path("requests/", views.my_requests, name="my_requests"),
    path("requests/<int:pk>/", views.choice_detail, name="choice"),
    path("requests/<int:pk>/accept/", views.choice_accept, name="accept"),
    path("requests/<int:pk>/decline/", views.choice_decline, name="decline"),
    path("requests/<int:pk>/message/", views.choice_message, name="message"),
    path("requests/<int:pk>/withdraw/", views.choice_withdraw, name="withdraw"),
    path("requests/<int:pk>/move/", views.choice_move, name="move"),
    path("inbox/", views.inbox, name="inbox"),
    path("do-not-pair/", views.do_not_pair, name="do_not_pair"),
    path("do-not-pair/<int:pk>/undo/", views.do_not_pair_undo, name="do_not_pair_undo"),
]
