"""One small organization with something of every kind, for the generated access test.

Built on the named personas (mentora/testing.py): Maya and Marco work together in Grow
(an active relationship with an agreement, a meeting with agenda, shared and private notes,
an action item and a check-in); an earlier relationship of theirs ended early, with
reflections, Maya's rematch request and her "do not pair us again"; Grow has an agreement
template and a matching draft (Noah, a new mentee, waits for a mentor); Maya asked Chloe to
coach her in Lead (a request from her list; Marco, her second choice, is not asked yet); Maya
has a target role, a development plan, an introduction to Uma proposed by Marco, feedback, a
situation shared with Marco and a private one, and answered surveys; Olga registered a
webhook endpoint. Priya manages Grow, Olga runs the organization (and manages Lead); Uma is
unrelated. URL arguments in tests/access/matrix.py name these objects ("meeting.pk",
"program.slug"); add an object here when a new route needs one.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from mentora.accounts.services import api_token_create
from mentora.lib import clock
from mentora.lib.signing import link_token
from mentora.testing import Personas, make_user

MARKETING_MANAGERS = "11-2021.00"


class World(dict[str, Any]):
    """Named objects; `world.value("meeting.pk")` follows attributes."""

    def value(self, path: str) -> Any:
        name, *attrs = path.split(".")
        if name not in self:
            raise KeyError(
                f"tests/access/world.py has no object named {name!r} (known: "
                f"{', '.join(sorted(self))}); add it to build_world()."
            )
        obj: Any = self[name]
        for attr in attrs:
            obj = getattr(obj, attr)
        return obj


def build_world(personas: Personas) -> World:
    """Create the objects every route can be pointed at."""
    from mentora.notifications.services import calendar_feed_create
    from mentora.people.import_uploads import upload_keep
    from mentora.programs.models import Enrollment

    now = clock.now()
    world = World(
        personas=personas,
        now=datetime.now(UTC),
        mentee=personas.mentee,
        mentor=personas.mentor,
        coach=personas.coach,
        manager=personas.manager,
        admin=personas.admin,
        unrelated=personas.unrelated,
        program=personas.program,
        coaching=personas.coaching,
        admin_app_label="accounts",
        export_format="csv",
        intro_action="accept",
    )
    with clock.frozen_at(now):
        _career_data(world)
        _relationships(world, now)
        _recommendations(world)
        _conversations(world)
        _matching(world)
        _growth(world, now)
        _outcomes(world, now)
        _integrations(world)
        _calendars(world, now)
    _, mentee_token_key = api_token_create(user=personas.mentee, name="access test")
    _, feed_key = calendar_feed_create(user=personas.mentee)
    world.update(
        mentee_enrollment=Enrollment.objects.get(program=personas.program, user=personas.mentee),
        mentee_token=personas.mentee.api_tokens.get(),
        mentee_token_key=mentee_token_key,
        feed_key=feed_key,
        one_click=link_token(
            action="confirm_meeting", object_id=world["meeting"].pk, user_id=personas.mentee.pk
        ),
        data_link=link_token(
            action="gdpr.export", object_id=personas.mentee.pk, user_id=personas.mentee.pk
        ),
        reset_uid=urlsafe_base64_encode(force_bytes(personas.mentee.pk)),
        reset_token=default_token_generator.make_token(personas.mentee),
        import_upload=upload_keep(
            by=personas.admin, data=b"email\n", filename="hr.csv", whole_organization=False
        ),
    )
    return world


def _career_data(world: World) -> None:
    """The careers tests' mini O*NET release (Marketing Managers rated), and Maya's target."""
    from mentora.careers.models import Occupation
    from mentora.careers.services import careerdata_load
    from mentora.careers.tests.conftest import MINI_ONET, write_bls_workbook
    from mentora.growth.services import target_role_set

    with tempfile.TemporaryDirectory() as folder:
        workbook = write_bls_workbook(Path(folder) / "occupation.xlsx")
        careerdata_load(locations=[str(MINI_ONET), str(workbook)])
    mentee = world["mentee"]
    target_role_set(user=mentee, by=mentee, code=MARKETING_MANAGERS)
    world["occupation"] = Occupation.objects.get(code=MARKETING_MANAGERS)


def _relationships(world: World, now: datetime) -> None:
    """Maya and Marco: an earlier relationship that ended early, and the active one."""
    from mentora.matching.models import MatchExplanation
    from mentora.relationships.services.actions import action_item_add, check_in_create
    from mentora.relationships.services.agreements import agreement_sign, agreement_update
    from mentora.relationships.services.ending import reflection_create, rematch_request_create
    from mentora.relationships.services.lifecycle import (
        relationship_accept,
        relationship_end_early,
        relationship_request,
    )
    from mentora.relationships.services.meetings import (
        agenda_item_add,
        meeting_schedule,
        private_note_add,
        shared_note_add,
    )
    from mentora.relationships.services.templates import agreement_template_create

    program, mentee, mentor = world["program"], world["mentee"], world["mentor"]
    ended = relationship_request(program=program, mentee=mentee, mentor=mentor, by=mentee)
    relationship_accept(relationship=ended, by=mentor)
    relationship_end_early(relationship=ended, by=mentor, reason="Marco moved teams")
    ended.refresh_from_db()
    reflection = reflection_create(
        relationship=ended, by=mentee, what_went_well="We got started on pricing."
    )
    rematch = rematch_request_create(relationship=ended, by=mentee, note="Someone in sales")

    relationship = relationship_request(
        program=program,
        mentee=mentee,
        mentor=mentor,
        by=mentee,
        message="I would like to learn negotiation.",
    )
    relationship_accept(relationship=relationship, by=mentor)
    # As if the pair came from a published draft, for "why we matched" (publishing is a
    # whole matching run; only the stored explanation matters to who may read it).
    MatchExplanation.objects.create(
        relationship=relationship,
        score=0.82,
        contributions=[
            {
                "factor": "role",
                "label": "Career path",
                "weight": 0.4,
                "value": 1.0,
                "contribution": 0.4,
                "reason": "Has worked as Marketing Manager — your target role",
            }
        ],
    )
    agreement = relationship.agreement
    agreement_update(agreement=agreement, by=mentee, data={"goals": ["Negotiate"]})
    agreement_sign(agreement=agreement, by=mentee)
    agreement_sign(agreement=agreement, by=mentor)
    relationship.refresh_from_db()
    meeting = meeting_schedule(
        relationship=relationship,
        by=mentee,
        starts_at=(now + timedelta(days=3)).replace(microsecond=0),
    )
    template = agreement_template_create(
        program=program,
        by=world["manager"],
        data={"name": "Short sprint", "goals": ["One skill in six weeks"], "cadence": "weekly"},
    )
    world.update(
        ended_relationship=ended,
        reflection=reflection,
        rematch_request=rematch,
        relationship=relationship,
        agreement=agreement,
        meeting=meeting,
        agenda_item=agenda_item_add(meeting=meeting, by=mentee, text="Salary review"),
        shared_note=shared_note_add(meeting=meeting, by=mentor, body="Practise the ask."),
        private_note=private_note_add(meeting=meeting, by=mentee, body="I am nervous."),
        action=action_item_add(
            relationship=relationship, by=mentee, text="Draft the ask", owner=mentee
        ),
        check_in=check_in_create(
            relationship=relationship, by=mentee, progress="Going well", confidence=4
        ),
        template=template,
        # URL words for the relationship page's confirm pages and forms opened on request.
        lifecycle_action="complete",
        form_name="schedule",
    )


def _recommendations(world: World) -> None:
    """Maya chose Chloe, then Marco, as her coach in Lead (mentees choose there): Chloe is
    asked, Marco's turn has not come (he does not see it). And after their first relationship
    ended, Maya does not want to be paired with Marco again."""
    from mentora.programs.models import Enrollment, Program
    from mentora.recommendations.services import do_not_pair_create, mentor_requests_add

    coaching, mentee = world["coaching"], world["mentee"]
    coaching.matching_mode = Program.MatchingMode.BOTH
    coaching.save(update_fields=["matching_mode"])
    for user, role in ((mentee, Enrollment.Role.MENTEE), (world["mentor"], Enrollment.Role.MENTOR)):
        Enrollment.objects.create(
            program=coaching, user=user, role=role, status=Enrollment.Status.APPROVED
        )
    asked, waiting = mentor_requests_add(
        program=coaching,
        mentee=mentee,
        by=mentee,
        choices=[(world["coach"], "I start leading a team in May."), (world["mentor"], "")],
    )
    assert (asked.status, waiting.status) == ("asked", "waiting")
    world.update(mentor_choice=asked, waiting_choice=waiting)
    world["do_not_pair"] = do_not_pair_create(relationship=world["ended_relationship"], by=mentee)


def _conversations(world: World) -> None:
    """Maya and Marco exchanged messages; Maya wrote to Chloe while her request is open."""
    from mentora.conversations.services import message_send

    message_send(relationship=world["relationship"], by=world["mentee"], body="Hi Marco")
    message_send(relationship=world["relationship"], by=world["mentor"], body="Hi Maya")
    message_send(
        relationship=world["mentor_choice"].relationship, by=world["mentee"], body="Hi Chloe"
    )


def _matching(world: World) -> None:
    """A draft for Grow from a real run (Noah waits; Marco has places), a pin and a preview."""
    from mentora.matching.models import MatchRule
    from mentora.matching.services import (
        matchrule_set,
        matchrun_execute,
        matchrun_start,
        whatif_preview,
    )
    from mentora.programs.models import Enrollment

    program, manager = world["program"], world["manager"]
    newcomer = make_user(
        "noah.newcomer@example.com",
        "Noah Newcomer",
        job_title="Sales Associate",
        department="Sales",
        years_experience=1,
        target_role="Marketing Manager",
    )
    Enrollment.objects.create(
        program=program,
        user=newcomer,
        role=Enrollment.Role.MENTEE,
        status=Enrollment.Status.APPROVED,
    )
    run = matchrun_execute(run=matchrun_start(program=program, by=manager))
    assert run.status == "done" and run.pairs.exists(), run.error
    rule = matchrule_set(
        program=program,
        mentee=newcomer,
        mentor=world["mentor"],
        kind=MatchRule.Kind.PIN,
        by=manager,
    )
    preview = whatif_preview(program=program, by=manager, objective="fair")
    assert preview.status == "done", preview.error
    world.update(newcomer=newcomer, match_run=run, match_rule=rule, match_preview=preview)


def _growth(world: World, now: datetime) -> None:
    """Maya's assessment, plan (skill, goal, milestone, contact), an introduction to Uma,
    feedback from Marco, a request for Uma's feedback and a situation shared with Marco."""
    from mentora.growth import services as growth
    from mentora.growth.models import Feedback
    from mentora.growth.selectors import skill_set

    mentee, mentor, unrelated = world["mentee"], world["mentor"], world["unrelated"]
    rated = skill_set(MARKETING_MANAGERS)
    assert rated is not None, "the mini O*NET release rates Marketing Managers"
    skills = [s.element_id for s in rated.skills][:3]
    levels = dict.fromkeys(skills, 2)
    growth.assessment_save(subject=mentee, by=mentee, levels=levels)
    growth.assessment_save(subject=mentee, by=mentor, levels=dict.fromkeys(skills, 4))
    (plan_skill, *_) = growth.plan_skills_add(owner=mentee, by=mentee, element_ids=skills[:1])
    goal = growth.goal_create(
        owner=mentee,
        by=mentee,
        fields=growth.GoalFields(
            outcome="Lead the spring campaign pitch",
            measure="Pitch accepted",
            target_on=(now + timedelta(days=60)).date(),
        ),
    )
    world.update(
        plan_skill=plan_skill,
        goal=goal,
        milestone=growth.milestone_add(goal=goal, by=mentee, text="Outline the pitch"),
        contact=growth.contact_add(owner=mentee, by=mentee, name="A brand director"),
        introduction=growth.introduction_propose(
            introducer=mentor, mentee=mentee, contact=unrelated, reason="Uma knows budgets."
        ),
        feedback=growth.feedback_give(
            giver=mentor,
            recipient=mentee,
            items=[
                growth.ItemFields(
                    kind="strength",
                    observation="Clear pricing story",
                    example="The March review",
                    skill="Persuasion",
                )
            ],
            visibility=Feedback.Visibility.RECIPIENT,
        ),
        feedback_request=growth.feedback_request_create(
            requester=mentee, giver=unrelated, message="How did my budget deck land?"
        ),
    )
    situation = growth.situation_create(
        owner=mentee, by=mentee, data={"title": "Credit", "situation": "My idea was presented."}
    )
    world["situation"] = growth.situation_share(situation=situation, by=mentee, with_user=mentor)
    world["private_situation"] = growth.situation_create(
        owner=mentee, by=mentee, data={"title": "Pay", "situation": "I earn less than Sam."}
    )


def _outcomes(world: World, now: datetime) -> None:
    """Survey invitations as the worker plans them; Maya answered her baseline in Grow."""
    from mentora.outcomes.models import SurveyInvitation
    from mentora.outcomes.planning import LINK_ACTION, surveys_plan
    from mentora.outcomes.services import invitation_questions, survey_submit

    surveys_plan(now=now)
    survey = SurveyInvitation.objects.get(
        program=world["program"], respondent=world["mentee"], kind="baseline"
    )
    answers = {q.key: q.scale[-1][0] for q in invitation_questions(survey)}
    survey_submit(invitation=survey, by=world["mentee"], answers=answers, now=now)
    world.update(
        survey=survey,
        survey_token=link_token(
            action=LINK_ACTION, object_id=survey.pk, user_id=world["mentee"].pk
        ),
    )


def _integrations(world: World) -> None:
    """Olga's webhook endpoint, with the delivery of a test event."""
    from mentora.integrations.services import webhook_endpoint_create, webhook_endpoint_ping

    endpoint, _secret = webhook_endpoint_create(
        by=world["admin"],
        name="HR data warehouse",
        url="https://hooks.example.com/mentora",
        events=["relationship.accepted", "match.published"],
    )
    world.update(
        webhook=endpoint,
        webhook_delivery=webhook_endpoint_ping(endpoint=endpoint, by=world["admin"]),
    )


def _calendars(world: World, now: datetime) -> None:
    """Maya's connected calendar (never fetched here), a series and Maya's proposed times."""
    from mentora.calendars.models import CalendarConnection
    from mentora.relationships.services.meetings import meeting_schedule_recurring
    from mentora.relationships.services.proposals import meeting_propose

    relationship = world["relationship"]
    local = (now + timedelta(days=20)).replace(hour=9, minute=0, second=0, microsecond=0)
    world.update(
        calendar_connection=CalendarConnection.objects.create(
            user=world["mentee"], kind="ical", url="https://calendar.example.com/maya/basic.ics"
        ),
        series=meeting_schedule_recurring(
            relationship=relationship,
            by=world["mentor"],
            local_start=local.replace(tzinfo=None),
            count=3,
            cadence="weekly",
        ),
        proposal=meeting_propose(
            relationship=relationship,
            by=world["mentee"],
            starts=[(now + timedelta(days=10)).replace(microsecond=0)],
        ),
    )
