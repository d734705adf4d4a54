"""The accounts API: who am I, personal API tokens, and how callers authenticate."""

import json

import pytest
from django.test import Client

from mentora.accounts.models import ApiToken
from mentora.accounts.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db

API = "/api/v1"
PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]


def send(client: Client, method: str, url: str, body: object = None, **extra: object):
    """Call the API with a JSON body, the way scripts do."""
    kwargs: dict = {"content_type": "application/json", **extra}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(url, **kwargs)


# --- permission tables -------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, expected",
    [(p, 401 if p == "anonymous" else 200) for p in PERSONAS],
)
def test_it_lets_every_signed_in_persona_ask_who_they_are(personas, client_for, persona, expected):
    response = client_for(personas.all()[persona]).get(f"{API}/accounts/me")
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    [(p, 401 if p == "anonymous" else 200) for p in PERSONAS],
)
def test_it_lets_every_signed_in_persona_list_their_tokens(personas, client_for, persona, expected):
    response = client_for(personas.all()[persona]).get(f"{API}/accounts/tokens")
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    [(p, 401 if p == "anonymous" else 201) for p in PERSONAS],
)
def test_it_lets_every_signed_in_persona_create_a_token(personas, client_for, persona, expected):
    response = send(
        client_for(personas.all()[persona]), "post", f"{API}/accounts/tokens", {"name": "cron"}
    )
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("mentee", 204),  # the owner
        ("mentor", 404),
        ("coach", 404),
        ("manager", 404),
        ("admin", 404),  # not even an admin revokes someone else's token through the API
        ("unrelated", 404),
        ("anonymous", 401),
    ],
)
def test_it_lets_only_the_owner_revoke_a_token(personas, client_for, persona, expected):
    token, _ = api_token_create(user=personas.mentee, name="laptop")
    response = client_for(personas.all()[persona]).delete(f"{API}/accounts/tokens/{token.pk}")
    assert response.status_code == expected
    token.refresh_from_db()
    assert (token.revoked_at is not None) == (expected == 204)


# --- who am I ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, roles",
    [
        ("mentee", ["mentee"]),
        ("mentor", ["mentor"]),
        ("coach", ["coach"]),
        ("manager", ["program_manager"]),
        ("admin", ["org_admin", "program_manager"]),
        ("unrelated", []),
    ],
)
def test_it_tells_me_who_i_am_and_my_roles(personas, client_for, persona, roles):
    user = personas.all()[persona]
    body = client_for(user).get(f"{API}/accounts/me").json()
    assert body["email"] == user.email
    assert body["full_name"] == user.full_name
    assert body["roles"] == roles
    assert body["is_org_admin"] == (persona == "admin")


def test_it_lists_the_programs_a_manager_runs(personas, client_for):
    body = client_for(personas.manager).get(f"{API}/accounts/me").json()
    assert body["managed_programs"] == ["grow"]


# --- tokens --------------------------------------------------------------------------------


def test_it_shows_a_new_token_key_once_and_never_again(personas, client_for):
    client = client_for(personas.mentee)
    created = send(client, "post", f"{API}/accounts/tokens", {"name": "  weekly report  "})
    assert created.status_code == 201
    body = created.json()
    assert body["name"] == "weekly report"
    assert body["key"].startswith("mnt_")
    assert body["key"].startswith(body["key_prefix"])
    assert body["is_active"] is True

    listed = client.get(f"{API}/accounts/tokens").json()
    assert listed["count"] == 1
    item = listed["items"][0]
    assert item["id"] == body["id"]
    assert "key" not in item and "key_hash" not in item
    assert body["key"] not in json.dumps(listed)


def test_it_lists_only_my_own_tokens_newest_first(personas, client_for):
    api_token_create(user=personas.mentee, name="first")
    api_token_create(user=personas.mentee, name="second")
    api_token_create(user=personas.mentor, name="not mine")
    listed = client_for(personas.mentee).get(f"{API}/accounts/tokens").json()
    assert [t["name"] for t in listed["items"]] == ["second", "first"]


def test_it_keeps_revoked_tokens_in_the_list_marked_inactive(personas, client_for):
    token, _ = api_token_create(user=personas.mentee, name="old")
    api_token_revoke(token=token, by=personas.mentee)
    item = client_for(personas.mentee).get(f"{API}/accounts/tokens").json()["items"][0]
    assert item["is_active"] is False
    assert item["revoked_at"] is not None


def test_it_revokes_a_token_so_it_no_longer_authenticates(personas, client):
    token, key = api_token_create(user=personas.mentee, name="script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.delete(f"{API}/accounts/tokens/{token.pk}", **auth).status_code == 204
    response = client.get(f"{API}/accounts/me", **auth)
    assert response.status_code == 401
    assert "token" in response.json()["detail"]


def test_it_treats_revoking_twice_as_done(personas, client_for):
    token, _ = api_token_create(user=personas.mentee, name="script")
    client = client_for(personas.mentee)
    assert client.delete(f"{API}/accounts/tokens/{token.pk}").status_code == 204
    assert client.delete(f"{API}/accounts/tokens/{token.pk}").status_code == 204


def test_it_answers_an_unknown_token_id_with_a_clear_404(personas, client_for):
    response = client_for(personas.mentee).delete(f"{API}/accounts/tokens/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "You have no API token with id 999999."}


def test_it_names_the_field_when_a_token_name_is_blank(personas, client_for):
    response = send(client_for(personas.mentee), "post", f"{API}/accounts/tokens", {"name": " "})
    assert response.status_code == 422
    message = "Give the token a name, such as the script that will use it."
    assert response.json() == {
        "detail": message,
        "field": "name",
        "errors": [{"field": "name", "message": message}],
    }
    assert not ApiToken.objects.exists()


def test_it_names_the_field_when_a_token_name_is_missing(personas, client_for):
    response = send(client_for(personas.mentee), "post", f"{API}/accounts/tokens", {})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == [{"field": "name", "message": "Field required"}]
    assert body["detail"] == "name: Field required"


def test_it_refuses_unknown_fields_by_name(personas, client_for):
    response = send(
        client_for(personas.mentee), "post", f"{API}/accounts/tokens", {"name": "x", "scope": "all"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "scope"


def test_it_answers_a_body_that_is_not_json_with_400(personas, client_for):
    response = client_for(personas.mentee).post(
        f"{API}/accounts/tokens", data="{name:", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "The request body is not valid JSON."}


def test_it_names_the_path_parameter_when_an_id_is_not_a_number(personas, client_for):
    response = client_for(personas.mentee).delete(f"{API}/accounts/tokens/abc")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "token_id"


def test_it_lists_tokens_in_constant_queries(personas, client_for, django_assert_num_queries):
    client = client_for(personas.mentee)
    counts = {}
    for total in (2, 20):
        ApiToken.objects.all().delete()
        for n in range(total):
            api_token_create(user=personas.mentee, name=f"token {n}")
        # session + user, then the page's count and rows
        with django_assert_num_queries(4):
            body = client.get(f"{API}/accounts/tokens").json()
        counts[total] = len(body["items"])
    assert counts == {2: 2, 20: 20}


# --- authentication ------------------------------------------------------------------------


def test_it_accepts_a_bearer_token(personas, client, api_token_for):
    response = client.get(f"{API}/accounts/me", **api_token_for(personas.mentor))
    assert response.status_code == 200
    assert response.json()["email"] == personas.mentor.email


def test_it_accepts_a_token_in_the_x_api_token_header(personas, client):
    _, key = api_token_create(user=personas.coach, name="curl")
    response = client.get(f"{API}/accounts/me", HTTP_X_API_TOKEN=key)
    assert response.status_code == 200
    assert response.json()["email"] == personas.coach.email


def test_it_records_when_a_token_was_last_used(personas, client):
    token, key = api_token_create(user=personas.mentee, name="curl")
    client.get(f"{API}/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("header", ["Bearer mnt_not-a-real-key", "Bearer nonsense", "Basic abc"])
def test_it_refuses_a_wrong_token_with_401(personas, client, header):
    response = client.get(f"{API}/accounts/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]


def test_it_refuses_the_token_of_a_deactivated_person(personas, client, api_token_for):
    auth = api_token_for(personas.unrelated)
    personas.unrelated.is_active = False
    personas.unrelated.save()
    assert client.get(f"{API}/accounts/me", **auth).status_code == 401


def test_it_needs_a_csrf_token_for_a_session_post(personas):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.mentee)
    response = send(browser, "post", f"{API}/accounts/tokens", {"name": "from the browser"})
    assert response.status_code == 403
    assert "X-CSRFToken" in response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_it_accepts_a_session_post_with_its_csrf_token(personas):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.mentee)
    secret = "s3cr3t" * 5 + "ok"  # what the csrftoken cookie holds: 32 letters and digits
    browser.cookies["csrftoken"] = secret
    response = send(
        browser, "post", f"{API}/accounts/tokens", {"name": "ok"}, HTTP_X_CSRFTOKEN=secret
    )
    assert response.status_code == 201


def test_it_needs_no_csrf_token_with_an_api_token(personas, api_token_for):
    script = Client(enforce_csrf_checks=True)
    response = send(
        script, "post", f"{API}/accounts/tokens", {"name": "ci"}, **api_token_for(personas.mentee)
    )
    assert response.status_code == 201


def test_it_answers_an_anonymous_post_with_401_not_a_csrf_error(db):
    stranger = Client(enforce_csrf_checks=True)
    response = send(stranger, "post", f"{API}/accounts/tokens", {"name": "x"})
    assert response.status_code == 401


def test_it_lets_a_session_read_without_csrf(personas):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.mentee)
    assert browser.get(f"{API}/accounts/me").status_code == 200


# --- schema --------------------------------------------------------------------------------


def test_it_serves_an_openapi_schema_listing_the_accounts_paths(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/accounts/me", "/api/v1/accounts/tokens"} <= set(paths)
    assert "delete" in paths["/api/v1/accounts/tokens/{token_id}"]


def test_it_serves_the_interactive_docs(client):
    assert client.get(f"{API}/docs").status_code == 200
