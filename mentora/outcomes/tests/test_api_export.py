"""GET /outcomes/programs/{slug}/export.csv|.xlsx: the web export's files over the API."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from mentora.outcomes.tests.conftest import answered, pair

pytestmark = pytest.mark.django_db

API = "/api/v1/outcomes/programs/grow"
WEB = "/outcomes/programs/grow"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _program_with_answers(personas):
    for _ in range(6):
        rel = pair(personas.program)
        answered(personas.program, rel.mentee, "baseline", 2)
        answered(personas.program, rel.mentee, "end", 4)


def _cells(content):
    book = load_workbook(io.BytesIO(content))
    return {s.title: [[c.value for c in r] for r in s.iter_rows()] for s in book.worksheets}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("mentee", 404),
        ("mentor", 404),
        ("coach", 404),
        ("manager", 200),
        ("admin", 200),
        ("unrelated", 404),
        ("anonymous", 401),
    ],
)
@pytest.mark.parametrize("path", ["export.xlsx", "export.csv?table=funnel"])
def test_it_sends_the_files_to_managers_and_admins_only(
    personas, client, api_token_for, frozen, persona, status, path
):
    headers = {} if persona == "anonymous" else api_token_for(getattr(personas, persona))
    response = client.get(f"{API}/{path}", **headers)
    assert response.status_code == status, response.content
    if status != 200:
        assert "application/json" in response["Content-Type"]


def test_it_sends_the_same_csv_as_the_page(personas, client, client_for, api_token_for, frozen):
    _program_with_answers(personas)
    api = client.get(f"{API}/export.csv?table=outcomes_end", **api_token_for(personas.manager))
    web = client_for(personas.manager).get(f"{WEB}/export.csv?table=outcomes_end")
    assert api.status_code == 200 and web.status_code == 200
    assert api["Content-Type"] == "text/csv; charset=utf-8" == web["Content-Type"]
    assert api["Content-Disposition"] == 'attachment; filename="grow-outcomes_end.csv"'
    assert api["Content-Disposition"] == web["Content-Disposition"]
    assert api.content == web.content
    assert api.content.decode().startswith("Measure,")


def test_it_sends_the_same_workbook_as_the_page(
    personas, client, client_for, api_token_for, frozen
):
    _program_with_answers(personas)
    api = client.get(f"{API}/export.xlsx", **api_token_for(personas.admin))
    web = client_for(personas.admin).get(f"{WEB}/export.xlsx")
    assert api["Content-Type"] == XLSX == web["Content-Type"]
    assert api["Content-Disposition"] == 'attachment; filename="grow-outcomes.xlsx"'
    assert api["Content-Disposition"] == web["Content-Disposition"]
    # The bytes carry the file's own creation time; the sheets and their cells are the same.
    assert _cells(api.content) == _cells(web.content)
    assert "Baseline → end of program" in _cells(api.content)


def test_it_names_the_tables_when_the_table_is_missing_or_unknown(
    personas, client, api_token_for, frozen
):
    headers = api_token_for(personas.manager)
    for query in ("", "?table=nope"):
        response = client.get(f"{API}/export.csv{query}", **headers)
        assert response.status_code == 422, response.content
        body = response.json()
        assert body["field"] == "table" and body["errors"][0]["field"] == "table"
        assert "Choose a table with ?table=…" in body["detail"] and "funnel" in body["detail"]


def test_it_answers_404_for_another_format(personas, client, api_token_for, frozen):
    response = client.get(f"{API}/export.pdf", **api_token_for(personas.manager))
    assert response.status_code == 404
    assert response.json()["detail"] == "Exports are .csv or .xlsx."
