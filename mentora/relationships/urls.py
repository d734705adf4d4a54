from django.urls import path

app_name = "relationships"
urlpatterns: list = []
