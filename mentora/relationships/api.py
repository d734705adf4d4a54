"""JSON API for relationships: lifecycle, agreement, meetings, notes, actions, check-ins.

Everything a person may not see answers 404, exactly like something that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from mentora.accounts.api import current_user
from mentora.accounts.models import User
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.pagination import PageNumberPagination
from mentora.notifications.links import local_time_text, user_timezone
from mentora.programs.models import Program
from mentora.relationships import permissions as perms
from mentora.relationships.api_manage import router as manage_router
from mentora.relationships.exports import event_rows, relationship_record
from mentora.relationships.health import health_of
from mentora.relationships.models import (
    ActionItem,
    AgreementTemplate,
    AgreementVersion,
    CheckIn,
    Meeting,
    PrivateNote,
    Reflection,
    Relationship,
    RematchRequest,
)
from mentora.relationships.schemas import (
    ActionIn,
    ActionOut,
    ActionPatchIn,
    AgreementIn,
    AgreementOut,
    AgreementVersionOut,
    ApplyTemplateIn,
    CancelIn,
    CheckInIn,
    CheckInOut,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    NoteIn,
    NoteOnlyIn,
    NoteOut,
    ReflectionIn,
    ReflectionOut,
    RelationshipDetailOut,
    RelationshipOut,
    RematchOut,
    RequestIn,
    RescheduleIn,
    TextIn,
    TransitionIn,
)
from mentora.relationships.selectors import meeting_actions, next_step_for, relationships_for
from mentora.relationships.services import actions as action_services
from mentora.relationships.services import ending, lifecycle
from mentora.relationships.services import meetings as meeting_services
from mentora.relationships.services.agreements import (
    agreement_apply_template,
    agreement_ensure,
    agreement_sign,
    agreement_update,
)
from mentora.relationships.services.nudges import relationship_nudge
from mentora.relationships.workspace import step_as_dict

router = Router(tags=["relationships"])

TRANSITIONS = lifecycle.PERSON_TRANSITIONS


def _relationship(request: HttpRequest, pk: int, *, content: bool = False) -> Relationship:
    user = current_user(request)
    rel = Relationship.objects.select_related("program", "mentee", "mentor").filter(pk=pk).first()
    allowed = rel is not None and (
        perms.can_view_content(user, rel) if content else perms.can_view_relationship(user, rel)
    )
    if not allowed:
        raise HttpError(404, f"No relationship with id {pk} that you can see.")
    return rel  # type: ignore[return-value]


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = (
        Meeting.objects.select_related(
            "relationship__program", "relationship__mentee", "relationship__mentor"
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None or not perms.can_view_content(current_user(request), meeting.relationship):
        raise HttpError(404, f"No meeting with id {pk} that you can see.")
    return meeting


def _user(email: str, field: str) -> User:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise DomainError(f"No person has the email {email!r}.", field=field)
    return user


def _detail(rel: Relationship, viewer: Any) -> dict[str, Any]:
    people = {
        role: {"id": person.pk, "full_name": person.full_name, "email": person.email}
        for role, person in (("mentee", rel.mentee), ("mentor", rel.mentor))
    }
    fields = (
        "id",
        "kind",
        "status",
        "sessions_planned",
        "ends_on",
        "requested_at",
        "accepted_at",
        "started_at",
        "ended_at",
        "end_reason",
    )
    data: dict[str, Any] = {name: getattr(rel, name) for name in fields}
    data.update(people, program=rel.program.slug)
    data["health"] = health_of(rel, now=clock.now()).as_dict()
    data["events"] = event_rows(rel, viewer=viewer)
    data["allowed_actions"] = [a for a in lifecycle.allowed_actions(rel) if a in TRANSITIONS]
    step, last_held = next_step_for(rel, user=viewer, now=clock.now())
    data["next_step"] = step_as_dict(step, rel, last_held=last_held)
    return data


@router.get("", response=list[RelationshipOut], summary="Relationships I am in or oversee")
@paginate(PageNumberPagination)
def relationship_list(request: HttpRequest) -> QuerySet[Relationship]:
    return relationships_for(current_user(request))


@router.post("", response={201: RelationshipDetailOut}, summary="Request a relationship")
def relationship_request_op(request: HttpRequest, payload: RequestIn) -> Status[dict[str, Any]]:
    program = Program.objects.filter(slug=payload.program).first()
    if program is None:
        raise DomainError(f"No program with the address {payload.program!r}.", field="program")
    rel = lifecycle.relationship_request(
        program=program,
        mentee=_user(payload.mentee, "mentee"),
        mentor=_user(payload.mentor, "mentor"),
        by=current_user(request),
        message=payload.message,
        sessions_planned=payload.sessions,
        ends_on=payload.ends_on,
    )
    return Status(201, _detail(rel, current_user(request)))


@router.get(
    "/{int:pk}", response=RelationshipDetailOut, summary="A relationship: status, log, health"
)
def relationship_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _detail(_relationship(request, pk), current_user(request))


@router.post("/{pk}/transitions", response=RelationshipDetailOut, summary="Accept, pause, end…")
def relationship_transition(request: HttpRequest, pk: int, payload: TransitionIn) -> dict[str, Any]:
    rel = _relationship(request, pk)
    service = TRANSITIONS.get(payload.action)
    if service is None:
        raise DomainError(
            f"Unknown action {payload.action!r}; use one of {', '.join(TRANSITIONS)}.",
            field="action",
        )
    kwargs: dict[str, Any] = {"relationship": rel, "by": current_user(request)}
    if payload.action in lifecycle.TAKES_REASON:
        kwargs["reason"] = payload.reason
    service(**kwargs)
    return _detail(_relationship(request, pk), current_user(request))


def _agreement_out(agreement: Any) -> dict[str, Any]:
    data = agreement.content()
    data.update(
        version=agreement.version,
        mentee_signed_at=agreement.mentee_signed_at,
        mentor_signed_at=agreement.mentor_signed_at,
        fully_signed=agreement.fully_signed,
    )
    return data


def _agreement(request: HttpRequest, pk: int) -> Any:
    """The pair's agreement to change or sign; it exists from acceptance on."""
    rel = _relationship(request, pk, content=True)
    if getattr(rel, "agreement", None) is None and not perms.can_change_content(
        current_user(request), rel
    ):
        raise DomainError(
            f"A {rel.get_status_display().lower()} relationship has no agreement to change; "
            "it starts once the request is accepted.",
            code="conflict",
        )
    return agreement_ensure(relationship=rel)


@router.get("/{pk}/agreement", response=AgreementOut, summary="The agreement (the pair only)")
def agreement_get(request: HttpRequest, pk: int) -> dict[str, Any]:
    rel = _relationship(request, pk, content=True)
    agreement = getattr(rel, "agreement", None)
    if agreement is None:
        raise HttpError(404, "This relationship has no agreement yet; it starts once accepted.")
    return _agreement_out(agreement)


@router.patch("/{pk}/agreement", response=AgreementOut, summary="Change the agreement")
def agreement_patch(request: HttpRequest, pk: int, payload: AgreementIn) -> dict[str, Any]:
    agreement = _agreement(request, pk)
    data = payload.model_dump(exclude_unset=True)
    return _agreement_out(
        agreement_update(agreement=agreement, by=current_user(request), data=data)
    )


@router.post("/{pk}/agreement/sign", response=AgreementOut, summary="Sign the current version")
def agreement_sign_op(request: HttpRequest, pk: int) -> dict[str, Any]:
    agreement = _agreement(request, pk)
    return _agreement_out(agreement_sign(agreement=agreement, by=current_user(request)))


def _meeting_out(meeting: Meeting, user: Any, tz: str | None = None) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "starts_at": meeting.starts_at,
        "starts_local": local_time_text(meeting.starts_at, user, tz=tz),
        "duration_minutes": meeting.duration_minutes,
        "location": meeting.location,
        "status": meeting.status,
        "uid": meeting.uid,
        "sequence": meeting.sequence,
        "mentee_confirmed_at": meeting.mentee_confirmed_at,
        "mentor_confirmed_at": meeting.mentor_confirmed_at,
        "video_url": meeting.video_url,
        "series_id": meeting.series_id,
    }


@router.get("/{pk}/meetings", response=list[MeetingOut], summary="The pair's meetings")
def meeting_list(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    rel = _relationship(request, pk, content=True)
    user = current_user(request)
    tz = user_timezone(user)
    return [_meeting_out(m, user, tz) for m in rel.meetings.all()]


@router.post("/{pk}/meetings", response={201: list[MeetingOut]}, summary="Schedule meetings")
def meeting_create(request: HttpRequest, pk: int, payload: MeetingIn) -> Status[Any]:
    rel = _relationship(request, pk, content=True)
    user = current_user(request)
    if payload.repeat > 1:
        if payload.local_start is None:
            raise DomainError(
                "A series needs local_start (local time, no offset).", field="local_start"
            )
        series = meeting_services.meeting_schedule_recurring(
            relationship=rel,
            by=user,
            local_start=payload.local_start,
            count=payload.repeat,
            cadence=payload.cadence,
            tz=payload.timezone,
            duration_minutes=payload.duration_minutes,
            location=payload.location,
        )
        meetings = list(series.meetings.all())
    else:
        if payload.starts_at is None:
            raise DomainError(
                "Give starts_at with its offset, e.g. 2026-03-04T10:00:00+01:00.", field="starts_at"
            )
        meetings = [
            meeting_services.meeting_schedule(
                relationship=rel,
                by=user,
                starts_at=payload.starts_at,
                duration_minutes=payload.duration_minutes,
                location=payload.location,
            )
        ]
    tz = user_timezone(user)
    return Status(201, [_meeting_out(m, user, tz) for m in meetings])


def _note(note: Any, private: bool) -> dict[str, Any]:
    return {
        "id": note.pk,
        "author": str(note.author),
        "body": note.body,
        "created_at": note.created_at,
        "private": private,
    }


@router.get("/meetings/{pk}", response=MeetingDetailOut, summary="Agenda, notes and actions")
def meeting_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    meeting = _meeting(request, pk)
    user = current_user(request)
    data = _meeting_out(meeting, user)
    data["agenda"] = [
        {"id": a.pk, "text": a.text, "added_by": str(a.added_by), "created_at": a.created_at}
        for a in meeting.agenda_items.select_related("added_by")
    ]
    data["shared_notes"] = [_note(n, False) for n in meeting.shared_notes.select_related("author")]
    private = perms.visible_private_notes(user, PrivateNote.objects.filter(meeting=meeting))
    data["private_notes"] = [_note(n, True) for n in private.select_related("author")]
    data["actions"] = list(meeting_actions(meeting=meeting))
    return data


@router.patch("/meetings/{pk}", response=MeetingOut, summary="Reschedule a meeting")
def meeting_patch(request: HttpRequest, pk: int, payload: RescheduleIn) -> dict[str, Any]:
    meeting = meeting_services.meeting_reschedule(
        meeting=_meeting(request, pk),
        by=current_user(request),
        starts_at=payload.starts_at,
        duration_minutes=payload.duration_minutes,
    )
    return _meeting_out(meeting, current_user(request))


@router.post("/meetings/{pk}/cancel", response=MeetingOut, summary="Cancel a meeting")
def meeting_cancel_op(request: HttpRequest, pk: int, payload: CancelIn) -> dict[str, Any]:
    meeting = meeting_services.meeting_cancel(
        meeting=_meeting(request, pk), by=current_user(request), reason=payload.reason
    )
    return _meeting_out(meeting, current_user(request))


@router.post("/meetings/{pk}/agenda", response={201: dict}, summary="Add an agenda item")
def agenda_add(request: HttpRequest, pk: int, payload: TextIn) -> Status[dict[str, Any]]:
    item = meeting_services.agenda_item_add(
        meeting=_meeting(request, pk), by=current_user(request), text=payload.text
    )
    return Status(201, {"id": item.pk, "text": item.text})


@router.post(
    "/meetings/{pk}/notes", response={201: NoteOut}, summary="Add a shared or private note"
)
def note_add(request: HttpRequest, pk: int, payload: NoteIn) -> Status[dict[str, Any]]:
    meeting = _meeting(request, pk)
    add = meeting_services.private_note_add if payload.private else meeting_services.shared_note_add
    note = add(meeting=meeting, by=current_user(request), body=payload.body)
    return Status(201, _note(note, payload.private))


@router.get("/{pk}/actions", response=list[ActionOut], summary="The pair's action items")
def action_list(request: HttpRequest, pk: int) -> QuerySet[ActionItem]:
    rel = _relationship(request, pk, content=True)
    return rel.action_items.select_related("owner")


@router.post("/{pk}/actions", response={201: ActionOut}, summary="Add an action item")
def action_add(request: HttpRequest, pk: int, payload: ActionIn) -> Status[ActionItem]:
    rel = _relationship(request, pk, content=True)
    meeting = None
    if payload.meeting_id is not None:
        meeting = rel.meetings.filter(pk=payload.meeting_id).first()
        if meeting is None:
            raise DomainError("No such meeting in this relationship.", field="meeting_id")
    item = action_services.action_item_add(
        relationship=rel,
        by=current_user(request),
        text=payload.text,
        owner=_user(payload.owner, "owner"),
        due_on=payload.due_on,
        meeting=meeting,
    )
    return Status(201, item)


@router.patch("/actions/{pk}", response=ActionOut, summary="Mark an action done or open")
def action_patch(request: HttpRequest, pk: int, payload: ActionPatchIn) -> ActionItem:
    item = ActionItem.objects.select_related("relationship", "owner").filter(pk=pk).first()
    if item is None or not perms.can_view_content(current_user(request), item.relationship):
        raise HttpError(404, f"No action item with id {pk} that you can see.")
    return action_services.action_item_set_status(
        item=item, by=current_user(request), done=payload.done
    )


@router.get("/{pk}/check-ins", response=list[CheckInOut], summary="Check-ins between meetings")
def check_in_list(request: HttpRequest, pk: int) -> QuerySet[CheckIn]:
    rel = _relationship(request, pk, content=True)
    return rel.check_ins.select_related("author")


@router.post("/{pk}/check-ins", response={201: CheckInOut}, summary="Check in")
def check_in_add(request: HttpRequest, pk: int, payload: CheckInIn) -> Status[CheckIn]:
    rel = _relationship(request, pk, content=True)
    check_in = action_services.check_in_create(
        relationship=rel, by=current_user(request), **payload.model_dump()
    )
    return Status(201, check_in)


@router.post("/meetings/{pk}/confirm", response=MeetingOut, summary="Confirm I will attend")
def meeting_confirm_op(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = current_user(request)
    meeting = meeting_services.meeting_confirm(meeting=_meeting(request, pk), by=user)
    return _meeting_out(meeting, user)


@router.get(
    "/{pk}/agreement/versions",
    response=list[AgreementVersionOut],
    summary="The agreement's history: every version and who signed it",
)
def agreement_versions(request: HttpRequest, pk: int) -> QuerySet[AgreementVersion]:
    rel = _relationship(request, pk, content=True)
    return AgreementVersion.objects.filter(agreement__relationship=rel).select_related("changed_by")


@router.post(
    "/{pk}/agreement/apply-template",
    response=AgreementOut,
    summary="Rewrite the agreement from one of the program's templates",
)
def agreement_apply_template_op(
    request: HttpRequest, pk: int, payload: ApplyTemplateIn
) -> dict[str, Any]:
    agreement = _agreement(request, pk)
    template = AgreementTemplate.objects.filter(
        pk=payload.template_id, program_id=agreement.relationship.program_id
    ).first()
    if template is None:
        raise DomainError("No such template in this program.", field="template_id")
    return _agreement_out(
        agreement_apply_template(agreement=agreement, template=template, by=current_user(request))
    )


@router.get("/{pk}/reflections", response=list[ReflectionOut], summary="Final reflections")
def reflection_list(request: HttpRequest, pk: int) -> QuerySet[Reflection]:
    rel = _relationship(request, pk, content=True)
    return rel.reflections.select_related("author")


@router.post("/{pk}/reflections", response={201: ReflectionOut}, summary="Write my reflection")
def reflection_add(request: HttpRequest, pk: int, payload: ReflectionIn) -> Status[Reflection]:
    rel = _relationship(request, pk, content=True)
    reflection = ending.reflection_create(
        relationship=rel, by=current_user(request), **payload.model_dump()
    )
    return Status(201, reflection)


@router.post("/{pk}/rematch", response={201: RematchOut}, summary="Ask to be matched again")
def rematch_add(request: HttpRequest, pk: int, payload: NoteOnlyIn) -> Status[RematchRequest]:
    rel = _relationship(request, pk, content=True)
    created = ending.rematch_request_create(
        relationship=rel, by=current_user(request), note=payload.note
    )
    return Status(201, created)


@router.post("/{pk}/nudge", response=RelationshipDetailOut, summary="Nudge both (managers)")
def nudge_op(request: HttpRequest, pk: int, payload: NoteOnlyIn) -> dict[str, Any]:
    rel = _relationship(request, pk)
    relationship_nudge(relationship=rel, by=current_user(request), note=payload.note)
    return _detail(rel, current_user(request))


@router.get("/{pk}/export", response=dict[str, Any], summary="Everything I may read, as JSON")
def export_op(request: HttpRequest, pk: int) -> dict[str, Any]:
    rel = _relationship(request, pk, content=True)
    return relationship_record(relationship=rel, user=current_user(request))


router.add_router("", manage_router)
