"""Lone surrogates and control characters (issue 21, items 6 and 8).

On `main` a lone UTF-16 surrogate in any JSON string (`"\\ud800"`) gave HTTP 500 (it cannot be
encoded as UTF-8 on the way to the database), and single-line fields accepted CR/LF and other
control characters: a program named "Grow\\r\\nBcc: …" stopped its emails (BadHeaderError).
Each test here fails there.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mentora.lib.errors import DomainError
from mentora.programs.models import Program
from mentora.programs.services import program_create

pytestmark = pytest.mark.django_db


def _post(client, path, raw_json, headers):
    return client.post(path, data=raw_json, content_type="application/json", **headers)


def test_it_answers_422_naming_the_field_for_a_lone_surrogate(personas, client, api_token_for):
    response = _post(
        client, "/api/v1/growth/situations", '{"title": "A\\ud800B", "situation": "x"}',
        api_token_for(personas.mentee),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "title"
    assert "surrogate" in response.json()["detail"]


def test_it_answers_422_for_a_lone_surrogate_deep_in_a_list(personas, client, api_token_for):
    response = client.patch(
        "/api/v1/people/me/profile", data='{"skills_wanted": ["ok", "\\udfff"]}',
        content_type="application/json", **api_token_for(personas.mentee),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "skills_wanted.1"


def test_it_refuses_other_control_characters_in_any_api_string(personas, client, api_token_for):
    response = _post(
        client, "/api/v1/growth/situations", '{"title": "Hi", "situation": "ring \\u0007"}',
        api_token_for(personas.mentee),
    )
    assert response.status_code == 422 and response.json()["field"] == "situation"


def test_it_keeps_line_breaks_in_multi_line_api_text(personas, client, api_token_for):
    response = _post(
        client, "/api/v1/growth/situations",
        '{"title": "Hi", "situation": "line one\\r\\nline two\\ttabbed"}',
        api_token_for(personas.mentee),
    )
    assert response.status_code in (200, 201), response.content


def test_it_refuses_a_line_break_in_a_single_line_api_field(personas, client, api_token_for):
    response = _post(
        client, "/api/v1/programs", '{"name": "Grow\\r\\nBcc: x", "slug": "grow-bcc"}',
        api_token_for(personas.admin),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "name"
    assert "line breaks" in response.json()["detail"]


@pytest.mark.parametrize("name", ["Grow\r\nBcc: x@example.com", "Grow\n", "Tab\tx", "Bell\x07"])
def test_it_refuses_control_characters_in_a_program_name(personas, name):
    with pytest.raises(DomainError) as caught:
        program_create(by=personas.admin, data={"name": name, "slug": "bad-name"})
    assert caught.value.field == "name"
    assert not Program.objects.filter(slug="bad-name").exists()


def test_it_validates_single_line_text_in_model_forms_and_full_clean(personas):
    program = Program.objects.first()
    program.name = "Grow\r\nBcc: x"
    with pytest.raises(ValidationError) as caught:
        program.full_clean()
    assert "name" in caught.value.message_dict


def test_it_names_what_is_wrong():
    from mentora.lib.text import text_problem, validate_single_line  # new with the fix

    assert text_problem("a\u2028b", single_line=True)
    assert text_problem("fine — ünïcode", single_line=True) is None
    assert text_problem("two\nlines", single_line=False) is None
    assert "surrogate" in (text_problem("\ud800", single_line=False) or "")
    with pytest.raises(ValidationError):
        validate_single_line("x\ny")
