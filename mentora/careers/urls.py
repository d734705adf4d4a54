from django.urls import path

app_name = "careers"
urlpatterns: list = []
