"""JSON API for people: the directory, profiles, availability and personality."""

import re
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from ninja import File, Form, Query, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from mentora.accounts.api import current_user
from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.lib.pagination import PageNumberPagination
from mentora.lib.tabular import ImportRejected, Problem, Row, Table, TableError
from mentora.people import personality
from mentora.people.import_mapping import (
    MappedResult,
    column_map_save,
    import_settings,
    joiner_users,
    level_map_save,
    rows_with_levels,
    welcome_text_save,
)
from mentora.people.import_uploads import upload_check, upload_get, upload_import, upload_keep
from mentora.people.importing import COLUMNS, PeopleImportReport, people_import
from mentora.people.invitations import invitations_send
from mentora.people.models import Profile
from mentora.people.permissions import (
    can_import_people,
    can_list_organization,
    can_view_profile,
)
from mentora.people.schemas import (
    AvailabilityIn,
    AvailabilityOut,
    DirectoryEntryOut,
    DirectoryFilters,
    ImportRejectedOut,
    ImportSettingsIO,
    MyProfileOut,
    OrganizationFilters,
    OrganizationPersonOut,
    PeopleImportIn,
    PeopleImportOut,
    PersonalityIn,
    PersonalityItemsOut,
    PersonalityOut,
    ProfileOut,
    ProfilePatchIn,
    UploadCheckOut,
    UploadImportIn,
    UploadRejectedOut,
)
from mentora.people.selectors import directory_search, directory_slice, profile_for
from mentora.people.services import (
    profile_score_personality,
    profile_set_availability,
    profile_update,
)

router = Router(tags=["people"])

LIST_FIELDS = ("skills_offered", "skills_wanted", "languages")


def _full_profile(user_id: int) -> Profile | None:
    if not 0 < user_id < 2**63:  # no such id; SQLite cannot even compare a larger integer
        return None
    return (
        Profile.objects.select_related("user")
        .prefetch_related("skills_offered", "skills_wanted", "languages", "availability")
        .filter(user_id=user_id)
        .first()
    )


def _my_profile(request: HttpRequest) -> Profile:
    user = current_user(request)
    profile_for(user)  # created empty on first use
    profile = _full_profile(user.pk)
    assert profile is not None
    return profile


class DirectoryPagination(PageNumberPagination):
    """Page numbers as everywhere, with the count taken from the page query itself."""

    def paginate_queryset(
        self,
        queryset: QuerySet[Profile],
        pagination: PageNumberPagination.Input,
        request: HttpRequest,
        **params: Any,
    ) -> dict[str, Any]:
        size = self._get_page_size(pagination.page_size)
        items, count = directory_slice(queryset, offset=(pagination.page - 1) * size, limit=size)
        return {self.items_attribute: items, "count": count}


@router.get("/directory", response=list[DirectoryEntryOut], summary="Mentors and coaches I may see")
@paginate(DirectoryPagination)
def directory(request: HttpRequest, filters: Query[DirectoryFilters]) -> QuerySet[Profile]:
    return directory_search(
        viewer=current_user(request),
        q=filters.q.strip(),
        skill=filters.skill.strip(),
        role=filters.role.strip(),
        department=filters.department.strip(),
        location=filters.location.strip(),
        language=filters.language.strip(),
        offers=filters.offers or "",
    )


@router.get(
    "/personality-items",
    response=PersonalityItemsOut,
    summary="The Mini-IPIP questionnaire statements and answer scale",
)
def personality_items(request: HttpRequest) -> dict[str, Any]:
    return {
        "instructions": "Describe yourself as you generally are now, not as you wish to be. "
        "Answer every statement.",
        "items": [{"number": item.number, "text": item.text} for item in personality.ITEMS],
        "scale": [{"value": value, "label": label} for value, label in personality.SCALE],
    }


@router.get("/me/profile", response=MyProfileOut, summary="My profile")
def my_profile(request: HttpRequest) -> Profile:
    return _my_profile(request)


@router.patch("/me/profile", response=MyProfileOut, summary="Change my profile")
def my_profile_update(request: HttpRequest, payload: ProfilePatchIn) -> Profile:
    changes = payload.model_dump(exclude_unset=True)
    lists = {name: changes.pop(name, None) for name in LIST_FIELDS}
    profile_update(profile=_my_profile(request), by=current_user(request), data=changes, **lists)
    return _my_profile(request)


@router.get("/me/availability", response=AvailabilityOut, summary="My weekly availability")
def my_availability(request: HttpRequest) -> dict[str, Any]:
    profile = _my_profile(request)
    return {"timezone": profile.timezone, "windows": list(profile.availability.all())}


@router.put("/me/availability", response=AvailabilityOut, summary="Replace my weekly availability")
def my_availability_set(request: HttpRequest, payload: AvailabilityIn) -> dict[str, Any]:
    profile = _my_profile(request)
    windows = [(w.weekday, w.starts_at, w.ends_at) for w in payload.windows]
    saved = profile_set_availability(profile=profile, by=current_user(request), windows=windows)
    return {"timezone": profile.timezone, "windows": saved}


@router.put(
    "/me/personality", response=PersonalityOut, summary="Answer the personality questionnaire"
)
def my_personality_set(request: HttpRequest, payload: PersonalityIn) -> dict[str, Any]:
    profile, me = _my_profile(request), current_user(request)
    try:
        profile_score_personality(profile=profile, by=me, answers=payload.answers)
    except DomainError as exc:
        if exc.field == "ipip_answers":  # the stored field's name; callers send `answers`
            raise DomainError(exc.message, field="answers", code=exc.code) from exc
        raise
    return {"answers": payload.answers, "traits": profile.traits}


@router.get(
    "/{int:user_id}/profile",
    response=ProfileOut,
    summary="Someone's profile (404 when it does not exist or is not visible to me)",
)
def profile_detail(request: HttpRequest, user_id: int) -> Profile:
    profile = _full_profile(user_id)
    # A profile I may not see answers exactly like a missing one, so ids reveal nothing.
    if profile is None or not can_view_profile(current_user(request), profile):
        raise HttpError(404, f"No profile for person {user_id}, or it is not visible to you.")
    return profile


# --- the organization (organization admins) ---------------------------------------------

SHOWN_PROBLEMS = 1000  # as on the import page


@router.get(
    "/organization",
    response=list[OrganizationPersonOut],
    summary="Everyone in the organization (organization admins)",
)
@paginate(PageNumberPagination)
def organization(request: HttpRequest, filters: Query[OrganizationFilters]) -> QuerySet[User]:
    if not can_list_organization(current_user(request)):
        raise HttpError(403, "Only organization admins can list everyone.")
    people = (
        User.objects.select_related("profile", "profile__manager")
        .annotate(enrollment_count=Count("enrollments"))
        .order_by("full_name", "pk")
    )
    q = filters.q.strip()
    if q:
        people = people.filter(Q(full_name__icontains=q) | Q(email__icontains=q))
    if filters.active is not None:
        people = people.filter(is_active=filters.active)
    return people


def _cell(value: Any) -> str:
    """A JSON value as the text a file's cell would hold (null = an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _people_table(payload: PeopleImportIn) -> Table:
    """The JSON rows as the table a file would give: person N is on "line" N + 1."""
    sent = set().union(*(row.model_fields_set for row in payload.people))
    headers = [column for column in COLUMNS if column in sent]
    rows = [
        Row(line=index + 1, cells={column: _cell(getattr(row, column)) for column in headers})
        for index, row in enumerate(payload.people)
    ]
    return Table(headers=headers, rows=rows, header_line=0)


def _index(line: int | None) -> int | None:
    return line - 1 if line else None


def _note(problem: Problem) -> dict[str, str]:
    """A file problem named like an API field: people.<index>.<column>."""
    parts = ["people"]
    if problem.line:
        parts.append(str(problem.line - 1))
    if problem.column:
        parts.append(problem.column)
    # The importer speaks of file lines ("first on line 3"); here they are list positions.
    message = re.sub(
        r"\bline (\d+)\b", lambda m: f"people.{int(m.group(1)) - 1}", problem.message
    )
    return {"field": ".".join(parts), "message": message}


def _report(report: PeopleImportReport) -> dict[str, Any]:
    return {
        "dry_run": report.dry_run,
        "whole_organization": report.whole_organization,
        "summary": f"{report.summary()} {report.people_summary()}",
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "not_in_file": report.not_in_file,
        "joiners": [{**p, "index": _index(p["line"])} for p in report.joiners],
        "movers": [{**p, "index": _index(p["line"])} for p in report.movers],
        "leavers": [{**p, "index": _index(p["line"])} for p in report.leavers],
        "warnings": [_note(w) for w in report.warnings],
    }


@router.post(
    "/import",
    response={200: PeopleImportOut, 422: ImportRejectedOut},
    summary="Add or update people from your HR system, all or nothing (organization admins)",
)
def import_people(request: HttpRequest, payload: PeopleImportIn) -> Status[dict[str, Any]]:
    by = current_user(request)
    if not can_import_people(by):
        raise HttpError(403, "Only organization admins can import people.")
    try:
        with transaction.atomic():
            report = people_import(
                table=rows_with_levels(_people_table(payload)),
                by=by,
                dry_run=payload.dry_run,
                whole_organization=payload.whole_organization,
            )
            invited = 0
            if payload.invite and not payload.dry_run:
                invited = invitations_send(
                    users=joiner_users(report), by=by,
                    welcome_text=import_settings().welcome_text,
                )
    except ImportRejected as exc:
        errors = [_note(p) for p in exc.problems[:SHOWN_PROBLEMS]]
        count = len(exc.problems)
        detail = (
            f"{count:,} {'problem' if count == 1 else 'problems'}; nothing was imported: "
            + "; ".join(f"{e['field']}: {e['message'].rstrip('.')}" for e in errors[:5])
            + ("; …" if count > 5 else "")
        )
        return Status(422, {"detail": detail, "field": errors[0]["field"], "errors": errors})
    return Status(200, {**_report(report), "invited": invited})


def _settings_out() -> dict[str, Any]:
    settings = import_settings()
    return {
        "columns": settings.column_map,
        "levels": settings.level_map,
        "welcome_text": settings.welcome_text,
    }


@router.get(
    "/import/settings",
    response=ImportSettingsIO,
    summary="How imports read your HR files: mapped columns and level table (organization admins)",
)
def import_settings_get(request: HttpRequest) -> dict[str, Any]:
    if not can_import_people(current_user(request)):
        raise HttpError(403, "Only organization admins can see the import settings.")
    return _settings_out()


@router.put(
    "/import/settings",
    response=ImportSettingsIO,
    summary="Change the mapped columns, the level table or the welcome text (organization admins)",
)
def import_settings_put(request: HttpRequest, payload: ImportSettingsIO) -> dict[str, Any]:
    by = current_user(request)
    if not can_import_people(by):
        raise HttpError(403, "Only organization admins can change the import settings.")
    with transaction.atomic():
        if payload.columns is not None:
            column_map_save(choices=payload.columns, by=by)
        if payload.levels is not None:
            level_map_save(levels=payload.levels, by=by, replace=True)
        if payload.welcome_text is not None:
            welcome_text_save(text=payload.welcome_text, by=by)
    return _settings_out()


MAX_UPLOAD_MB = 50  # as the import page


def _rejected(exc: ImportRejected | TableError) -> dict[str, Any]:
    problems = exc.problems
    return {
        "detail": exc.message,
        "errors": [
            {"line": p.line, "column": p.column, "message": p.message}
            for p in problems[:SHOWN_PROBLEMS]
        ],
        "unknown_levels": getattr(getattr(exc, "mapping", None), "unknown_levels", {}),
    }


def _columns(result: MappedResult) -> list[dict[str, str]]:
    return [
        {"header": header, "column": column, "how": how}
        for header, column, how in result.mapping.recognised
    ]


@router.post(
    "/import/uploads",
    response={201: UploadCheckOut, 422: UploadRejectedOut},
    summary="Upload and check an HR export with its own headers and levels; writes no people "
    "(organization admins)",
)
def import_upload_check(
    request: HttpRequest,
    # Optional here so that who may send it is checked before the file is asked for.
    file: File[UploadedFile | None] = None,
    whole_organization: Form[bool] = False,
) -> Status[dict[str, Any]]:
    by = current_user(request)
    if not can_import_people(by):
        raise HttpError(403, "Only organization admins can import people.")
    if file is None:
        raise DomainError("Send the HR export as the multipart field “file”.", field="file")
    if file.size and file.size > MAX_UPLOAD_MB * 1024 * 1024:
        raise DomainError(
            f"The file is larger than {MAX_UPLOAD_MB} MB; split it into several files.",
            field="file",
        )
    if not (file.name or "").lower().endswith((".csv", ".xlsx", ".txt")):
        raise DomainError("Upload a .csv or .xlsx file.", field="file")
    upload = upload_keep(
        by=by, data=file.read(), filename=file.name or "upload.csv",
        whole_organization=whole_organization,
    )
    try:
        result = upload_check(upload=upload, by=by)
    except (ImportRejected, TableError) as exc:
        return Status(422, _rejected(exc))
    return Status(201, {
        "upload": upload.token,
        "checked": upload.checked_fingerprint,
        "expires_at": upload.expires_at,
        "columns": _columns(result),
        "ignored": result.mapping.ignored,
        "report": {**_report(result.report), "invited": 0},
    })


@router.post(
    "/import/uploads/{token}",
    response={200: PeopleImportOut, 422: UploadRejectedOut},
    summary="Import an upload exactly as it was checked, all or nothing (organization admins)",
)
def import_upload_import(
    request: HttpRequest, token: str, payload: UploadImportIn
) -> Status[dict[str, Any]]:
    by = current_user(request)
    if not can_import_people(by):
        raise HttpError(403, "Only organization admins can import people.")
    upload = upload_get(token=token, by=by)
    try:
        with transaction.atomic():
            result = upload_import(upload=upload, by=by, checked=payload.checked)
            invited = 0
            if payload.invite:
                invited = invitations_send(
                    users=joiner_users(result.report), by=by,
                    welcome_text=import_settings().welcome_text,
                )
    except (ImportRejected, TableError) as exc:
        return Status(422, _rejected(exc))
    return Status(200, {**_report(result.report), "invited": invited})
