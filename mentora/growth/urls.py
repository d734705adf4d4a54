"""Growth pages: "My growth", target role, assessment and gap, plan, feedback, situations."""

from django.urls import URLPattern, URLResolver, path

from mentora.growth import views

app_name = "growth"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="overview"),
    path("target/", views.target, name="target"),
    path("assessment/", views.assess, name="assess"),
    path("gap/", views.gap, name="gap"),
    path("plan/", views.plan, name="plan"),
    path("plan/skills/", views.plan_skills_add, name="plan_skills_add"),
    path("plan/skills/<int:pk>/", views.plan_skill, name="plan_skill"),
    path("plan/goals/<int:pk>/", views.goal, name="goal"),
    path("plan/goals/<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("plan/milestones/<int:pk>/", views.milestone, name="milestone"),
    path("plan/contacts/", views.contact_add, name="contact_add"),
    path("plan/contacts/<int:pk>/", views.contact, name="contact"),
    path("people/<int:user_id>/", views.person, name="person"),
    path("people/<int:user_id>/assessment/", views.assess_person, name="assess_person"),
    path("people/<int:user_id>/introduce/", views.introduce, name="introduce"),
    path("introductions/<int:pk>/", views.introduction, name="introduction"),
    path("introductions/ask/<int:user_id>/", views.introduction_ask, name="introduction_ask"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/requests/<int:pk>/decline/", views.feedback_request_decline,
         name="feedback_request_decline"),
    path("feedback/give/<int:user_id>/", views.feedback_give, name="feedback_give"),
    path("situations/", views.situations, name="situations"),
    path("situations/<int:pk>/", views.situation, name="situation"),
    path("occupations/suggest/", views.suggest, name="suggest"),
    path("occupations/pick/", views.pick, name="pick"),
    path("occupations/confirm/", views.role_confirm, name="role_confirm"),
]
