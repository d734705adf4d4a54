"""The HRIS import pages: organization admins upload an HR export, map what Mentora did not
recognise, check it, then import the file already uploaded; and the import settings page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mentora.lib.errors import DomainError
from mentora.lib.tabular import ImportRejected, Problem, TableError
from mentora.people.import_mapping import (
    COLUMN_LABELS,
    LEVEL_LABELS,
    SYNONYMS,
    MappedImportRejected,
    MappedResult,
    Mapping,
    column_map_save,
    import_settings,
    joiner_users,
    level_map_save,
    welcome_text_save,
)
from mentora.people.import_uploads import upload_check, upload_get, upload_import, upload_keep
from mentora.people.importing import PeopleImportReport
from mentora.people.invitations import invitations_send
from mentora.people.permissions import can_import_people

MAX_UPLOAD_MB = 50
SHOWN_PROBLEMS = 1000
SHOWN_PEOPLE = 200  # per list of joiners, movers and leavers
EMPTY_LEVEL_ROWS = 4


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label="File from your HR system",
        help_text="CSV (UTF-8) or Excel .xlsx, one person per row, columns named in the first row.",
        error_messages={
            "required": "Choose a CSV or .xlsx file to upload.",
            "empty": "The file is empty.",
        },
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


def _require_admin(request: HttpRequest) -> None:
    if not can_import_people(request.user):
        raise PermissionDenied("Only organization admins can import people.")


def _pairs(request: HttpRequest, keys: str, values: str) -> dict[str, str]:
    return dict(zip(request.POST.getlist(keys), request.POST.getlist(values), strict=False))


def _shown_movers(report: PeopleImportReport | None) -> list[dict[str, Any]]:
    """Movers as the page shows them: a level by its name ("Senior"), not its stored value."""
    if report is None:
        return []

    def shown(change: dict[str, Any]) -> dict[str, Any]:
        if change["field"] != "level":
            return change
        return {**change, "old": LEVEL_LABELS.get(change["old"], change["old"]),
                "new": LEVEL_LABELS.get(change["new"], change["new"])}

    return [{**p, "changes": [shown(c) for c in p["changes"]]} for p in report.movers]


@login_required
def import_people(request: HttpRequest) -> HttpResponse:
    """Upload and check an HR export (always a check first), map, then import the same upload."""
    _require_admin(request)
    posted = request.method == "POST"
    action = request.POST.get("action", "check") if posted else ""
    checking = action == "check"
    form = PeopleImportForm(request.POST, request.FILES) if checking else PeopleImportForm()
    result: MappedResult | None = None
    mapping: Mapping | None = None
    problems: list[Problem] = []
    failure = ""
    upload = None
    imported = False
    invited = 0
    try:
        if action == "check" and form.is_valid():
            file = form.cleaned_data["file"]
            upload = upload_keep(
                by=request.user, data=file.read(), filename=file.name,
                whole_organization=form.cleaned_data["whole_organization"],
            )
            result = upload_check(upload=upload, by=request.user)
        elif action == "map":
            upload = upload_get(token=request.POST.get("token", ""), by=request.user)
            columns = _pairs(request, "column_header", "column_choice")
            if columns:
                column_map_save(choices=columns, by=request.user)
            levels = {k: v for k, v in _pairs(request, "level_value", "level_choice").items() if v}
            if levels:
                level_map_save(levels=levels, by=request.user)
            result = upload_check(upload=upload, by=request.user)
        elif action == "import":
            upload = upload_get(token=request.POST.get("token", ""), by=request.user)
            invite = request.POST.get("invite") == "on"
            welcome = request.POST.get("welcome_text")
            settings = import_settings()
            if invite and welcome is not None and welcome.strip() != settings.welcome_text:
                settings = welcome_text_save(text=welcome, by=request.user)
            result = upload_import(
                upload=upload, by=request.user, checked=request.POST.get("checked", "")
            )
            imported = True
            if invite:
                invited = invitations_send(
                    users=joiner_users(result.report), by=request.user,
                    welcome_text=settings.welcome_text,
                )
    except MappedImportRejected as exc:
        failure, problems, mapping = exc.message, exc.problems, exc.mapping
    except (ImportRejected, TableError) as exc:
        failure, problems = exc.message, exc.problems
    except DomainError as exc:
        failure = exc.message
    if result is not None:
        mapping = result.mapping
    report: PeopleImportReport | None = result.report if result else None
    settings = import_settings()
    context: dict[str, Any] = {
        "form": form,
        "report": report,
        "movers": _shown_movers(report),
        "mapping": mapping,
        "recognised": [(h, COLUMN_LABELS[c], how) for h, c, how in mapping.recognised]
        if mapping
        else [],
        "upload": upload if upload is not None and upload.pk else None,
        "imported": imported,
        "invited": invited,
        "failure": failure,
        "problems": problems[:SHOWN_PROBLEMS],
        "hidden_problems": max(0, len(problems) - SHOWN_PROBLEMS),
        "shown_people": SHOWN_PEOPLE,
        "ending": sum(p["relationships"] for p in report.leavers) if report else 0,
        "column_labels": COLUMN_LABELS,
        # Shown as an HR export writes them ("Work Email"); matching ignores case and spacing.
        "column_synonyms": [
            (COLUMN_LABELS[c], [n.replace("_", " ").title() for n in names])
            for c, names in SYNONYMS.items()
        ],
        "level_labels": LEVEL_LABELS,
        "welcome_text": settings.welcome_text,
        "saved_levels": len(settings.level_map),
    }
    template = "people/import.html"
    if getattr(request, "htmx", False) and posted:
        template += "#result"
    return render(request, template, context)


@login_required
def import_settings_page(request: HttpRequest) -> HttpResponse:
    """The level table, the saved column mapping and the welcome text, changed at any time."""
    _require_admin(request)
    settings = import_settings()
    error = ""
    if request.method == "POST":
        try:
            pairs = _pairs(request, "level_value", "level_choice")
            levels = {value: level for value, level in pairs.items() if value.strip()}
            level_map_save(levels=levels, by=request.user, replace=True)
            columns = _pairs(request, "column_header", "column_choice")
            if columns:
                column_map_save(choices=columns, by=request.user)
            if "welcome_text" in request.POST:
                welcome_text_save(text=request.POST["welcome_text"], by=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "Import settings saved. The next import reads files "
                             "through them.")
            return redirect("people:import_settings")
    rows = list(settings.level_map.items()) + [("", "")] * EMPTY_LEVEL_ROWS
    return render(
        request,
        "people/import_settings.html",
        {
            "level_rows": rows,
            "level_labels": LEVEL_LABELS,
            "column_labels": COLUMN_LABELS,
            "saved_columns": sorted(settings.column_map.items()),
            "welcome_text": settings.welcome_text,
            "error": error,
        },
    )
