"""Growth pages: target role, self-assessment and gap, plan, introductions, feedback,
situations, and a supporter's view of the people they mentor or coach.

Whatever a person may not see answers 404, exactly like something that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import BaseFormSet, formset_factory
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mentora.accounts.models import User
from mentora.careers.models import Occupation
from mentora.careers.search import MAX_QUERY_LENGTH, search_occupations
from mentora.careers.selectors import current_releases
from mentora.growth import permissions as perms
from mentora.growth import selectors, services
from mentora.growth.forms import (
    AssessmentForm,
    ContactForm,
    ContactStatusForm,
    FeedbackItemForm,
    FeedbackRequestForm,
    FeedbackVisibilityForm,
    GoalForm,
    IntroductionAnswerForm,
    IntroductionAskForm,
    IntroductionForm,
    MilestoneForm,
    SituationForm,
)
from mentora.growth.models import (
    Contact,
    Feedback,
    FeedbackRequest,
    Goal,
    Introduction,
    Milestone,
    PlanSkill,
    Situation,
)
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.lib.views import run_service as _run
from mentora.people.models import Profile
from mentora.people.permissions import can_view_profile
from mentora.relationships.models import Relationship

SUGGEST_LIMIT = 8




def _form_error(form: Any, exc: DomainError) -> None:
    field = exc.field.split(".")[-1] if exc.field else None
    form.add_error(field if field in form.fields else None, exc.message)


def _person(request: AuthedRequest, user_id: int) -> User:
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if person is None or not perms.can_view_growth_of(request.user, person):
        raise Http404("No such person.")
    return person


def _attribution() -> Any:
    return current_releases().attribution


def _gap_context(person: User, viewer: User) -> dict[str, Any]:
    target = selectors.target_role(person)
    skills = selectors.skill_set(target.code) if target else None
    gap = selectors.gap_report(person, viewer=viewer, skills=skills) if skills else None
    return {"target": target, "skills": skills, "gap": gap, "attribution": _attribution()}


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    context = _gap_context(user, user)
    plan = selectors.plan_for(user)
    introductions = list(
        selectors.introductions_for(user).filter(
            status__in=[Introduction.Status.ASKED, Introduction.Status.PROPOSED]
        )
    )
    supported = list(perms.supported_people(user).order_by("full_name"))
    context.update(
        plan=plan,
        introductions=introductions,
        requests=selectors.feedback_requests_for(user),
        feedback_count=Feedback.objects.filter(recipient=user).count(),
        situation_count=Situation.objects.filter(owner=user).count(),
        supported=supported,
    )
    return render(request, "growth/growth_home.html", context)


@login_required
def target(request: AuthedRequest) -> HttpResponse:
    """Choose the target role by job title; works without JavaScript."""
    if request.method == "POST":
        code = request.POST.get("code", "")
        if _run(
            request,
            lambda: services.target_role_set(user=request.user, by=request.user, code=code),
            "Your target role is saved.",
        ):
            return redirect("growth:overview")
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    target = selectors.target_role(request.user)
    from_profile = "q" not in request.GET and target is None
    if from_profile:
        # The free-text target role from the profile (or the HRIS import) is the first search.
        query = selectors.free_text_target_role(request.user)[:MAX_QUERY_LENGTH]
    releases = current_releases()
    matches = search_occupations(query, limit=10) if query and releases.onet else []
    return render(
        request,
        "growth/target_choose.html",
        {
            "query": query,
            "matches": matches,
            "releases": releases,
            "target": target,
            "from_profile": from_profile and bool(query),
            "attribution": releases.attribution,
        },
    )


def _assessment_page(request: AuthedRequest, person: User) -> HttpResponse:
    viewer = request.user
    target_role = selectors.target_role(person)
    skills = selectors.skill_set(target_role.code) if target_role else None
    if skills is None:
        return render(
            request,
            "growth/assessment_form.html",
            {"person": person, "target": target_role, "skills": None, "self": viewer == person,
             "attribution": _attribution()},
        )
    mine = next(
        (a for a in selectors.assessments_for(person, skills.code) if a.assessor_id == viewer.pk),
        None,
    )
    initial = {r.element_id: r.level for r in mine.ratings.all()} if mine else {}
    form = AssessmentForm(request.POST or None, skills=skills, initial_levels=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(subject=person, by=viewer, levels=form.levels())
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Your assessment is saved.")
            if person == viewer:
                return redirect("growth:gap")
            return redirect("growth:person", user_id=person.pk)
    return render(
        request,
        "growth/assessment_form.html",
        {"person": person, "target": target_role, "skills": skills, "form": form,
         "self": viewer == person, "attribution": _attribution()},
    )


@login_required
def assess(request: AuthedRequest) -> HttpResponse:
    return _assessment_page(request, request.user)


@login_required
def assess_person(request: AuthedRequest, user_id: int) -> HttpResponse:
    person = _person(request, user_id)
    if person == request.user:
        return redirect("growth:assess")
    return _assessment_page(request, person)


@login_required
def gap(request: AuthedRequest) -> HttpResponse:
    user = request.user
    context = _gap_context(user, user)
    plan = selectors.plan_for(user)
    context["in_plan"] = {s.element_id for s in plan.skills.all()} if plan else set()
    return render(request, "growth/gap.html", context)


@login_required
def person(request: AuthedRequest, user_id: int) -> HttpResponse:
    """A mentor's or coach's view of a person they support."""
    subject = _person(request, user_id)
    if subject == request.user:
        return redirect("growth:overview")
    context = _gap_context(subject, request.user)
    context.update(
        person=subject,
        plan=selectors.plan_for(subject),
        feedback=selectors.feedback_timeline(subject, viewer=request.user),
        introductions=list(
            selectors.introductions_for(subject).filter(introducer=request.user)
        ),
        situations=list(selectors.situations_for(request.user).filter(owner=subject)),
        introduction_form=IntroductionForm(),
    )
    return render(request, "growth/person_detail.html", context)


# Plan ----------------------------------------------------------------------------------------


def _skill_choices(user: User) -> list[tuple[str, str]]:
    plan = selectors.plan_for(user)
    choices = [(s.element_id, s.element_name) for s in plan.skills.all()] if plan else []
    target_role = selectors.target_role(user)
    skills = selectors.skill_set(target_role.code) if target_role else None
    seen = {c[0] for c in choices}
    choices += [(s.element_id, s.name) for s in (skills.skills if skills else [])
                if s.element_id not in seen]
    return choices


@login_required
def plan(request: AuthedRequest) -> HttpResponse:
    user = request.user
    goal_form = GoalForm(request.POST or None, skill_choices=_skill_choices(user), prefix="goal")
    if request.method == "POST" and goal_form.is_valid():
        try:
            services.goal_create(owner=user, by=user, fields=goal_form.goal_fields())
        except DomainError as exc:
            _form_error(goal_form, exc)
        else:
            messages.success(request, "Goal added.")
            return redirect("growth:plan")
    return render(
        request,
        "growth/plan_detail.html",
        {
            "plan": selectors.plan_for(user),
            "target": selectors.target_role(user),
            "goal_form": goal_form,
            "contact_form": ContactForm(prefix="contact"),
            "milestone_form": MilestoneForm(prefix="milestone"),
            "introductions": list(selectors.introductions_for(user).filter(mentee=user)),
            "statuses": Contact.Status.choices,
            "levels": range(0, 8),
            "owner": True,
            "attribution": _attribution(),
        },
    )


@login_required
@require_POST
def plan_skills_add(request: AuthedRequest) -> HttpResponse:
    element_ids = request.POST.getlist("skill")
    if _run(
        request,
        lambda: services.plan_skills_add(owner=request.user, by=request.user,
                                         element_ids=element_ids),
        f"Added {len(element_ids)} skill{'s' if len(element_ids) != 1 else ''} to your plan.",
    ):
        return redirect("growth:plan")
    return redirect("growth:gap")


def _int_or_none(value: str | None, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)  # type: ignore[arg-type]
    except ValueError as exc:
        raise DomainError(f"{field} must be a whole number.", field=field) from exc


@login_required
@require_POST
def plan_skill(request: AuthedRequest, pk: int) -> HttpResponse:
    skill = get_object_or_404(PlanSkill.objects.select_related("plan__owner"), pk=pk)
    if skill.plan.owner_id != request.user.pk:
        raise Http404("No such skill in your plan.")
    if request.POST.get("remove"):
        _run(request, lambda: services.plan_skill_remove(skill=skill, by=request.user),
             f"{skill.element_name} is no longer in your plan.")
    else:
        _run(
            request,
            lambda: services.plan_skill_update(
                skill=skill,
                by=request.user,
                current_level=_int_or_none(request.POST.get("current_level"), "Level now"),
                target_level=_int_or_none(request.POST.get("target_level"), "Target level"),
            ),
            f"{skill.element_name}: progress saved.",
        )
    return redirect("growth:plan")


def _own_goal(request: AuthedRequest, pk: int) -> Goal:
    goal = get_object_or_404(Goal.objects.select_related("plan__owner"), pk=pk)
    if goal.plan.owner_id != request.user.pk:
        raise Http404("No such goal in your plan.")
    return goal


@login_required
def goal(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = _own_goal(request, pk)
    initial = {
        name: getattr(goal, name)
        for name in ("outcome", "measure", "target_on", "relevance", "strategies",
                     "element_id", "status")
    }
    form = GoalForm(request.POST or None, initial=initial,
                    skill_choices=_skill_choices(request.user), prefix="goal")
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(goal=goal, by=request.user, fields=form.goal_fields())
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Goal saved.")
            return redirect("growth:plan")
    return render(request, "growth/goal_form.html",
                  {"goal": goal, "form": form, "milestone_form": MilestoneForm(prefix="milestone")})


@login_required
@require_POST
def milestone_add(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = _own_goal(request, pk)
    form = MilestoneForm(request.POST, prefix="milestone")
    if not form.is_valid():
        messages.error(request, "Milestone: " + "; ".join(
            f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items()))
    else:
        _run(request, lambda: services.milestone_add(goal=goal, by=request.user,
                                                     **form.cleaned_data), "Milestone added.")
    return redirect("growth:plan")


@login_required
@require_POST
def milestone(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Milestone.objects.select_related("goal__plan__owner"), pk=pk)
    if item.goal.plan.owner_id != request.user.pk:
        raise Http404("No such milestone in your plan.")
    done = request.POST.get("done") == "1"
    _run(request, lambda: services.milestone_set_done(milestone=item, by=request.user, done=done),
         "Milestone done." if done else "Milestone reopened.")
    return redirect("growth:plan")


@login_required
@require_POST
def contact_add(request: AuthedRequest) -> HttpResponse:
    form = ContactForm(request.POST, prefix="contact")
    if not form.is_valid():
        messages.error(request, "Relationship to build: " + "; ".join(
            f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items()))
    else:
        data = form.cleaned_data
        _run(
            request,
            lambda: services.contact_add(
                owner=request.user, by=request.user, name=data["name"], where=data["where"],
                why=data["why"], person=data["email"],
            ),
            "Added to the relationships to build.",
        )
    return redirect("growth:plan")


@login_required
@require_POST
def contact(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Contact.objects.select_related("plan__owner"), pk=pk)
    if item.plan.owner_id != request.user.pk:
        raise Http404("No such contact in your plan.")
    form = ContactStatusForm(request.POST)
    if form.is_valid():
        _run(request, lambda: services.contact_set_status(
            contact=item, by=request.user, status=form.cleaned_data["status"]), "Saved.")
    return redirect("growth:plan")


# Introductions -------------------------------------------------------------------------------


@login_required
@require_POST
def introduce(request: AuthedRequest, user_id: int) -> HttpResponse:
    mentee = _person(request, user_id)
    form = IntroductionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Introduction: " + "; ".join(
            f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items()))
    else:
        _run(
            request,
            lambda: services.introduction_propose(
                introducer=request.user, mentee=mentee, contact=form.cleaned_data["email"],
                reason=form.cleaned_data["reason"],
            ),
            "Introduction proposed: both will be asked to accept.",
        )
    return redirect("growth:person", user_id=mentee.pk)


@login_required
def introduction_ask(request: AuthedRequest, user_id: int) -> HttpResponse:
    """A mentee asks their mentor or coach to introduce them to the person of a directory
    profile."""
    profile = Profile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None or not can_view_profile(request.user, profile):
        raise Http404("No such person.")
    contact = profile.user
    introducers = selectors.introducers_for(request.user, contact=contact)
    if not introducers:
        raise Http404("You have no mentor or coach to ask for this introduction.")
    # "Marco is your mentor": each introducer with the program's word for them (one query).
    words = {
        rel.mentor_id: rel.program.mentor_label
        for rel in Relationship.objects.filter(
            mentee=request.user, mentor__in=introducers, status__in=perms.ONGOING
        ).select_related("program")
    }
    roles = [(p, words.get(p.pk, "mentor")) for p in introducers]
    form = IntroductionAskForm(request.POST or None, introducers=introducers, contact=contact)
    if request.method == "POST" and form.is_valid():
        introducer = form.cleaned_data["introducer"]
        try:
            intro = services.introduction_ask(
                mentee=request.user, introducer=introducer, contact=contact,
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                f"We asked {introducer.full_name} to introduce you to {contact.full_name}. "
                "We will email you when they answer.",
            )
            return redirect("growth:introduction", pk=intro.pk)
    return render(request, "growth/introduction_ask.html", {
        "form": form, "contact": contact, "profile": profile, "introducers": introducers,
        "roles": roles,
    })


@login_required
def introduction(request: AuthedRequest, pk: int) -> HttpResponse:
    intro = get_object_or_404(
        Introduction.objects.select_related("introducer", "mentee", "contact"), pk=pk
    )
    if not perms.can_view_introduction(request.user, intro):
        raise Http404("No such introduction.")
    can_answer_ask = perms.can_answer_ask(request.user, intro)
    answer_form = IntroductionAnswerForm(
        request.POST if request.POST.get("answer") == "introduce" else None,
        initial={"reason": intro.ask_note},
    )
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer == "withdraw":
            _run(request, lambda: services.introduction_withdraw(introduction=intro,
                                                                 by=request.user),
                 "You withdrew the request." if intro.status == Introduction.Status.ASKED
                 else "You withdrew the introduction. Nobody else is told.")
        elif answer == "introduce" and answer_form.is_valid():
            _run(
                request,
                lambda: services.introduction_ask_answer(
                    introduction=intro, by=request.user, introduce=True,
                    reason=answer_form.cleaned_data["reason"],
                ),
                f"You introduced {intro.mentee} to {intro.contact}. We asked {intro.contact} "
                f"to accept; {intro.mentee} is told too.",
            )
        elif answer == "not_now":
            _run(
                request,
                lambda: services.introduction_ask_answer(
                    introduction=intro, by=request.user, introduce=False
                ),
                f"You said no to this introduction. We told {intro.mentee}.",
            )
        elif answer in ("accept", "decline"):
            _run(
                request,
                lambda: services.introduction_answer(
                    introduction=intro, by=request.user, accept=answer == "accept"
                ),
                "Thank you: your answer is saved.",
            )
        if answer != "introduce" or answer_form.is_valid():
            return redirect("growth:introduction", pk=pk)
    return render(request, "growth/introduction_detail.html", {
        "intro": intro,
        "can_answer": perms.can_answer_introduction(request.user, intro)
        and intro.status == Introduction.Status.PROPOSED
        and not intro.accepted_by(request.user),
        "can_answer_ask": can_answer_ask,
        "answer_form": answer_form,
    })


# Feedback ------------------------------------------------------------------------------------


@login_required
def feedback(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = FeedbackRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_request_create(
                requester=user, giver=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
            )
        except DomainError as exc:
            form.add_error("email" if exc.field == "giver" else None, exc.message)
        else:
            asked = form.cleaned_data["email"]
            messages.success(
                request, f"Asked {asked} for feedback; we have emailed {asked.get_short_name()}."
            )
            # Asked from a relationship or meeting page: go back there (on this site only).
            target = str(request.POST.get("next") or "")
            if target and url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                return redirect(target)
            return redirect("growth:feedback")
    return render(request, "growth/feedback_list.html", {
        "received": selectors.feedback_timeline(user, viewer=user),
        "given": list(selectors.feedback_given(user)[:20]),
        "requests": selectors.feedback_requests_for(user),
        "supporters": User.objects.filter(pk__in=perms.supporter_ids(user)).order_by("full_name"),
        "form": form,
    })


@login_required
@require_POST
def feedback_request_decline(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(FeedbackRequest, pk=pk)
    if not perms.can_view_feedback_request(request.user, item):
        raise Http404("No such request.")
    _run(request, lambda: services.feedback_request_decline(request=item, by=request.user),
         "The request is closed.")
    return redirect("growth:feedback")


class BaseItemFormSet(BaseFormSet):  # type: ignore[type-arg]
    """Three item slots: a strength, an area for improvement, and one more; empty ones are
    ignored."""

    KINDS = ("strength", "improvement", "strength")

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        kind = self.KINDS[index % len(self.KINDS)] if index is not None else "strength"
        return {**kwargs, "initial": {"kind": kind}}


ItemFormSet = formset_factory(FeedbackItemForm, formset=BaseItemFormSet, extra=3, max_num=10)


def _about_choices(recipient: User) -> list[tuple[str, str]]:
    plan = selectors.plan_for(recipient)
    target_role = selectors.target_role(recipient)
    skills = selectors.skill_set(target_role.code) if target_role else None
    choices = [(f"skill:{s.element_id}", f"Skill: {s.name}") for s in (skills.skills if skills
                                                                         else [])]
    if plan:
        choices += [(f"goal:{g.pk}", f"Goal: {g.outcome}") for g in plan.goals.all()]
    return choices


@login_required
def feedback_give(request: AuthedRequest, user_id: int) -> HttpResponse:
    recipient = User.objects.filter(pk=user_id, is_active=True).first()
    open_request = None
    request_id = request.GET.get("request") or request.POST.get("request")
    if recipient is not None and request_id and str(request_id).isdigit():
        open_request = FeedbackRequest.objects.filter(
            pk=int(request_id), requester=recipient, giver=request.user,
            status=FeedbackRequest.Status.OPEN,
        ).first()
    if recipient is None or not perms.can_give_feedback(request.user, recipient, open_request):
        raise Http404("You cannot give feedback to this person here.")
    # Only a supporter may see the person's goals and target skills as things to tie feedback
    # to; a peer answering a request names the skill themselves.
    about = _about_choices(recipient) if perms.can_view_growth_of(request.user, recipient) else []
    formset = ItemFormSet(
        request.POST or None, prefix="items", form_kwargs={"about_choices": about}
    )
    visibility_form = FeedbackVisibilityForm(request.POST or None)
    error = None
    if request.method == "POST" and formset.is_valid() and visibility_form.is_valid():
        items = [f.item_fields() for f in formset.forms if f.cleaned_data]
        try:
            services.feedback_give(
                giver=request.user, recipient=recipient, items=items,
                visibility=visibility_form.cleaned_data["visibility"], request=open_request,
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, f"Your feedback to {recipient} is saved.")
            if perms.can_view_growth_of(request.user, recipient):
                return redirect("growth:person", user_id=recipient.pk)
            return redirect("growth:feedback")
    return render(request, "growth/feedback_form.html", {
        "recipient": recipient, "formset": formset, "visibility_form": visibility_form,
        "open_request": open_request, "error": error,
    })


# Situations ----------------------------------------------------------------------------------


@login_required
def situations(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = SituationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.situation_create(owner=user, by=user, data=form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Saved. Only you can read it unless you share it.")
            return redirect("growth:situation", pk=item.pk)
    rows = list(selectors.situations_for(user))
    return render(request, "growth/situation_list.html", {
        "mine": [s for s in rows if s.owner_id == user.pk],
        "shared": [s for s in rows if s.owner_id != user.pk],
        "form": form,
    })


@login_required
def situation(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Situation.objects.select_related("owner", "shared_with"), pk=pk)
    if not perms.can_view_situation(request.user, item):
        raise Http404("No such situation.")
    owner = perms.can_change_situation(request.user, item)
    form = None
    if owner:
        initial = {name: getattr(item, name) for name in services.SITUATION_FIELDS}
        form = SituationForm(request.POST or None, initial=initial)
        if request.method == "POST":
            action = request.POST.get("action", "save")
            if action in ("share", "unshare"):
                shared = None
                if action == "share":
                    shared = User.objects.filter(pk=request.POST.get("coach") or 0).first()
                    if shared is None:
                        messages.error(request, "Choose your coach or mentor to share it with.")
                        return redirect("growth:situation", pk=pk)
                _run(request, lambda: services.situation_share(
                    situation=item, by=request.user, with_user=shared),
                    "Shared." if shared else "No longer shared: only you can read it.")
                return redirect("growth:situation", pk=pk)
            if form.is_valid():
                try:
                    services.situation_update(situation=item, by=request.user,
                                              data=form.cleaned_data)
                except DomainError as exc:
                    _form_error(form, exc)
                else:
                    messages.success(request, "Saved.")
                    return redirect("growth:situation", pk=pk)
    elif request.method == "POST":
        raise Http404("No such situation.")
    supporters = (
        User.objects.filter(pk__in=perms.supporter_ids(request.user)).order_by("full_name")
        if owner else User.objects.none()
    )
    return render(request, "growth/situation_detail.html",
                  {"item": item, "form": form, "owner": owner, "supporters": supporters})


# Occupation type-ahead (htmx) ------------------------------------------------------------------

FIELDS = {"current": "Current occupation", "target": "Target occupation",
          "past": "Past occupations"}


@login_required
def suggest(request: AuthedRequest) -> HttpResponse:
    """Occupations matching what is typed in one of the profile's occupation fields."""
    field = request.GET.get("field", "")
    if field not in FIELDS:
        raise Http404("Unknown field.")
    query = request.GET.get(f"{field}_q", "").strip()[:MAX_QUERY_LENGTH]
    releases = current_releases()
    matches = search_occupations(query, limit=SUGGEST_LIMIT) if query and releases.onet else []
    return render(request, "growth/_occupation_suggestions.html", {
        "field": field, "query": query, "matches": matches, "releases": releases,
        "attribution": releases.attribution,
    })


@login_required
def pick(request: AuthedRequest) -> HttpResponse:
    """The chosen occupation as a hidden input (and a visible chip) for the profile form."""

    field = request.GET.get("field", "")
    if field not in FIELDS:
        raise Http404("Unknown field.")
    if request.GET.get("clear"):
        return HttpResponse("")  # the button's target is emptied (or, for past roles, removed)
    occupation = Occupation.objects.filter(code=request.GET.get("code", "")).first()
    if occupation is None:
        raise Http404("Unknown occupation.")
    # oob: the chosen occupation also empties the suggestion list it was picked from.
    return render(request, "growth/_occupation_chosen.html",
                  {"field": field, "code": occupation.code, "title": occupation.title, "oob": True})


# "Did you mean": confirming the occupation of a free-text role ---------------------------------


@login_required
@require_POST
def role_confirm(request: AuthedRequest) -> HttpResponse:
    """Confirm the O*NET occupation a free-text target role or job title maps to."""
    user = request.user
    field, code = request.POST.get("field", ""), request.POST.get("code", "")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    occupation = Occupation.objects.filter(code=code).only("code", "title").first()
    if field not in {"target", "current"}:
        messages.error(request, "Choose whether this is your target role or your current role.")
    elif occupation is None:
        messages.error(request, "That occupation is not in the loaded career data; search for "
                                "another one.")
    elif field == "target":
        if _run(request, lambda: services.target_role_set(user=user, by=user, code=code),
                f"Your target role is now {occupation.title}. Your self-assessment, skill gap "
                "and plan use it; change it on Target role whenever you like."):
            return redirect(back or "growth:overview")
    else:
        roles = selectors.career_roles(user)
        target = selectors.target_role(user)
        if _run(request, lambda: services.career_roles_set(
                    user=user, by=user, current=code,
                    target=target.code if target and target.loaded else None,
                    past=[role.occupation_code for role in roles["past"]]),
                f"Your current role is now {occupation.title}. People heading there can find "
                "you as someone who holds it."):
            return redirect(back or "growth:overview")
    return redirect(back or "growth:target")
