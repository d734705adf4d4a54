"""Growth JSON API: roles, assessments and gap, plan, introductions, feedback, situations.

Whatever a caller may not see answers 404, exactly like something that does not exist.
People are named by email in request bodies (as in the relationships API) and by id in paths.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from mentora.accounts.api import current_user
from mentora.accounts.models import User
from mentora.careers.mapping import career_data_loaded
from mentora.careers.selectors import current_releases
from mentora.growth import permissions as perms
from mentora.growth import selectors, services
from mentora.growth.models import (
    Contact,
    Feedback,
    FeedbackItem,
    FeedbackRequest,
    Goal,
    Introduction,
    Milestone,
    PlanSkill,
    Situation,
)
from mentora.growth.schemas import (
    AssessmentIn,
    AssessmentOut,
    ContactIn,
    ContactOut,
    ContactPatchIn,
    FeedbackIn,
    FeedbackOut,
    FeedbackRequestIn,
    FeedbackRequestOut,
    GapOut,
    GoalIn,
    GoalOut,
    GoalPatchIn,
    IntroductionAskIn,
    IntroductionIn,
    IntroductionIntroduceIn,
    IntroductionOut,
    MilestoneIn,
    MilestoneOut,
    MilestonePatchIn,
    PlanOut,
    PlanSkillOut,
    PlanSkillPatchIn,
    PlanSkillsIn,
    RolesIn,
    RolesOut,
    RoleSuggestionsOut,
    SituationIn,
    SituationOut,
    SituationPatchIn,
)
from mentora.lib.errors import DomainError
from mentora.lib.pagination import PageNumberPagination

router = Router(tags=["growth"])


def _person_json(user: User) -> dict[str, Any]:
    return {"id": user.pk, "full_name": user.full_name, "email": user.email}


def _by_email(email: str | None, field: str) -> User:
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        raise DomainError(f"No active person has the email {email!r}.", field=field)
    return user


def _person(request: HttpRequest, user_id: int) -> User:
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if person is None or not perms.can_view_growth_of(current_user(request), person):
        raise HttpError(404, f"No person with id {user_id} whose growth you can see.")
    return person


# Roles ---------------------------------------------------------------------------------------


@router.get("/me/roles", response=RolesOut, summary="My current, target and past occupations")
def roles_get(request: HttpRequest) -> dict[str, Any]:
    return selectors.occupation_choices(current_user(request))


@router.get(
    "/me/roles/suggestions",
    response=RoleSuggestionsOut,
    summary="Occupations my free-text target role and job title may be (did you mean)",
    description="Roles written as free text on the profile (or brought by the HRIS import) "
    "with no occupation yet, each with the closest O*NET occupations. Confirm one with "
    "PUT /me/roles.",
)
def roles_suggestions(request: HttpRequest) -> dict[str, Any]:
    mappings = selectors.unconfirmed_roles(current_user(request), ("target", "current"))
    return {
        "career_data_loaded": career_data_loaded(),
        "roles": [
            {"field": m.field, "text": m.text, "matches": [
                {"code": x.code, "title": x.title, "matched_title": x.matched_title}
                for x in m.matches
            ]}
            for m in mappings
        ],
    }


@router.put("/me/roles", response=RolesOut, summary="Set my occupations by O*NET-SOC code")
def roles_put(request: HttpRequest, payload: RolesIn) -> dict[str, Any]:
    user = current_user(request)
    services.career_roles_set(
        user=user, by=user, current=payload.current, target=payload.target, past=payload.past
    )
    return selectors.occupation_choices(user)


# Gap and assessments -------------------------------------------------------------------------


def _gap_json(person: User, viewer: User) -> dict[str, Any]:
    target = selectors.target_role(person)
    skills = selectors.skill_set(target.code) if target else None
    report = selectors.gap_report(person, viewer=viewer, skills=skills) if skills else None
    notes = []
    if target is None:
        notes.append("No target role chosen yet.")
    elif skills is None:
        notes.append(
            f"O*NET has no skill ratings for {target.title} or its related occupations; it "
            "cannot be assessed skill by skill."
        )
    elif skills.borrowed:
        notes.append(
            f"O*NET has not rated {skills.title}; the skills are those of {skills.rated_title}, "
            "the most closely related rated occupation."
        )
    return {
        "person": _person_json(person),
        "target": {"code": target.code, "title": target.title} if target else None,
        "skill_set": None
        if skills is None
        else {
            "code": skills.code,
            "title": skills.title,
            "rated_code": skills.rated_code,
            "rated_title": skills.rated_title,
            "borrowed": skills.borrowed,
            "skills": [
                {
                    "element_id": s.element_id,
                    "name": s.name,
                    "description": s.description,
                    "importance": s.importance,
                    "level_needed": s.level_needed,
                    "anchors": [{"value": a.value, "text": a.anchor} for a in s.anchors],
                }
                for s in skills.skills
            ],
        },
        "assessed": bool(report and report.rated),
        "rows": [
            {
                **{k: getattr(row, k) for k in ("element_id", "name", "importance",
                                                 "level_needed", "level", "gap", "priority")},
                "status": row.status,
                "others": [
                    {
                        "assessor_id": v.assessor_id,
                        "assessor_name": v.assessor_name,
                        "level": v.level,
                        "difference": v.difference,
                        "differs": v.differs,
                        "direction": v.direction,
                    }
                    for v in row.others
                ],
            }
            for row in (report.rows if report else [])
        ],
        "differences": [row.element_id for row in (report.differences if report else [])],
        "notes": notes,
        "attribution": current_releases().attribution.as_dict(),
    }


@router.get("/me/gap", response=GapOut, summary="My skill gap for my target role")
def my_gap(request: HttpRequest) -> dict[str, Any]:
    user = current_user(request)
    return _gap_json(user, user)


@router.get(
    "/people/{user_id}/gap", response=GapOut, summary="The gap of someone I mentor or coach"
)
def person_gap(request: HttpRequest, user_id: int) -> dict[str, Any]:
    return _gap_json(_person(request, user_id), current_user(request))


def _assessment_json(assessment: Any) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "subject_id": assessment.subject_id,
        "assessor_id": assessment.assessor_id,
        "occupation_code": assessment.occupation_code,
        "occupation_title": assessment.occupation_title,
        "rated_code": assessment.rated_code,
        "rated_title": assessment.rated_title,
        "levels": {r.element_id: r.level for r in assessment.ratings.all()},
        "updated_at": assessment.updated_at,
    }


@router.put("/me/assessment", response=AssessmentOut, summary="Assess myself")
def my_assessment(request: HttpRequest, payload: AssessmentIn) -> dict[str, Any]:
    user = current_user(request)
    return _assessment_json(services.assessment_save(subject=user, by=user, levels=payload.levels))


@router.put(
    "/people/{user_id}/assessment",
    response=AssessmentOut,
    summary="Assess someone I mentor or coach",
)
def person_assessment(request: HttpRequest, user_id: int, payload: AssessmentIn) -> dict[str, Any]:
    person = _person(request, user_id)
    return _assessment_json(
        services.assessment_save(subject=person, by=current_user(request), levels=payload.levels)
    )


# Plan ----------------------------------------------------------------------------------------


def _goal_json(goal: Goal) -> dict[str, Any]:
    return {
        **{k: getattr(goal, k) for k in ("id", "outcome", "measure", "target_on", "relevance",
                                          "status", "element_id", "element_name")},
        "strategies": goal.strategy_list,
        "milestones": list(goal.milestones.all()),
    }


def _plan_json(owner: User) -> dict[str, Any]:
    plan = selectors.plan_for(owner)
    return {
        "owner": _person_json(owner),
        "occupation_code": plan.occupation_code if plan else "",
        "occupation_title": plan.occupation_title if plan else "",
        "goals": [_goal_json(g) for g in plan.goals.all()] if plan else [],
        "skills": list(plan.skills.all()) if plan else [],
        "contacts": list(plan.contacts.all()) if plan else [],
        "updated_at": plan.updated_at if plan else None,
    }


@router.get("/me/plan", response=PlanOut, summary="My development plan")
def my_plan(request: HttpRequest) -> dict[str, Any]:
    return _plan_json(current_user(request))


@router.get("/people/{user_id}/plan", response=PlanOut, summary="The plan of someone I support")
def person_plan(request: HttpRequest, user_id: int) -> dict[str, Any]:
    return _plan_json(_person(request, user_id))


@router.post(
    "/me/plan/skills", response={201: list[PlanSkillOut]}, summary="Add skills from my gap"
)
def plan_skills_add(request: HttpRequest, payload: PlanSkillsIn) -> Status[list[PlanSkill]]:
    user = current_user(request)
    added = services.plan_skills_add(
        owner=user, by=user, element_ids=payload.element_ids, target_levels=payload.target_levels
    )
    return Status(201, added)


def _own(model: Any, pk: int, request: HttpRequest, owner_path: str, label: str) -> Any:
    item = model.objects.filter(pk=pk, **{owner_path: current_user(request)}).first()
    if item is None:
        raise HttpError(404, f"No {label} with id {pk} in your plan.")
    return item


@router.patch("/plan/skills/{skill_id}", response=PlanSkillOut, summary="Record progress")
def plan_skill_patch(request: HttpRequest, skill_id: int, payload: PlanSkillPatchIn) -> PlanSkill:
    skill = _own(PlanSkill, skill_id, request, "plan__owner", "skill")
    return services.plan_skill_update(
        skill=skill, by=current_user(request), **payload.model_dump(exclude_unset=True)
    )


@router.delete("/plan/skills/{skill_id}", response={204: None}, summary="Remove a skill")
def plan_skill_delete(request: HttpRequest, skill_id: int) -> Status[None]:
    skill = _own(PlanSkill, skill_id, request, "plan__owner", "skill")
    services.plan_skill_remove(skill=skill, by=current_user(request))
    return Status(204, None)


@router.post("/me/plan/goals", response={201: GoalOut}, summary="Add a SMART goal")
def goal_create(request: HttpRequest, payload: GoalIn) -> Status[dict[str, Any]]:
    user = current_user(request)
    data = payload.model_dump()
    data["strategies"] = "\n".join(s.strip() for s in data["strategies"] if s.strip())
    goal = services.goal_create(owner=user, by=user, fields=services.GoalFields(**data))
    return Status(201, _goal_json(goal))


@router.patch("/plan/goals/{goal_id}", response=GoalOut, summary="Change a goal or its status")
def goal_patch(request: HttpRequest, goal_id: int, payload: GoalPatchIn) -> dict[str, Any]:
    goal = _own(Goal, goal_id, request, "plan__owner", "goal")
    current = {k: getattr(goal, k) for k in ("outcome", "measure", "target_on", "relevance",
                                              "strategies", "element_id", "status")}
    changes = payload.model_dump(exclude_unset=True)
    if "strategies" in changes:
        changes["strategies"] = "\n".join(s.strip() for s in changes["strategies"] or [])
    current.update({k: v for k, v in changes.items() if v is not None})
    goal = services.goal_update(goal=goal, by=current_user(request),
                                fields=services.GoalFields(**current))
    return _goal_json(goal)


@router.post(
    "/plan/goals/{goal_id}/milestones", response={201: MilestoneOut}, summary="Add a milestone"
)
def milestone_create(
    request: HttpRequest, goal_id: int, payload: MilestoneIn
) -> Status[Milestone]:
    goal = _own(Goal, goal_id, request, "plan__owner", "goal")
    return Status(201, services.milestone_add(goal=goal, by=current_user(request),
                                              text=payload.text, due_on=payload.due_on))


@router.patch("/plan/milestones/{milestone_id}", response=MilestoneOut, summary="Tick off")
def milestone_patch(
    request: HttpRequest, milestone_id: int, payload: MilestonePatchIn
) -> Milestone:
    item = _own(Milestone, milestone_id, request, "goal__plan__owner", "milestone")
    return services.milestone_set_done(milestone=item, by=current_user(request), done=payload.done)


@router.post("/me/plan/contacts", response={201: ContactOut}, summary="Add someone to meet")
def contact_create(request: HttpRequest, payload: ContactIn) -> Status[Contact]:
    user = current_user(request)
    person = _by_email(payload.email, "email") if payload.email else None
    contact = services.contact_add(owner=user, by=user, name=payload.name, where=payload.where,
                                   why=payload.why, person=person)
    return Status(201, contact)


@router.patch("/plan/contacts/{contact_id}", response=ContactOut, summary="Met them?")
def contact_patch(request: HttpRequest, contact_id: int, payload: ContactPatchIn) -> Contact:
    item = _own(Contact, contact_id, request, "plan__owner", "contact")
    return services.contact_set_status(contact=item, by=current_user(request),
                                       status=payload.status)


# Introductions -------------------------------------------------------------------------------


@router.get("/introductions", response=list[IntroductionOut],
            summary="Introductions I made, received or am the contact of")
@paginate(PageNumberPagination)
def introduction_list(request: HttpRequest) -> QuerySet[Introduction]:
    return selectors.introductions_for(current_user(request))


@router.post("/introductions", response={201: IntroductionOut},
             summary="Introduce someone I mentor or coach to a colleague")
def introduction_create(request: HttpRequest, payload: IntroductionIn) -> Status[Introduction]:
    intro = services.introduction_propose(
        introducer=current_user(request),
        mentee=_by_email(payload.mentee, "mentee"),
        contact=_by_email(payload.contact, "contact"),
        reason=payload.reason,
    )
    return Status(201, intro)


def _introduction(request: HttpRequest, pk: int) -> Introduction:
    intro = selectors.introductions_for(current_user(request)).filter(pk=pk).first()
    if intro is None:
        raise HttpError(404, f"No introduction with id {pk} that you can see.")
    return intro


@router.post("/introductions/ask", response={201: IntroductionOut},
             summary="Ask my mentor or coach to introduce me to someone")
def introduction_ask(request: HttpRequest, payload: IntroductionAskIn) -> Status[Introduction]:
    intro = services.introduction_ask(
        mentee=current_user(request),
        introducer=_by_email(payload.introducer, "introducer"),
        contact=_by_email(payload.contact, "contact"),
        note=payload.note,
    )
    return Status(201, intro)


@router.post("/introductions/{intro_id}/introduce", response=IntroductionOut,
             summary="Make the introduction my mentee asked me for")
def introduction_introduce(
    request: HttpRequest, intro_id: int, payload: IntroductionIntroduceIn
) -> Introduction:
    return services.introduction_ask_answer(
        introduction=_introduction(request, intro_id), by=current_user(request),
        introduce=True, reason=payload.reason,
    )


@router.post("/introductions/{intro_id}/{action}", response=IntroductionOut,
             summary="accept, decline (the two people; the introducer for a request they "
                     "were asked) or withdraw (the introducer; the mentee for a request)")
def introduction_action(request: HttpRequest, intro_id: int, action: str) -> Introduction:
    intro = _introduction(request, intro_id)
    user = current_user(request)
    if action == "withdraw":
        intro = services.introduction_withdraw(introduction=intro, by=user)
    elif action == "decline" and intro.status == Introduction.Status.ASKED:
        intro = services.introduction_ask_answer(introduction=intro, by=user, introduce=False)
    elif action in ("accept", "decline"):
        intro = services.introduction_answer(introduction=intro, by=user,
                                             accept=action == "accept")
    else:
        raise HttpError(404, "Unknown action: use accept, decline or withdraw.")
    return intro


# Feedback ------------------------------------------------------------------------------------

_ITEMS = Prefetch("items", queryset=FeedbackItem.objects.order_by("-kind", "pk"))


def _feedback_rows() -> QuerySet[Feedback]:
    return Feedback.objects.select_related("giver", "recipient").prefetch_related(_ITEMS)


@router.get("/feedback", response=list[FeedbackOut],
            summary="Feedback I may read: received, given, or shared with me as a supporter")
@paginate(PageNumberPagination)
def feedback_list(request: HttpRequest, about: int | None = None) -> QuerySet[Feedback]:
    visible = perms.visible_feedback(current_user(request)).values("pk")
    rows = _feedback_rows().filter(pk__in=visible)
    if about is not None:
        rows = rows.filter(recipient_id=about)
    return rows.order_by("-created_at", "-pk")


@router.post("/feedback", response={201: FeedbackOut}, summary="Give structured feedback")
def feedback_create(request: HttpRequest, payload: FeedbackIn) -> Status[Feedback]:
    giver = current_user(request)
    recipient = _by_email(payload.recipient, "recipient")
    open_request = None
    if payload.request_id is not None:
        open_request = FeedbackRequest.objects.filter(
            pk=payload.request_id, giver=giver, requester=recipient
        ).first()
        if open_request is None:
            raise DomainError(
                f"No feedback request {payload.request_id} from {recipient} to you.",
                field="request_id",
            )
    feedback = services.feedback_give(
        giver=giver,
        recipient=recipient,
        items=[services.ItemFields(**item.model_dump()) for item in payload.items],
        visibility=payload.visibility,
        request=open_request,
    )
    return Status(201, _feedback_rows().get(pk=feedback.pk))


@router.get("/feedback/requests", response=list[FeedbackRequestOut],
            summary="Feedback requests I sent or was sent")
@paginate(PageNumberPagination)
def feedback_request_list(request: HttpRequest) -> QuerySet[FeedbackRequest]:
    user = current_user(request)
    return (
        FeedbackRequest.objects.filter(Q(requester=user) | Q(giver=user))
        .select_related("requester", "giver")
        .order_by("-created_at", "-pk")
    )


@router.post("/feedback/requests", response={201: FeedbackRequestOut}, summary="Ask for feedback")
def feedback_request_create(
    request: HttpRequest, payload: FeedbackRequestIn
) -> Status[FeedbackRequest]:
    item = services.feedback_request_create(
        requester=current_user(request), giver=_by_email(payload.giver, "giver"),
        message=payload.message,
    )
    return Status(201, item)


@router.post("/feedback/requests/{request_id}/decline", response=FeedbackRequestOut,
             summary="Decline (the person asked) or withdraw (the asker)")
def feedback_request_decline(request: HttpRequest, request_id: int) -> FeedbackRequest:
    item = FeedbackRequest.objects.select_related("requester", "giver").filter(
        pk=request_id).first()
    if item is None or not perms.can_view_feedback_request(current_user(request), item):
        raise HttpError(404, f"No feedback request with id {request_id} that you can see.")
    return services.feedback_request_decline(request=item, by=current_user(request))


# Situations ----------------------------------------------------------------------------------


@router.get("/situations", response=list[SituationOut],
            summary="My situations, and those shared with me")
@paginate(PageNumberPagination)
def situation_list(request: HttpRequest) -> QuerySet[Situation]:
    return selectors.situations_for(current_user(request))


@router.post("/situations", response={201: SituationOut}, summary="Write a situation down")
def situation_create(request: HttpRequest, payload: SituationIn) -> Status[Situation]:
    user = current_user(request)
    item = services.situation_create(owner=user, by=user, data=payload.model_dump())
    return Status(201, item)


def _situation(request: HttpRequest, pk: int) -> Situation:
    item = Situation.objects.select_related("owner", "shared_with").filter(pk=pk).first()
    if item is None or not perms.can_view_situation(current_user(request), item):
        raise HttpError(404, f"No situation with id {pk} that you can see.")
    return item


@router.get("/situations/{situation_id}", response=SituationOut, summary="One situation")
def situation_get(request: HttpRequest, situation_id: int) -> Situation:
    return _situation(request, situation_id)


@router.patch("/situations/{situation_id}", response=SituationOut,
              summary="Change a situation, or share it with my coach (shared_with)")
def situation_patch(
    request: HttpRequest, situation_id: int, payload: SituationPatchIn
) -> Situation:
    item = _situation(request, situation_id)
    user = current_user(request)
    data = payload.model_dump(exclude_unset=True)
    share = data.pop("shared_with", None) if "shared_with" in data else ...
    fields = {k: v for k, v in data.items() if v is not None}
    if fields:
        item = services.situation_update(situation=item, by=user, data=fields)
    if share is not ...:
        coach = _by_email(share, "shared_with") if share else None
        item = services.situation_share(situation=item, by=user, with_user=coach)
    return item
