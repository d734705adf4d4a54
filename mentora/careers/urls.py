"""Career pages: occupation search and the role insight of one occupation."""

from django.urls import path, register_converter

from mentora.careers import views


class OnetCodeConverter:
    """An O*NET-SOC code such as 15-1252.00."""

    regex = r"[0-9]{2}-[0-9]{4}\.[0-9]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(OnetCodeConverter, "onet")

app_name = "careers"
urlpatterns = [
    path("", views.search, name="search"),
    path("occupations/<onet:code>/", views.occupation, name="occupation"),
]
