from django.urls import path

from mentora.people import views, views_import

app_name = "people"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.profile_edit, name="profile_edit"),
    path("me/availability/", views.availability_edit, name="availability"),
    path("me/personality/", views.personality_edit, name="personality"),
    path("me/photo/", views.photo_upload, name="photo_upload"),
    path("<int:user_id>/", views.profile_detail, name="detail"),
    path("<int:user_id>/photo.jpg", views.photo, name="photo"),
    path("organization/", views.admin_people, name="admin_people"),
    path("import/", views_import.import_people, name="import"),
    path("import/settings/", views_import.import_settings_page, name="import_settings"),
]
