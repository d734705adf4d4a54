"""The HRIS import page: organization admins upload a CSV or .xlsx file of people."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mentora.lib.errors import DomainError
from mentora.lib.tabular import ImportRejected, Problem, TableError, read_table
from mentora.people.importing import COLUMNS, REQUIRED_COLUMNS, PeopleImportReport, people_import
from mentora.people.permissions import can_import_people

MAX_UPLOAD_MB = 50
SHOWN_PROBLEMS = 1000
SHOWN_PEOPLE = 200  # per list of joiners, movers and leavers


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label="File from your HR system",
        help_text="CSV (UTF-8) or Excel .xlsx, one person per row, columns named in the first row.",
        error_messages={
            "required": "Choose a CSV or .xlsx file to upload.",
            "empty": "The file is empty.",
        },
    )
    dry_run = forms.BooleanField(
        label="Check only — report what would change, import nothing",
        required=False,
        initial=True,
    )
    whole_organization = forms.BooleanField(
        label="This file is the whole organization",
        help_text="Everyone active in Mentora who is not in the file has left: they are "
        "deactivated and their relationships end. Leave unticked for a partial file.",
        required=False,
        initial=False,
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                f"The file is larger than {MAX_UPLOAD_MB} MB; split it into several files."
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError("Upload a .csv or .xlsx file.")
        return upload


@login_required
def import_people(request: HttpRequest) -> HttpResponse:
    """Upload an HRIS file, check it, and (unless checking only) import it."""
    if not can_import_people(request.user):
        raise PermissionDenied("Only organization admins can import people.")
    report: PeopleImportReport | None = None
    problems: list[Problem] = []
    failure = ""
    posted = request.method == "POST"
    form = PeopleImportForm(request.POST, request.FILES) if posted else PeopleImportForm()
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.read(), filename=upload.name)
            report = people_import(
                table=table,
                by=request.user,
                dry_run=form.cleaned_data["dry_run"],
                whole_organization=form.cleaned_data["whole_organization"],
            )
        except (ImportRejected, TableError) as exc:
            failure, problems = exc.message, exc.problems
        except DomainError as exc:
            failure = exc.message
    context = {
        "form": form,
        "report": report,
        "failure": failure,
        "problems": problems[:SHOWN_PROBLEMS],
        "hidden_problems": max(0, len(problems) - SHOWN_PROBLEMS),
        "shown_people": SHOWN_PEOPLE,
        "ending": sum(p["relationships"] for p in report.leavers) if report else 0,
        "columns": COLUMNS,
        "required_columns": REQUIRED_COLUMNS,
    }
    template = "people/import.html"
    if getattr(request, "htmx", False) and posted:
        template += "#result"
    return render(request, template, context)
