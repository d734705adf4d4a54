"""The people API: the directory, profiles, availability and the personality questionnaire."""

import json

import pytest
from django.test import Client

from mentora.people.models import Profile, Visibility
from mentora.people.personality import ITEMS
from mentora.testing import make_user

pytestmark = pytest.mark.django_db

API = "/api/v1/people"
PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]
EVERYONE_SIGNED_IN = [(p, 401 if p == "anonymous" else 200) for p in PERSONAS]
ALL_FOURS = {str(item.number): 4 for item in ITEMS}


def send(client: Client, method: str, url: str, body: object = None, **extra: object):
    """Call the API with a JSON body, the way scripts do."""
    kwargs: dict = {"content_type": "application/json", **extra}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(url, **kwargs)


def set_visibility(user, visibility: str) -> None:
    Profile.objects.filter(user=user).update(visibility=visibility)


# --- permission tables -------------------------------------------------------------------


@pytest.mark.parametrize("persona, expected", EVERYONE_SIGNED_IN)
def test_it_shows_the_directory_to_signed_in_people_only(personas, client_for, persona, expected):
    response = client_for(personas.all()[persona]).get(f"{API}/directory")
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("mentee", 200),  # shares the Grow program with Marco
        ("mentor", 200),  # his own profile
        ("coach", 404),
        ("manager", 200),  # manages Grow, which Marco is in
        ("admin", 200),
        ("unrelated", 404),
        ("anonymous", 401),
    ],
)
def test_it_shows_a_programs_only_profile_to_program_peers(personas, client_for, persona, expected):
    set_visibility(personas.mentor, Visibility.PROGRAMS)
    url = f"{API}/{personas.mentor.pk}/profile"
    response = client_for(personas.all()[persona]).get(url)
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("mentee", 404),
        ("mentor", 404),
        ("coach", 200),  # her own profile
        ("manager", 404),
        ("admin", 200),
        ("unrelated", 404),
        ("anonymous", 401),
    ],
)
def test_it_shows_a_hidden_profile_to_its_owner_and_admins_only(
    personas, client_for, persona, expected
):
    set_visibility(personas.coach, Visibility.HIDDEN)
    response = client_for(personas.all()[persona]).get(f"{API}/{personas.coach.pk}/profile")
    assert response.status_code == expected


@pytest.mark.parametrize("persona, expected", EVERYONE_SIGNED_IN)
def test_it_shows_an_organization_wide_profile_to_everyone_signed_in(
    personas, client_for, persona, expected
):
    response = client_for(personas.all()[persona]).get(f"{API}/{personas.unrelated.pk}/profile")
    assert response.status_code == expected


@pytest.mark.parametrize("persona, expected", EVERYONE_SIGNED_IN)
def test_it_lets_everyone_read_their_own_profile(personas, client_for, persona, expected):
    assert client_for(personas.all()[persona]).get(f"{API}/me/profile").status_code == expected


@pytest.mark.parametrize("persona, expected", EVERYONE_SIGNED_IN)
def test_it_lets_everyone_change_their_own_profile(personas, client_for, persona, expected):
    client = client_for(personas.all()[persona])
    response = send(client, "patch", f"{API}/me/profile", {"location": "Lyon"})
    assert response.status_code == expected


@pytest.mark.parametrize("persona, expected", EVERYONE_SIGNED_IN)
def test_it_lets_everyone_set_their_availability(personas, client_for, persona, expected):
    body = {"windows": [{"weekday": 0, "starts_at": "09:00", "ends_at": "10:00"}]}
    response = send(client_for(personas.all()[persona]), "put", f"{API}/me/availability", body)
    assert response.status_code == expected


@pytest.mark.parametrize("persona, expected", EVERYONE_SIGNED_IN)
def test_it_lets_everyone_answer_the_questionnaire(personas, client_for, persona, expected):
    client = client_for(personas.all()[persona])
    response = send(client, "put", f"{API}/me/personality", {"answers": ALL_FOURS})
    assert response.status_code == expected


@pytest.mark.parametrize("persona, expected", EVERYONE_SIGNED_IN)
def test_it_lists_the_questionnaire_items_for_signed_in_people(
    personas, client_for, persona, expected
):
    response = client_for(personas.all()[persona]).get(f"{API}/personality-items")
    assert response.status_code == expected


# --- directory -----------------------------------------------------------------------------


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [entry["full_name"] for entry in response.json()["items"]]


def test_it_lists_people_who_offer_mentoring_or_coaching(personas, client_for):
    response = client_for(personas.mentee).get(f"{API}/directory")
    assert names(response) == ["Chloe Coach", "Marco Mentor"]
    assert response.json()["count"] == 2
    marco = response.json()["items"][1]
    assert marco["user_id"] == personas.mentor.pk
    assert marco["skills_offered"] == ["Brand strategy", "Negotiation", "Public speaking"]
    assert marco["languages"] == ["English"]
    assert marco["offers_mentoring"] is True
    assert "visibility" not in marco and "trait_extraversion" not in marco


@pytest.mark.parametrize(
    "query, expected",
    [
        ("skill=negotiation", ["Marco Mentor"]),
        ("offers=coaching", ["Chloe Coach"]),
        ("offers=mentoring", ["Marco Mentor"]),
        ("q=brand", ["Marco Mentor"]),
        ("role=coach", ["Chloe Coach"]),
        ("department=people", ["Chloe Coach"]),
        ("language=english", ["Chloe Coach", "Marco Mentor"]),
        ("language=french", []),
        ("location=nowhere", []),
    ],
)
def test_it_filters_the_directory(personas, client_for, query, expected):
    assert names(client_for(personas.mentee).get(f"{API}/directory?{query}")) == expected


def test_it_keeps_hidden_people_out_of_the_directory(personas, client_for):
    set_visibility(personas.coach, Visibility.HIDDEN)
    assert names(client_for(personas.mentee).get(f"{API}/directory")) == ["Marco Mentor"]
    assert "Chloe Coach" in names(client_for(personas.admin).get(f"{API}/directory"))


def test_it_shows_programs_only_people_to_their_program_peers(personas, client_for):
    set_visibility(personas.mentor, Visibility.PROGRAMS)
    assert "Marco Mentor" in names(client_for(personas.mentee).get(f"{API}/directory"))
    assert "Marco Mentor" not in names(client_for(personas.unrelated).get(f"{API}/directory"))


def test_it_names_the_query_parameter_that_is_wrong(personas, client_for):
    response = client_for(personas.mentee).get(f"{API}/directory?offers=lunch")
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "offers"
    assert body["detail"].startswith("offers: ")


def test_it_names_a_wrong_page_number(personas, client_for):
    response = client_for(personas.mentee).get(f"{API}/directory?page=0")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "page"


def test_it_pages_the_directory(personas, client_for):
    for n in range(3):
        make_user(f"extra{n}@example.com", f"Zed Extra {n}", offers_mentoring=True)
    client = client_for(personas.mentee)
    first = client.get(f"{API}/directory?page_size=2").json()
    third = client.get(f"{API}/directory?page_size=2&page=3").json()
    assert first["count"] == 5
    assert [e["full_name"] for e in first["items"]] == ["Chloe Coach", "Marco Mentor"]
    assert [e["full_name"] for e in third["items"]] == ["Zed Extra 2"]


def test_it_lists_the_directory_in_constant_queries(
    personas, client_for, django_assert_num_queries
):
    client = client_for(personas.mentee)
    Profile.objects.update(offers_mentoring=False, offers_coaching=False)
    for total in (2, 20):
        for n in range(total - Profile.objects.offering().count()):
            make_user(
                f"m{total}-{n}@example.com",
                f"Mentor {total}-{n}",
                offers_mentoring=True,
                skills_offered=["Python", f"Skill {n}"],
                languages=["English", "German"],
            )
        # session, user, count, page, skills, languages
        with django_assert_num_queries(6):
            response = client.get(f"{API}/directory")
        assert len(response.json()["items"]) == total


# --- someone's profile ---------------------------------------------------------------------


def test_it_shows_someones_profile_without_their_private_settings(personas, client_for):
    response = client_for(personas.mentee).get(f"{API}/{personas.mentor.pk}/profile")
    assert response.status_code == 200
    body = response.json()
    assert body["full_name"] == "Marco Mentor"
    assert body["experience_summary"].startswith("Led brand")
    assert body["timezone"] == "Europe/Paris"
    assert body["availability"] == [
        {"weekday": 1, "weekday_name": "Tuesday", "starts_at": "09:00:00", "ends_at": "12:00:00"},
        {"weekday": 3, "weekday_name": "Thursday", "starts_at": "14:00:00", "ends_at": "17:00:00"},
    ]
    for private in ("email", "visibility", "traits", "importance_cadence", "ipip_answers"):
        assert private not in body


def test_it_answers_a_hidden_profile_exactly_like_a_missing_one(personas, client_for):
    set_visibility(personas.coach, Visibility.HIDDEN)
    client = client_for(personas.unrelated)
    hidden = client.get(f"{API}/{personas.coach.pk}/profile")
    missing = client.get(f"{API}/999999/profile")
    assert hidden.status_code == missing.status_code == 404
    detail = "No profile for person {}, or it is not visible to you."
    assert missing.json() == {"detail": detail.format(999999)}
    assert hidden.json() == {"detail": detail.format(personas.coach.pk)}


# --- my profile ----------------------------------------------------------------------------


def test_it_shows_me_my_whole_profile(personas, client_for):
    body = client_for(personas.mentee).get(f"{API}/me/profile").json()
    assert body["email"] == personas.mentee.email
    assert body["target_role"] == "Marketing Manager"
    assert body["skills_wanted"] == ["Negotiation"]
    assert body["visibility"] == "organization"
    assert body["traits"] is None
    assert 0 < body["completeness"] <= 100


def test_it_creates_an_empty_profile_on_first_read(db, client_for):
    from mentora.accounts.models import User

    newcomer = User.objects.create_user(email="new@example.com", full_name="New Person")
    body = client_for(newcomer).get(f"{API}/me/profile").json()
    assert body["full_name"] == "New Person"
    assert body["skills_offered"] == []


def test_it_changes_only_the_fields_i_send(personas, client_for):
    client = client_for(personas.mentee)
    response = send(
        client,
        "patch",
        f"{API}/me/profile",
        {
            "location": "Lisbon",
            "level": "mid",
            "style_challenge": 5,
            "offers_mentoring": True,
            "skills_offered": ["Excel", "excel", "Storytelling"],
            "languages": ["portuguese", "English"],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["location"] == "Lisbon"
    assert body["level"] == "mid"
    assert body["style_challenge"] == 5
    assert body["skills_offered"] == ["Excel", "Storytelling"]
    assert sorted(body["languages"]) == ["English", "Portuguese"]
    assert body["skills_wanted"] == ["Negotiation"]  # not sent, kept
    assert body["job_title"] == "Marketing Associate"  # not sent, kept


@pytest.mark.parametrize(
    "change, field",
    [
        ({"level": "wizard"}, "level"),
        ({"style_focus": 9}, "style_focus"),
        ({"years_experience": -1}, "years_experience"),
        ({"job_title": None}, "job_title"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"skills_offered": "Excel"}, "skills_offered"),
        ({"offers_coaching": "perhaps"}, "offers_coaching"),
    ],
)
def test_it_names_the_field_a_profile_change_got_wrong(personas, client_for, change, field):
    response = send(client_for(personas.mentee), "patch", f"{API}/me/profile", change)
    assert response.status_code == 422
    assert response.json()["field"] == field


@pytest.mark.parametrize(
    "change, field",
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"job_title": "x" * 201}, "job_title"),
        ({"skills_wanted": ["y" * 101]}, "skills_wanted"),
    ],
)
def test_it_writes_nothing_when_the_service_refuses_a_field(personas, client_for, change, field):
    body = {"location": "Lisbon", **change}
    response = send(client_for(personas.mentee), "patch", f"{API}/me/profile", body)
    assert response.status_code == 422
    assert response.json()["field"] == field
    personas.mentee.profile.refresh_from_db()
    assert personas.mentee.profile.location == ""
    assert list(personas.mentee.profile.skills_wanted.values_list("name", flat=True)) == [
        "Negotiation"
    ]


# --- availability --------------------------------------------------------------------------


def test_it_replaces_my_availability(personas, client_for):
    client = client_for(personas.mentor)
    body = {
        "windows": [
            {"weekday": 4, "starts_at": "16:00", "ends_at": "17:30"},
            {"weekday": 0, "starts_at": "08:00", "ends_at": "09:00"},
        ]
    }
    response = send(client, "put", f"{API}/me/availability", body)
    assert response.status_code == 200, response.content
    saved = response.json()
    assert saved["timezone"] == "Europe/Paris"
    assert [(w["weekday_name"], w["starts_at"]) for w in saved["windows"]] == [
        ("Monday", "08:00:00"),
        ("Friday", "16:00:00"),
    ]
    assert client.get(f"{API}/me/availability").json() == saved


def test_it_clears_my_availability_with_an_empty_list(personas, client_for):
    client = client_for(personas.mentor)
    response = send(client, "put", f"{API}/me/availability", {"windows": []})
    assert response.json()["windows"] == []
    assert not personas.mentor.profile.availability.exists()


@pytest.mark.parametrize(
    "windows, field",
    [
        ([{"weekday": 7, "starts_at": "09:00", "ends_at": "10:00"}], "windows.0.weekday"),
        ([{"weekday": 1, "starts_at": "9am", "ends_at": "10:00"}], "windows.0.starts_at"),
        ([{"weekday": 1, "starts_at": "09:00"}], "windows.0.ends_at"),
        ([{"weekday": 1, "starts_at": "10:00", "ends_at": "09:00"}], "ends_at"),
        (
            [
                {"weekday": 1, "starts_at": "09:00", "ends_at": "11:00"},
                {"weekday": 1, "starts_at": "10:00", "ends_at": "12:00"},
            ],
            "starts_at",
        ),
    ],
)
def test_it_names_what_is_wrong_with_availability_and_keeps_the_old(
    personas, client_for, windows, field
):
    response = send(
        client_for(personas.mentor), "put", f"{API}/me/availability", {"windows": windows}
    )
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert personas.mentor.profile.availability.count() == 2


# --- personality ---------------------------------------------------------------------------


def test_it_lists_the_twenty_statements_and_the_scale(personas, client_for):
    body = client_for(personas.mentee).get(f"{API}/personality-items").json()
    assert [item["number"] for item in body["items"]] == list(range(1, 21))
    assert body["items"][0]["text"] == "Am the life of the party."
    assert [point["value"] for point in body["scale"]] == [1, 2, 3, 4, 5]
    assert "trait" not in body["items"][0]  # the scoring key would colour the answers


def test_it_scores_my_answers_into_traits(personas, client_for):
    client = client_for(personas.mentee)
    answers = {**ALL_FOURS, "1": 5, "6": 1}  # very much the life of the party
    response = send(client, "put", f"{API}/me/personality", {"answers": answers})
    assert response.status_code == 200, response.content
    traits = response.json()["traits"]
    assert traits["extraversion"] == 4.0  # (5 + (6-1) + 4 + (6-4)) / 4
    assert traits["agreeableness"] == 3.0
    assert client.get(f"{API}/me/profile").json()["traits"] == traits


@pytest.mark.parametrize(
    "answers, field",
    [
        ({k: v for k, v in ALL_FOURS.items() if k != "7"}, "answers"),
        ({**ALL_FOURS, "3": 6}, "answers.3"),
        ({**ALL_FOURS, "21": 3}, "answers.21"),
        ({**ALL_FOURS, "x": 3}, "answers.x"),
    ],
)
def test_it_names_the_answer_that_is_wrong(personas, client_for, answers, field):
    client = client_for(personas.mentee)
    response = send(client, "put", f"{API}/me/personality", {"answers": answers})
    assert response.status_code == 422
    assert response.json()["field"].startswith(field)
    personas.mentee.profile.refresh_from_db()
    assert personas.mentee.profile.traits is None


def test_it_says_which_statements_are_missing(personas, client_for):
    answers = {k: v for k, v in ALL_FOURS.items() if k not in ("7", "12")}
    client = client_for(personas.mentee)
    response = send(client, "put", f"{API}/me/personality", {"answers": answers})
    assert "7, 12" in response.json()["detail"]


# --- schema --------------------------------------------------------------------------------


def test_it_lists_the_people_paths_in_the_openapi_schema(client):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert {
        "/api/v1/people/directory",
        "/api/v1/people/{user_id}/profile",
        "/api/v1/people/me/profile",
        "/api/v1/people/me/availability",
        "/api/v1/people/me/personality",
        "/api/v1/people/personality-items",
    } <= paths


def test_it_answers_404_for_a_profile_id_beyond_any_database_integer(client, personas):
    client.force_login(personas.mentee)
    response = client.get(f"/api/v1/people/{2**64}/profile")
    assert response.status_code == 404
    assert "No profile for person" in response.json()["detail"]
