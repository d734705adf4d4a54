"""THE access table: for every page route and API operation, what each persona gets.

How to read and extend it: docs/privacy.md, "How the access test works".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PERSONAS = ("mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous")

# Outcomes
OK = "ok"  # 2xx
REDIRECT = "redirect"  # 3xx, not to a sign-in page
LOGIN = "login"  # 3xx to the sign-in page (or the Django admin's)
BAD_REQUEST = "400"
UNAUTHORIZED = "401"
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"
CONFLICT = "409"
INVALID = "422"
ALLOWED = "allowed"  # may change things: not sent here (the app's own tests cover it)


def who(default: str, **overrides: str) -> dict[str, str]:
    """An outcome for every persona: `default`, except those named."""
    unknown = set(overrides) - set(PERSONAS)
    assert not unknown, f"unknown persona(s) {unknown}; personas are {PERSONAS}"
    return {p: overrides.get(p, default) for p in PERSONAS}


@dataclass(frozen=True)
class Page:
    """A page route: GET as every persona; POST as the personas in `post` (refusals)."""

    get: dict[str, str]
    post: dict[str, str] | None = None  # None: anonymous only, expecting get["anonymous"]
    kwargs: dict[str, str] = field(default_factory=dict)  # URL argument → world object path
    data: dict[str, Any] = field(default_factory=dict)  # form data for the POST
    url: str | None = None  # for unnamed patterns
    query: str = ""  # e.g. "field=target&code={occupation.code}", for GET and POST alike
    personas: tuple[str, ...] = PERSONAS  # fewer only for large uniform groups (Django admin)


@dataclass(frozen=True)
class Op:
    """An API operation: GETs are sent as everyone; writes only as the refused personas."""

    expect: dict[str, str]
    kwargs: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None  # a valid JSON body, so refusals are not 422s
    query: str = ""  # e.g. "q=marketing", for operations that need a query parameter


# In `query`, `data` and `body`, "{meeting.pk}" names a world object (tests/access/world.py):
# a whole value "{template.pk}" becomes the object itself (an int stays an int), and text
# around it is kept ("request={feedback_request.pk}").


# Shorthands for the common shapes of rule.
def signed_in(**overrides: str) -> dict[str, str]:
    """A page every signed-in person may open; anonymous visitors are sent to sign in."""
    return who(OK, anonymous=LOGIN, **overrides)


def api_signed_in(**overrides: str) -> dict[str, str]:
    """An operation every signed-in person may call; anonymous callers get 401."""
    return who(OK, anonymous=UNAUTHORIZED, **overrides)


def public() -> dict[str, str]:
    return who(OK)


def org_admin_page() -> dict[str, str]:
    return who(FORBIDDEN, admin=OK, anonymous=LOGIN)


ADMIN_POST = who(FORBIDDEN, admin=ALLOWED, anonymous=LOGIN)


# Readers of one relationship (docs/privacy.md): the pair and those who oversee the program
# (Priya manages Grow, Olga is an organization admin); Chloe and Uma see nothing (404).
RELATIONSHIP_READERS = who(NOT_FOUND, mentee=OK, mentor=OK, manager=OK, admin=OK, anonymous=LOGIN)
# The content of a relationship (agreement text, notes, agenda, actions, check-ins): the pair.
PAIR_ONLY_PAGE = who(NOT_FOUND, mentee=OK, mentor=OK, anonymous=LOGIN)
# A form post by someone who may not act on the relationship: refused, nothing written.
PAIR_POST = who(NOT_FOUND, mentee=ALLOWED, mentor=ALLOWED, anonymous=LOGIN)
# Same, where the page finds the relationship for overseers too and the service refuses them:
# they are sent back to the relationship with the refusal as a message (nothing written).
PAIR_POST_OVERSEERS_REDIRECTED = who(
    NOT_FOUND, mentee=ALLOWED, mentor=ALLOWED, manager=REDIRECT, admin=REDIRECT, anonymous=LOGIN
)
# POST-only views: a GET is 405 for a signed-in person; sign-in comes first for anonymous.
POST_ONLY_GET = who(NOT_ALLOWED, anonymous=LOGIN)

# API counterparts: anonymous 401, outsiders 404 (ids reveal nothing).
API_RELATIONSHIP_READERS = who(
    NOT_FOUND, mentee=OK, mentor=OK, manager=OK, admin=OK, anonymous=UNAUTHORIZED
)
API_PAIR_ONLY = who(NOT_FOUND, mentee=OK, mentor=OK, anonymous=UNAUTHORIZED)
# Writing relationship content: the pair; overseers get 404 like outsiders, since they may
# not even read that content.
API_PAIR_WRITE = who(NOT_FOUND, mentee=ALLOWED, mentor=ALLOWED, anonymous=UNAUTHORIZED)
API_SELF_WRITE = who(ALLOWED, anonymous=UNAUTHORIZED)
API_ADMIN_ONLY_READ = who(FORBIDDEN, admin=OK, anonymous=UNAUTHORIZED)
API_ADMIN_ONLY_WRITE = who(FORBIDDEN, admin=ALLOWED, anonymous=UNAUTHORIZED)
# A program's managers (Priya for Grow) and org admins: others 403 on the program's
# operations, 404 on things by id (and on outcomes, whose analytics answer 404 to others).
API_MANAGERS_READ = who(FORBIDDEN, manager=OK, admin=OK, anonymous=UNAUTHORIZED)
API_MANAGERS_WRITE = who(FORBIDDEN, manager=ALLOWED, admin=ALLOWED, anonymous=UNAUTHORIZED)
API_MANAGERS_ONLY_READ = who(NOT_FOUND, manager=OK, admin=OK, anonymous=UNAUTHORIZED)
API_MANAGERS_ONLY_WRITE = who(NOT_FOUND, manager=ALLOWED, admin=ALLOWED, anonymous=UNAUTHORIZED)
# A person's own thing by id (Maya's goal, survey, wish): Maya; 404 to anyone else.
API_OWNER_READ = who(NOT_FOUND, mentee=OK, anonymous=UNAUTHORIZED)
API_OWNER_WRITE = who(NOT_FOUND, mentee=ALLOWED, anonymous=UNAUTHORIZED)
# Growth content about Maya: Maya and Marco, her mentor in an active relationship.
API_PERSON_AND_SUPPORTER = who(NOT_FOUND, mentee=OK, mentor=OK, anonymous=UNAUTHORIZED)


# URL arguments that mean the same object wherever they appear (world object paths). `pk`
# means different things on different routes, so every entry using it names its object.
DEFAULT_ARGUMENTS: dict[str, str] = {
    "slug": "program.slug",
    "user_id": "mentor.pk",
    "token_id": "mentee_token.pk",
    "code": "occupation.code",
    "enrollment_id": "mentee_enrollment.pk",
    "uidb64": "reset_uid",
    "mentee_id": "newcomer.pk",  # the matching draft's waiting mentee
    "rule_id": "match_rule.pk",
    "skill_id": "plan_skill.pk",
    "goal_id": "goal.pk",
    "milestone_id": "milestone.pk",
    "contact_id": "contact.pk",
    "intro_id": "introduction.pk",
    "request_id": "feedback_request.pk",
    "situation_id": "situation.pk",
    "fmt": "export_format",
    "endpoint_id": "webhook.pk",
    "delivery_id": "webhook_delivery.pk",
    # The Django admin's own arguments (every admin page redirects non-staff to its sign-in).
    "object_id": "mentee.pk",
    "id": "mentee.pk",
    "content_type_id": "mentee.pk",
    "app_label": "admin_app_label",
    "url": "program.slug",
}

REL = {"pk": "relationship.pk"}
ENDED = {"pk": "ended_relationship.pk"}  # Maya and Marco's earlier relationship, ended early
MEETING = {"pk": "meeting.pk"}
PROPOSAL = {"pk": "proposal.pk"}  # times Maya proposed to Marco
SERIES = {"pk": "series.pk"}  # Marco's weekly series with Maya
CALENDAR = {"pk": "calendar_connection.pk"}  # Maya's connected calendar
# A form post on a person's own thing (Maya's calendar): others get 404, nothing written.
OWNER_POST = who(NOT_FOUND, mentee=ALLOWED, anonymous=LOGIN)
LEAD = {"slug": "coaching.slug"}  # Lead: mentees choose their coach; Maya asked Chloe
CHOICE = {"pk": "mentor_choice.pk"}
MAYA = {"user_id": "mentee.pk"}
SURVEY = {"pk": "survey.pk"}

# Program-level pages for those who run a program (Priya manages Grow; Olga is an org admin):
# the program itself is no secret, so others are told 403 rather than 404.
MANAGERS_PAGE = who(FORBIDDEN, manager=OK, admin=OK, anonymous=LOGIN)
MANAGERS_POST = who(FORBIDDEN, manager=ALLOWED, admin=ALLOWED, anonymous=LOGIN)
# Things by id that only the program's managers may see: 404 to everyone else.
MANAGERS_ONLY_PAGE = who(NOT_FOUND, manager=OK, admin=OK, anonymous=LOGIN)
MANAGERS_ONLY_POST = who(NOT_FOUND, manager=ALLOWED, admin=ALLOWED, anonymous=LOGIN)
# A person's own thing by id (a plan's goal, a survey): its owner, Maya; 404 to anyone else.
OWNER_PAGE = who(NOT_FOUND, mentee=OK, anonymous=LOGIN)
OWNER_POST = who(NOT_FOUND, mentee=ALLOWED, anonymous=LOGIN)

PAGES: dict[str, Page] = {
    "home": Page(get=signed_in()),
    "healthz": Page(get=public(), post={"anonymous": OK}),
    "readyz": Page(get=public(), post={"anonymous": OK}),
    "accessibility": Page(get=public(), post={"anonymous": NOT_ALLOWED}),
    # --- accounts
    "accounts:login": Page(get=who(REDIRECT, anonymous=OK)),
    "accounts:logout": Page(get=who(NOT_ALLOWED), post={"anonymous": LOGIN}),
    "accounts:password_reset": Page(get=public()),
    "accounts:password_reset_done": Page(get=public(), post={"anonymous": NOT_ALLOWED}),
    "accounts:password_reset_confirm": Page(
        get=public(), kwargs={"token": "reset_token"}, post={"anonymous": OK}
    ),
    "accounts:password_reset_complete": Page(get=public(), post={"anonymous": NOT_ALLOWED}),
    "accounts:tokens": Page(get=signed_in()),
    "accounts:token_revoke": Page(
        get=POST_ONLY_GET,
        kwargs={"pk": "mentee_token.pk"},
        post=who(NOT_FOUND, mentee=ALLOWED, anonymous=LOGIN),
    ),
    "accounts:my_data": Page(get=signed_in()),
    "accounts:my_data_download": Page(get=POST_ONLY_GET),
    # The emailed link to Maya's own export: hers only, signed in (issue 21, item 2).
    "accounts:my_data_link": Page(
        get=who(FORBIDDEN, mentee=OK, anonymous=LOGIN),
        kwargs={"token": "data_link"},
        post=who(FORBIDDEN, mentee=ALLOWED, anonymous=LOGIN),
    ),
    "accounts:person_data_send": Page(get=org_admin_page(), post=ADMIN_POST),
    "accounts:my_data_erase": Page(get=POST_ONLY_GET),
    "accounts:erased": Page(get=public()),
    # h17a: organization settings (program staff, branding) are for organization admins; the
    # logo is public (the sign-in page shows it) and answers 404 while there is none.
    "accounts:program_staff": Page(
        get=org_admin_page(), post=ADMIN_POST, data={"email": "uma.unrelated@example.com"}
    ),
    "accounts:program_staff_remove": Page(get=POST_ONLY_GET, post=ADMIN_POST),
    "accounts:branding": Page(get=org_admin_page(), post=ADMIN_POST, data={"name": "Access"}),
    "accounts:branding_logo": Page(get=who(NOT_FOUND), post={"anonymous": NOT_ALLOWED}),
    # --- people
    "people:directory": Page(get=signed_in()),
    "people:profile_edit": Page(get=signed_in()),
    "people:availability": Page(get=signed_in()),
    "people:personality": Page(get=signed_in()),
    "people:detail": Page(get=signed_in()),  # Marco's profile is visible organization-wide
    # Marco has no photo in the access world: 404 to those who may see his profile.
    "people:photo": Page(get=who(NOT_FOUND, anonymous=LOGIN)),
    "people:photo_upload": Page(get=POST_ONLY_GET),
    "people:admin_people": Page(get=org_admin_page()),
    "people:import": Page(
        get=org_admin_page(), post=who(FORBIDDEN, admin=ALLOWED, anonymous=LOGIN)
    ),
    "people:import_settings": Page(
        get=org_admin_page(), post=who(FORBIDDEN, admin=ALLOWED, anonymous=LOGIN)
    ),
    # --- programs
    "programs:list": Page(get=signed_in()),
    "programs:create": Page(
        get=org_admin_page(), post=who(FORBIDDEN, admin=ALLOWED, anonymous=LOGIN)
    ),
    "programs:detail": Page(get=signed_in()),
    "programs:edit": Page(
        get=who(FORBIDDEN, manager=OK, admin=OK, anonymous=LOGIN),
        post=who(FORBIDDEN, manager=ALLOWED, admin=ALLOWED, anonymous=LOGIN),
    ),
    "programs:roster": Page(get=who(FORBIDDEN, manager=OK, admin=OK, anonymous=LOGIN)),
    "programs:questions": Page(
        get=who(FORBIDDEN, manager=OK, admin=OK, anonymous=LOGIN),
        post=who(FORBIDDEN, manager=ALLOWED, admin=ALLOWED, anonymous=LOGIN),
    ),
    "programs:withdraw": Page(
        get=POST_ONLY_GET,
        kwargs={"pk": "mentee_enrollment.pk"},
        post=who(NOT_FOUND, mentee=ALLOWED, manager=ALLOWED, admin=ALLOWED, anonymous=LOGIN),
    ),
    # The pages answer 403 to everyone who is not a manager (the API answers 404 to
    # outsiders); nothing is written either way.
    "programs:approve": Page(
        get=POST_ONLY_GET,
        kwargs={"pk": "mentee_enrollment.pk"},
        post=who(FORBIDDEN, manager=ALLOWED, admin=ALLOWED, anonymous=LOGIN),
    ),
    "programs:decline": Page(
        get=POST_ONLY_GET,
        kwargs={"pk": "mentee_enrollment.pk"},
        post=who(FORBIDDEN, manager=ALLOWED, admin=ALLOWED, anonymous=LOGIN),
    ),
    # h17a: a new cohort needs both managing the program and the program-staff permission
    # (Priya manages Grow but is not program staff in the test world); archiving and
    # announcements are for the program's managers.
    "programs:duplicate": Page(
        get=org_admin_page(), post=ADMIN_POST, data={"name": "Grow access cohort"}
    ),
    "programs:archive": Page(get=MANAGERS_PAGE, post=MANAGERS_POST),
    "programs:bulk_decide": Page(
        get=POST_ONLY_GET,
        post=MANAGERS_POST,
        data={"decision": "approve", "enrollments": "{mentee_enrollment.pk}"},
    ),
    "programs:announcements": Page(
        get=MANAGERS_PAGE,
        post=MANAGERS_POST,
        data={"audience": "everyone", "subject": "Hello", "body": "Hi all", "step": "preview"},
    ),
    # --- careers (public reference data, for signed-in people)
    "careers:search": Page(get=signed_in()),
    "careers:occupation": Page(get=signed_in()),
    # --- relationships
    "relationships:list": Page(get=signed_in()),
    "relationships:detail": Page(get=RELATIONSHIP_READERS, kwargs=REL),
    "relationships:transition": Page(
        get=POST_ONLY_GET,
        kwargs={**REL, "action": "program.slug"},
        post=who(
            NOT_FOUND,
            mentee=ALLOWED,
            mentor=ALLOWED,
            manager=ALLOWED,
            admin=ALLOWED,
            anonymous=LOGIN,
        ),
    ),
    "relationships:check_in": Page(
        get=POST_ONLY_GET, kwargs=REL, post=PAIR_POST_OVERSEERS_REDIRECTED
    ),
    "relationships:action_add": Page(
        get=POST_ONLY_GET, kwargs=REL, post=PAIR_POST_OVERSEERS_REDIRECTED
    ),
    "relationships:nudge": Page(
        get=POST_ONLY_GET,
        kwargs=REL,
        post=who(
            NOT_FOUND,
            mentee=REDIRECT,
            mentor=REDIRECT,
            manager=ALLOWED,
            admin=ALLOWED,
            anonymous=LOGIN,
        ),
    ),
    "relationships:reflection": Page(
        get=POST_ONLY_GET, kwargs=REL, post=PAIR_POST_OVERSEERS_REDIRECTED
    ),
    "relationships:rematch": Page(
        get=POST_ONLY_GET, kwargs=REL, post=PAIR_POST_OVERSEERS_REDIRECTED
    ),
    "relationships:agreement": Page(get=PAIR_ONLY_PAGE, kwargs=REL, post=PAIR_POST),
    "relationships:agreement_change": Page(get=PAIR_ONLY_PAGE, kwargs=REL, post=PAIR_POST),
    # Asking before pausing, completing or ending: whoever may steer the relationship.
    "relationships:confirm": Page(
        get=who(NOT_FOUND, mentee=OK, mentor=OK, manager=OK, admin=OK, anonymous=LOGIN),
        kwargs={**REL, "action": "lifecycle_action"},
    ),
    # A form of the relationship page opened on request (its own page without JavaScript).
    "relationships:form": Page(get=PAIR_ONLY_PAGE, kwargs={**REL, "name": "form_name"}),
    "relationships:agreement_sign": Page(get=POST_ONLY_GET, kwargs=REL, post=PAIR_POST),
    "relationships:meeting_new": Page(
        get=POST_ONLY_GET, kwargs=REL, post=PAIR_POST_OVERSEERS_REDIRECTED
    ),
    "relationships:action_toggle": Page(
        get=POST_ONLY_GET, kwargs={"pk": "action.pk"}, post=PAIR_POST
    ),
    "relationships:meeting": Page(get=PAIR_ONLY_PAGE, kwargs=MEETING),
    "relationships:agenda_add": Page(get=POST_ONLY_GET, kwargs=MEETING, post=PAIR_POST),
    "relationships:note_add": Page(get=POST_ONLY_GET, kwargs=MEETING, post=PAIR_POST),
    "relationships:meeting_move": Page(get=POST_ONLY_GET, kwargs=MEETING, post=PAIR_POST),
    "relationships:meeting_cancel": Page(get=POST_ONLY_GET, kwargs=MEETING, post=PAIR_POST),
    "relationships:agreement_template": Page(
        get=POST_ONLY_GET, kwargs=REL, post=PAIR_POST, data={"template": "{template.pk}"}
    ),
    "relationships:meeting_confirm": Page(get=POST_ONLY_GET, kwargs=MEETING, post=PAIR_POST),
    # The export holds agreement text, notes and the member's own private notes: the pair only.
    "relationships:export": Page(get=PAIR_ONLY_PAGE, kwargs=REL),
    # Find a time (docs/meetings.md): free slots and proposals are the pair's, like content.
    "relationships:find_time": Page(get=PAIR_ONLY_PAGE, kwargs=REL, post=PAIR_POST),
    "relationships:proposal_confirm": Page(get=POST_ONLY_GET, kwargs=PROPOSAL, post=PAIR_POST),
    "relationships:series_cancel": Page(get=PAIR_ONLY_PAGE, kwargs=SERIES, post=PAIR_POST),
    # --- relationships: program managers' pages (docs/relationships.md)
    "relationships:stalled": Page(get=MANAGERS_PAGE),
    "relationships:program": Page(get=MANAGERS_PAGE),
    "relationships:rematch_queue": Page(get=MANAGERS_PAGE),
    "relationships:rematch_handle": Page(
        get=POST_ONLY_GET, kwargs={"pk": "rematch_request.pk"}, post=MANAGERS_ONLY_POST
    ),
    "relationships:templates": Page(get=MANAGERS_PAGE, post=MANAGERS_POST),
    "relationships:template_edit": Page(
        get=MANAGERS_ONLY_PAGE, kwargs={"pk": "template.pk"}, post=MANAGERS_ONLY_POST
    ),
    "relationships:template_delete": Page(
        get=POST_ONLY_GET, kwargs={"pk": "template.pk"}, post=MANAGERS_ONLY_POST
    ),
    # --- matching workbench (Grow has a draft; managers and org admins only)
    "matching:workbench": Page(get=MANAGERS_PAGE),
    "matching:run": Page(get=POST_ONLY_GET, post=MANAGERS_POST),
    "matching:progress": Page(get=MANAGERS_PAGE, kwargs={"pk": "match_run.pk"}),
    "matching:rule_add": Page(get=POST_ONLY_GET, post=MANAGERS_POST),
    "matching:rule_delete": Page(
        get=POST_ONLY_GET, kwargs={"pk": "match_rule.pk"}, post=MANAGERS_POST
    ),
    "matching:move": Page(get=MANAGERS_PAGE, post=MANAGERS_POST),
    "matching:whatif": Page(get=MANAGERS_PAGE, post=MANAGERS_POST),
    "matching:whatif_result": Page(get=MANAGERS_PAGE, kwargs={"pk": "match_preview.pk"}),
    "matching:whatif_adopt": Page(
        get=POST_ONLY_GET, kwargs={"pk": "match_preview.pk"}, post=MANAGERS_POST
    ),
    # GET: the preview (pairs, people told, both messages); POST: publish or re-preview
    "matching:publish": Page(get=MANAGERS_PAGE, post=MANAGERS_POST),
    "matching:priority": Page(get=POST_ONLY_GET, post=MANAGERS_POST),
    # Maya and Marco's relationship is active: managers see the question, the post is refused
    "matching:withdraw": Page(
        get=MANAGERS_PAGE, kwargs={"pk": "relationship.pk"}, post=MANAGERS_POST
    ),
    "matching:export": Page(get=MANAGERS_PAGE),
    # --- recommendations (Maya chose Chloe in Lead; the request is between the two of them,
    # not Lead's managers — Olga included)
    "recommendations:index": Page(get=signed_in()),
    "recommendations:program": Page(get=who(FORBIDDEN, mentee=OK, anonymous=LOGIN), kwargs=LEAD),
    "recommendations:request": Page(
        get=POST_ONLY_GET, kwargs=LEAD, post=who(FORBIDDEN, mentee=ALLOWED, anonymous=LOGIN)
    ),
    "recommendations:my_requests": Page(get=signed_in()),
    "recommendations:choice": Page(
        get=who(NOT_FOUND, mentee=OK, coach=OK, anonymous=LOGIN),
        kwargs={"pk": "mentor_choice.pk"},
    ),
    # Only the coach answers: Maya is sent back to her request with the refusal as a message.
    "recommendations:accept": Page(
        get=POST_ONLY_GET,
        kwargs={"pk": "mentor_choice.pk"},
        post=who(NOT_FOUND, mentee=REDIRECT, coach=ALLOWED, anonymous=LOGIN),
    ),
    "recommendations:decline": Page(
        get=POST_ONLY_GET,
        kwargs={"pk": "mentor_choice.pk"},
        post=who(NOT_FOUND, mentee=REDIRECT, coach=ALLOWED, anonymous=LOGIN),
        data={"reason": "No time this spring."},
    ),
    "recommendations:message": Page(
        get=POST_ONLY_GET,
        kwargs={"pk": "mentor_choice.pk"},
        post=who(NOT_FOUND, mentee=ALLOWED, coach=ALLOWED, anonymous=LOGIN),
        data={"body": "When are you free?"},
    ),
    "recommendations:withdraw": Page(
        get=POST_ONLY_GET,
        kwargs={"pk": "mentor_choice.pk"},
        post=who(NOT_FOUND, mentee=ALLOWED, coach=REDIRECT, anonymous=LOGIN),
    ),
    "recommendations:move": Page(
        get=POST_ONLY_GET,
        kwargs={"pk": "mentor_choice.pk"},
        post=who(NOT_FOUND, mentee=ALLOWED, anonymous=LOGIN),
        data={"direction": "up"},
    ),
    "recommendations:inbox": Page(get=signed_in()),
    # Either member of an ended relationship; anyone else naming it gets 404.
    "recommendations:do_not_pair": Page(
        get=signed_in(),
        post=who(NOT_FOUND, mentee=ALLOWED, mentor=ALLOWED, anonymous=LOGIN),
        data={"relationship": "{ended_relationship.pk}"},
    ),
    # Maya's wish; Marco, the other side, is not even told it exists.
    "recommendations:do_not_pair_undo": Page(
        get=POST_ONLY_GET, kwargs={"pk": "do_not_pair.pk"}, post=OWNER_POST
    ),
    # --- growth (docs/privacy.md, "Growth"): one's own pages; Marco supports Maya (active
    # relationship); Uma is the peer Maya asked for feedback and the colleague introduced.
    "growth:overview": Page(get=signed_in()),
    "growth:target": Page(get=signed_in()),
    "growth:assess": Page(get=signed_in()),
    "growth:gap": Page(get=signed_in()),
    "growth:plan": Page(get=signed_in()),
    "growth:plan_skills_add": Page(get=POST_ONLY_GET),
    "growth:plan_skill": Page(get=POST_ONLY_GET, kwargs={"pk": "plan_skill.pk"}, post=OWNER_POST),
    "growth:goal": Page(get=OWNER_PAGE, kwargs={"pk": "goal.pk"}, post=OWNER_POST),
    "growth:milestone_add": Page(get=POST_ONLY_GET, kwargs={"pk": "goal.pk"}, post=OWNER_POST),
    "growth:milestone": Page(get=POST_ONLY_GET, kwargs={"pk": "milestone.pk"}, post=OWNER_POST),
    "growth:contact_add": Page(get=POST_ONLY_GET),
    "growth:contact": Page(get=POST_ONLY_GET, kwargs={"pk": "contact.pk"}, post=OWNER_POST),
    # A supporter's view of Maya: Marco; Maya herself is sent to her own pages.
    "growth:person": Page(
        get=who(NOT_FOUND, mentee=REDIRECT, mentor=OK, anonymous=LOGIN),
        kwargs={"user_id": "mentee.pk"},
    ),
    "growth:assess_person": Page(
        get=who(NOT_FOUND, mentee=REDIRECT, mentor=OK, anonymous=LOGIN),
        kwargs={"user_id": "mentee.pk"},
        post=who(NOT_FOUND, mentee=REDIRECT, mentor=ALLOWED, anonymous=LOGIN),
    ),
    # Only her mentor or coach proposes an introduction; Maya is refused with a message.
    "growth:introduce": Page(
        get=POST_ONLY_GET,
        kwargs={"user_id": "mentee.pk"},
        post=who(NOT_FOUND, mentee=REDIRECT, mentor=ALLOWED, anonymous=LOGIN),
        data={"email": "chloe.coach@example.com", "reason": "Chloe coaches new leaders."},
    ),
    "growth:introduction": Page(
        get=who(NOT_FOUND, mentee=OK, mentor=OK, unrelated=OK, anonymous=LOGIN),
        kwargs={"pk": "introduction.pk"},
        post=who(NOT_FOUND, mentee=ALLOWED, mentor=ALLOWED, unrelated=ALLOWED, anonymous=LOGIN),
    ),
    # Maya asks her mentor or coach to introduce her to Uma; nobody else has anyone to ask.
    "growth:introduction_ask": Page(
        get=who(NOT_FOUND, mentee=OK, anonymous=LOGIN),
        kwargs={"user_id": "unrelated.pk"},
        post=who(NOT_FOUND, mentee=ALLOWED, anonymous=LOGIN),
    ),
    "growth:feedback": Page(get=signed_in()),
    "growth:feedback_request_decline": Page(
        get=POST_ONLY_GET,
        kwargs={"pk": "feedback_request.pk"},
        post=who(NOT_FOUND, mentee=ALLOWED, unrelated=ALLOWED, anonymous=LOGIN),
    ),
    # Feedback for Maya: her mentor unasked, Uma answering Maya's request; nobody else.
    "growth:feedback_give": Page(
        get=who(NOT_FOUND, mentor=OK, unrelated=OK, anonymous=LOGIN),
        kwargs={"user_id": "mentee.pk"},
        query="request={feedback_request.pk}",
        post=who(NOT_FOUND, mentor=ALLOWED, unrelated=ALLOWED, anonymous=LOGIN),
    ),
    "growth:situations": Page(get=signed_in()),
    # Shared with Marco: he reads it, only Maya changes it.
    "growth:situation": Page(
        get=who(NOT_FOUND, mentee=OK, mentor=OK, anonymous=LOGIN),
        kwargs={"pk": "situation.pk"},
        post=OWNER_POST,
        data={"title": "Changed", "situation": "Changed"},
    ),
    "growth:suggest": Page(get=signed_in(), query="field=target&target_q=marketing"),
    "growth:pick": Page(get=signed_in(), query="field=target&code={occupation.code}"),
    "growth:role_confirm": Page(get=POST_ONLY_GET),  # one's own roles: nobody else's to refuse
    # --- outcomes: answers are the respondent's; analytics for the program's managers
    "outcomes:index": Page(get=MANAGERS_ONLY_PAGE),
    "outcomes:overview": Page(get=MANAGERS_ONLY_PAGE),
    "outcomes:surveys": Page(get=signed_in()),
    "outcomes:survey": Page(get=OWNER_PAGE, kwargs={"pk": "survey.pk"}, post=OWNER_POST),
    "outcomes:survey_withdraw": Page(
        get=POST_ONLY_GET, kwargs={"pk": "survey.pk"}, post=OWNER_POST
    ),
    # The signed email link opens that one survey for its respondent, without signing in.
    "outcomes:answer_link": Page(
        get=public(), kwargs={"token": "survey_token"}, post={"anonymous": ALLOWED}
    ),
    "outcomes:dashboard": Page(get=MANAGERS_ONLY_PAGE),
    "outcomes:outcomes": Page(get=MANAGERS_ONLY_PAGE),
    "outcomes:schedule": Page(get=MANAGERS_ONLY_PAGE, post=MANAGERS_ONLY_POST),
    "outcomes:export": Page(get=MANAGERS_ONLY_PAGE, query="table=funnel"),
    "outcomes:refresh": Page(get=POST_ONLY_GET, post=MANAGERS_ONLY_POST),
    # --- integrations: webhooks are for organization admins only (docs/api.md, "Webhooks")
    "integrations:endpoints": Page(get=org_admin_page()),
    "integrations:endpoint_create": Page(get=org_admin_page(), post=ADMIN_POST),
    "integrations:endpoint": Page(
        get=org_admin_page(), kwargs={"pk": "webhook.pk"}, post=ADMIN_POST
    ),
    "integrations:endpoint_rotate": Page(
        get=POST_ONLY_GET, kwargs={"pk": "webhook.pk"}, post=ADMIN_POST
    ),
    "integrations:endpoint_ping": Page(
        get=POST_ONLY_GET, kwargs={"pk": "webhook.pk"}, post=ADMIN_POST
    ),
    "integrations:endpoint_delete": Page(
        get=POST_ONLY_GET, kwargs={"pk": "webhook.pk"}, post=ADMIN_POST
    ),
    "integrations:delivery_resend": Page(
        get=POST_ONLY_GET, kwargs={"pk": "webhook_delivery.pk"}, post=ADMIN_POST
    ),
    # --- single sign-on (mozilla-django-oidc; docs/sso.md). Not set up in the tests: starting
    # or finishing a sign-in sends anyone back to the sign-in page with a message.
    "oidc_authentication_init": Page(get=who(LOGIN), post={"anonymous": NOT_ALLOWED}),
    "oidc_authentication_callback": Page(get=who(LOGIN), post={"anonymous": NOT_ALLOWED}),
    "oidc_logout": Page(get=who(NOT_ALLOWED), post={"anonymous": LOGIN}),
    # --- notifications
    "notifications:one_click": Page(
        get=public(), kwargs={"token": "one_click"}, post={"anonymous": ALLOWED}
    ),
    "notifications:preferences": Page(get=signed_in()),
    "notifications:chat_admin": Page(get=org_admin_page(), post=ADMIN_POST),
    "notifications:feed_create": Page(get=POST_ONLY_GET),
    "notifications:feed_revoke": Page(get=POST_ONLY_GET),
    "notifications:feed": Page(get=public(), kwargs={"token": "feed_key"}, post={"anonymous": OK}),
    # --- conversations (h18m): only the two people of a relationship, never its overseers
    "conversations:inbox": Page(get=signed_in()),
    "conversations:badge": Page(get=signed_in()),
    "conversations:thread": Page(get=PAIR_ONLY_PAGE, kwargs=REL),
    "conversations:poll": Page(get=PAIR_ONLY_PAGE, kwargs=REL),
    "conversations:send": Page(get=POST_ONLY_GET, kwargs=REL, post=PAIR_POST, data={"body": "Hi"}),
    # --- calendars: a person's own connections (others' are 404); the video setting (admins)
    "calendars:home": Page(get=signed_in()),
    "calendars:room": Page(get=POST_ONLY_GET),
    "calendars:refresh": Page(get=POST_ONLY_GET, kwargs=CALENDAR, post=OWNER_POST),
    "calendars:disconnect": Page(
        get=who(NOT_FOUND, mentee=OK, anonymous=LOGIN), kwargs=CALENDAR, post=OWNER_POST
    ),
    "calendars:video": Page(get=org_admin_page(), post=ADMIN_POST),
    # --- audit
    "audit:list": Page(get=org_admin_page()),
    # --- the API's own pages (the operations are in OPERATIONS below)
    "api:openapi-json": Page(get=public()),
    "api:openapi-view": Page(get=public()),
    "api:api-root": Page(get=who(NOT_FOUND), post={"anonymous": NOT_FOUND}),
    "^api/v1/(?P<path>.*)$": Page(
        get=who(NOT_FOUND), url="/api/v1/no-such-thing", post={"anonymous": NOT_FOUND}
    ),
    # --- the Django admin: staff only; none of the personas is staff. Checked as the
    # organization admin (not staff), a colleague and anonymous: ~150 routes alike.
    "admin:login": Page(get=public(), post={"anonymous": OK}),
    "admin:logout": Page(get=who(REDIRECT), post={"anonymous": REDIRECT}),
    "admin:*": Page(
        get=who(LOGIN), post={"anonymous": LOGIN}, personas=("admin", "unrelated", "anonymous")
    ),
    # The admin's unnamed "<object_id>/" routes (and its catch-all) need a staff sign-in too.
    "django-admin/*": Page(
        get=who(LOGIN), post={"anonymous": LOGIN}, personas=("admin", "anonymous")
    ),
}

OPERATIONS: dict[str, Op] = {
    # --- accounts
    "GET /accounts/me": Op(api_signed_in()),
    "GET /me/first-steps": Op(api_signed_in()),
    "GET /accounts/tokens": Op(api_signed_in()),
    # h17a: program staff and branding (everyone may read the look; admins change it)
    "GET /accounts/program-staff": Op(API_ADMIN_ONLY_READ),
    "PUT /accounts/people/{user_id}/program-staff": Op(
        API_ADMIN_ONLY_WRITE, body={"program_staff": True}
    ),
    "GET /accounts/branding": Op(api_signed_in()),
    "PATCH /accounts/branding": Op(API_ADMIN_ONLY_WRITE, body={"name": "Access"}),
    "POST /accounts/tokens": Op(API_SELF_WRITE, body={"name": "x"}),
    "DELETE /accounts/tokens/{token_id}": Op(
        who(NOT_FOUND, mentee=ALLOWED, anonymous=UNAUTHORIZED)
    ),
    "GET /accounts/me/data": Op(api_signed_in()),
    "POST /accounts/me/erase": Op(
        who(INVALID, anonymous=UNAUTHORIZED), body={"confirm_email": "someone@example.com"}
    ),
    "POST /accounts/people/{user_id}/data/send": Op(API_ADMIN_ONLY_WRITE),
    "POST /accounts/people/{user_id}/erase": Op(
        who(FORBIDDEN, admin=ALLOWED, anonymous=UNAUTHORIZED)
    ),
    # --- careers
    "GET /careers/search": Op(api_signed_in(), query="q=marketing"),
    "GET /careers/occupations/{code}": Op(api_signed_in()),
    # --- people
    "GET /people/directory": Op(api_signed_in()),
    "GET /people/personality-items": Op(api_signed_in()),
    "GET /people/me/profile": Op(api_signed_in()),
    "PATCH /people/me/profile": Op(API_SELF_WRITE),
    "GET /people/me/availability": Op(api_signed_in()),
    "PUT /people/me/availability": Op(API_SELF_WRITE),
    "PUT /people/me/personality": Op(API_SELF_WRITE),
    "GET /people/{int:user_id}/profile": Op(api_signed_in()),
    "GET /people/organization": Op(API_ADMIN_ONLY_READ),
    "POST /people/import": Op(
        who(FORBIDDEN, admin=ALLOWED, anonymous=UNAUTHORIZED),
        body={"people": [{"email": "access.test@example.com", "full_name": "Access Test"}]},
    ),
    # Refusals are checked before the file is read, so a JSON body stands in for the upload.
    "POST /people/import/uploads": Op(who(FORBIDDEN, admin=ALLOWED, anonymous=UNAUTHORIZED)),
    "POST /people/import/uploads/{token}": Op(
        who(FORBIDDEN, admin=ALLOWED, anonymous=UNAUTHORIZED),
        kwargs={"token": "import_upload.token"}, body={"checked": "x"},
    ),
    "GET /people/import/settings": Op(API_ADMIN_ONLY_READ),
    "PUT /people/import/settings": Op(
        who(FORBIDDEN, admin=ALLOWED, anonymous=UNAUTHORIZED), body={"levels": {"8": "senior"}}
    ),
    # --- programs and enrollments
    "GET /programs": Op(api_signed_in()),
    "POST /programs": Op(
        who(FORBIDDEN, admin=ALLOWED, anonymous=UNAUTHORIZED), body={"name": "Access test"}
    ),
    "GET /programs/{slug}": Op(api_signed_in()),
    "PATCH /programs/{slug}": Op(
        who(FORBIDDEN, manager=ALLOWED, admin=ALLOWED, anonymous=UNAUTHORIZED),
        body={"description": "changed"},
    ),
    "PUT /programs/{slug}/questions": Op(
        who(FORBIDDEN, manager=ALLOWED, admin=ALLOWED, anonymous=UNAUTHORIZED),
        body={"questions": []},
    ),
    "GET /programs/{slug}/enrollments": Op(
        who(FORBIDDEN, manager=OK, admin=OK, anonymous=UNAUTHORIZED)
    ),
    "POST /programs/{slug}/enrollments": Op(
        who(ALLOWED, anonymous=UNAUTHORIZED, unrelated=FORBIDDEN),
        body={"role": "mentee", "email": "uma.unrelated@example.com"},
    ),
    "POST /programs/{slug}/enrollments/import": Op(
        who(FORBIDDEN, manager=ALLOWED, admin=ALLOWED, anonymous=UNAUTHORIZED),
        body={"rows": [{"email": "uma.unrelated@example.com", "role": "mentee"}]},
    ),
    # h17a: templates are reference data; staff operations as the pages above.
    "GET /programs/templates": Op(api_signed_in()),
    "POST /programs/{slug}/duplicate": Op(API_ADMIN_ONLY_WRITE, body={"name": "Access cohort"}),
    "POST /programs/{slug}/archive": Op(API_MANAGERS_WRITE),
    "POST /programs/{slug}/restore": Op(API_MANAGERS_WRITE),
    "POST /programs/{slug}/enrollments/decide": Op(
        API_MANAGERS_WRITE, body={"decision": "approve", "enrollment_ids": [1]}
    ),
    "GET /programs/{slug}/announcements": Op(API_MANAGERS_READ),
    "POST /programs/{slug}/announcements": Op(
        API_MANAGERS_WRITE, body={"subject": "Hello", "body": "Hi all"}
    ),
    "POST /programs/{slug}/announcements/preview": Op(
        API_MANAGERS_WRITE, body={"subject": "Hello", "body": "Hi all"}
    ),
    "GET /enrollments/mine": Op(api_signed_in()),
    "GET /enrollments/{int:enrollment_id}": Op(
        who(NOT_FOUND, mentee=OK, manager=OK, admin=OK, anonymous=UNAUTHORIZED)
    ),
    "POST /enrollments/{int:enrollment_id}/approve": Op(
        who(NOT_FOUND, mentee=FORBIDDEN, manager=ALLOWED, admin=ALLOWED, anonymous=UNAUTHORIZED)
    ),
    "POST /enrollments/{int:enrollment_id}/decline": Op(
        who(NOT_FOUND, mentee=FORBIDDEN, manager=ALLOWED, admin=ALLOWED, anonymous=UNAUTHORIZED),
        body={"note": ""},
    ),
    "POST /enrollments/{int:enrollment_id}/withdraw": Op(
        who(NOT_FOUND, mentee=ALLOWED, manager=ALLOWED, admin=ALLOWED, anonymous=UNAUTHORIZED)
    ),
    # --- relationships
    "GET /relationships": Op(api_signed_in()),
    "POST /relationships": Op(
        who(
            FORBIDDEN,
            mentee=ALLOWED,
            mentor=ALLOWED,
            manager=ALLOWED,
            admin=ALLOWED,
            anonymous=UNAUTHORIZED,
        ),
        body={
            "program": "grow",
            "mentee": "maya.mentee@example.com",
            "mentor": "marco.mentor@example.com",
        },
    ),
    "GET /relationships/{int:pk}": Op(API_RELATIONSHIP_READERS, kwargs=REL),
    "POST /relationships/{pk}/transitions": Op(
        who(
            NOT_FOUND,
            mentee=ALLOWED,
            mentor=ALLOWED,
            manager=ALLOWED,
            admin=ALLOWED,
            anonymous=UNAUTHORIZED,
        ),
        kwargs=REL,
        body={"action": "pause", "reason": "holiday"},
    ),
    "GET /relationships/{pk}/agreement": Op(API_PAIR_ONLY, kwargs=REL),
    "PATCH /relationships/{pk}/agreement": Op(
        API_PAIR_WRITE, kwargs=REL, body={"channel": "video"}
    ),
    "POST /relationships/{pk}/agreement/sign": Op(API_PAIR_WRITE, kwargs=REL),
    "GET /relationships/{pk}/meetings": Op(API_PAIR_ONLY, kwargs=REL),
    "POST /relationships/{pk}/meetings": Op(
        API_PAIR_WRITE, kwargs=REL, body={"starts_at": "2040-01-01T09:00:00+00:00"}
    ),
    "GET /relationships/meetings/{pk}": Op(API_PAIR_ONLY, kwargs=MEETING),
    "PATCH /relationships/meetings/{pk}": Op(
        API_PAIR_WRITE, kwargs=MEETING, body={"starts_at": "2040-01-01T09:00:00+00:00"}
    ),
    "POST /relationships/meetings/{pk}/cancel": Op(
        API_PAIR_WRITE, kwargs=MEETING, body={"reason": ""}
    ),
    "POST /relationships/meetings/{pk}/agenda": Op(
        API_PAIR_WRITE, kwargs=MEETING, body={"text": "x"}
    ),
    "POST /relationships/meetings/{pk}/notes": Op(
        API_PAIR_WRITE, kwargs=MEETING, body={"body": "x"}
    ),
    "GET /relationships/{pk}/actions": Op(API_PAIR_ONLY, kwargs=REL),
    "POST /relationships/{pk}/actions": Op(
        API_PAIR_WRITE,
        kwargs=REL,
        body={"text": "x", "owner": "maya.mentee@example.com"},
    ),
    "PATCH /relationships/actions/{pk}": Op(
        API_PAIR_WRITE, kwargs={"pk": "action.pk"}, body={"done": True}
    ),
    "GET /relationships/{pk}/check-ins": Op(API_PAIR_ONLY, kwargs=REL),
    "POST /relationships/{pk}/check-ins": Op(
        API_PAIR_WRITE, kwargs=REL, body={"progress": "x", "confidence": 3}
    ),
    "POST /relationships/meetings/{pk}/confirm": Op(API_PAIR_WRITE, kwargs=MEETING),
    "GET /relationships/{pk}/agreement/versions": Op(API_PAIR_ONLY, kwargs=REL),
    "POST /relationships/{pk}/agreement/apply-template": Op(
        API_PAIR_WRITE, kwargs=REL, body={"template_id": "{template.pk}"}
    ),
    # Final reflections: both members read both, on the ended relationship; managers do not.
    "GET /relationships/{pk}/reflections": Op(API_PAIR_ONLY, kwargs=ENDED),
    "POST /relationships/{pk}/reflections": Op(
        API_PAIR_WRITE, kwargs=ENDED, body={"what_went_well": "x"}
    ),
    # Only the mentee asks to be rematched: the mentor is refused (403); overseers, who may
    # not write to the relationship, get 404 like outsiders.
    "POST /relationships/{pk}/rematch": Op(
        who(NOT_FOUND, mentee=ALLOWED, mentor=FORBIDDEN, anonymous=UNAUTHORIZED),
        kwargs=ENDED,
        body={"note": ""},
    ),
    "POST /relationships/{pk}/nudge": Op(
        who(
            NOT_FOUND,
            mentee=FORBIDDEN,
            mentor=FORBIDDEN,
            manager=ALLOWED,
            admin=ALLOWED,
            anonymous=UNAUTHORIZED,
        ),
        kwargs=REL,
        body={"note": ""},
    ),
    "GET /relationships/{pk}/export": Op(API_PAIR_ONLY, kwargs=REL),
    # Why we matched: the pair and those who oversee the program, each in their own wording.
    "GET /relationships/{pk}/why-matched": Op(API_RELATIONSHIP_READERS, kwargs=REL),
    # --- relationships: program managers
    "GET /relationships/programs/{slug}/relationships": Op(API_MANAGERS_READ),
    "GET /relationships/stalled": Op(API_MANAGERS_READ),
    "GET /relationships/programs/{slug}/rematch-queue": Op(API_MANAGERS_READ),
    "POST /relationships/rematch-requests/{pk}/handled": Op(
        API_MANAGERS_ONLY_WRITE, kwargs={"pk": "rematch_request.pk"}, body={"resolution": ""}
    ),
    "GET /relationships/programs/{slug}/agreement-templates": Op(API_MANAGERS_READ),
    "POST /relationships/programs/{slug}/agreement-templates": Op(
        API_MANAGERS_WRITE, body={"name": "Access test"}
    ),
    "GET /relationships/agreement-templates/{pk}": Op(
        API_MANAGERS_ONLY_READ, kwargs={"pk": "template.pk"}
    ),
    "PATCH /relationships/agreement-templates/{pk}": Op(
        API_MANAGERS_ONLY_WRITE, kwargs={"pk": "template.pk"}, body={"name": "Changed"}
    ),
    "DELETE /relationships/agreement-templates/{pk}": Op(
        API_MANAGERS_ONLY_WRITE, kwargs={"pk": "template.pk"}
    ),
    # --- matching workbench: managers and org admins; others 403 (the program is visible)
    "POST /matching/{slug}/runs": Op(API_MANAGERS_WRITE),
    "GET /matching/{slug}/runs/{run_id}": Op(API_MANAGERS_READ, kwargs={"run_id": "match_run.pk"}),
    "GET /matching/{slug}/status": Op(API_MANAGERS_READ),
    "GET /matching/{slug}/draft/pairs": Op(API_MANAGERS_READ),
    "GET /matching/{slug}/draft/unmatched": Op(API_MANAGERS_READ),
    "GET /matching/{slug}/draft/move-options/{mentee_id}": Op(API_MANAGERS_READ),
    "POST /matching/{slug}/draft/move": Op(
        API_MANAGERS_WRITE, body={"mentee_id": "{newcomer.pk}", "mentor_id": "{mentor.pk}"}
    ),
    "GET /matching/{slug}/rules": Op(API_MANAGERS_READ),
    "POST /matching/{slug}/rules": Op(
        API_MANAGERS_WRITE,
        body={"kind": "forbid", "mentee_id": "{newcomer.pk}", "mentor_id": "{mentor.pk}"},
    ),
    "DELETE /matching/{slug}/rules/{rule_id}": Op(API_MANAGERS_WRITE),
    "POST /matching/{slug}/what-if": Op(API_MANAGERS_WRITE, body={}),
    "GET /matching/{slug}/what-if/{run_id}": Op(
        API_MANAGERS_READ, kwargs={"run_id": "match_preview.pk"}
    ),
    "POST /matching/{slug}/what-if/{run_id}/adopt": Op(
        API_MANAGERS_WRITE, kwargs={"run_id": "match_preview.pk"}
    ),
    "POST /matching/{slug}/publish": Op(API_MANAGERS_WRITE),
    "POST /matching/{slug}/publish/preview": Op(API_MANAGERS_WRITE, body={}),
    "GET /matching/{slug}/priority": Op(API_MANAGERS_READ),
    "PUT /matching/{slug}/priority": Op(API_MANAGERS_WRITE, body={"priority": "as_many"}),
    "POST /matching/{slug}/matches/{relationship_id}/withdraw": Op(
        API_MANAGERS_WRITE, kwargs={"relationship_id": "relationship.pk"}, body={}
    ),
    "GET /matching/{slug}/export": Op(API_MANAGERS_READ),
    # --- recommendations: a mentee's own scores and requests (Maya chose Chloe in Lead)
    "GET /recommendations/programs/{slug}": Op(
        who(FORBIDDEN, mentee=OK, anonymous=UNAUTHORIZED), kwargs=LEAD
    ),
    "GET /recommendations/requests": Op(api_signed_in()),
    "POST /recommendations/requests": Op(
        who(FORBIDDEN, mentee=ALLOWED, anonymous=UNAUTHORIZED),
        body={"program": "lead", "mentors": [{"id": "{coach.pk}"}]},
    ),
    "POST /recommendations/requests/reorder": Op(
        who(FORBIDDEN, mentee=ALLOWED, anonymous=UNAUTHORIZED),
        body={"program": "lead", "order": []},
    ),
    # Maya's second choice, still waiting its turn: Marco, its mentor, does not see it (the
    # page, recommendations:choice, is checked on the request Chloe was asked).
    "GET /recommendations/requests/{pk}": Op(API_OWNER_READ, kwargs={"pk": "waiting_choice.pk"}),
    "POST /recommendations/requests/{pk}/withdraw": Op(
        who(NOT_FOUND, mentee=ALLOWED, coach=FORBIDDEN, anonymous=UNAUTHORIZED), kwargs=CHOICE
    ),
    "POST /recommendations/requests/{pk}/accept": Op(
        who(NOT_FOUND, mentee=FORBIDDEN, coach=ALLOWED, anonymous=UNAUTHORIZED), kwargs=CHOICE
    ),
    "POST /recommendations/requests/{pk}/decline": Op(
        who(NOT_FOUND, mentee=FORBIDDEN, coach=ALLOWED, anonymous=UNAUTHORIZED),
        kwargs=CHOICE,
        body={"reason": "No time this spring."},
    ),
    "POST /recommendations/requests/{pk}/messages": Op(
        who(NOT_FOUND, mentee=ALLOWED, coach=ALLOWED, anonymous=UNAUTHORIZED),
        kwargs=CHOICE,
        body={"body": "When are you free?"},
    ),
    "GET /recommendations/inbox": Op(api_signed_in()),
    "GET /recommendations/do-not-pair": Op(api_signed_in()),
    "POST /recommendations/do-not-pair": Op(
        who(NOT_FOUND, mentee=ALLOWED, mentor=ALLOWED, anonymous=UNAUTHORIZED),
        body={"relationship": "{ended_relationship.pk}"},
    ),
    "DELETE /recommendations/do-not-pair/{pk}": Op(
        API_OWNER_WRITE, kwargs={"pk": "do_not_pair.pk"}
    ),
    # --- growth (docs/privacy.md, "Growth")
    "GET /growth/me/roles": Op(api_signed_in()),
    "GET /growth/me/roles/suggestions": Op(api_signed_in()),
    "PUT /growth/me/roles": Op(API_SELF_WRITE, body={}),
    "GET /growth/me/gap": Op(api_signed_in()),
    "GET /growth/people/{user_id}/gap": Op(API_PERSON_AND_SUPPORTER, kwargs=MAYA),
    "PUT /growth/me/assessment": Op(API_SELF_WRITE, body={"levels": {}}),
    "PUT /growth/people/{user_id}/assessment": Op(
        who(NOT_FOUND, mentee=ALLOWED, mentor=ALLOWED, anonymous=UNAUTHORIZED),
        kwargs=MAYA,
        body={"levels": {}},
    ),
    "GET /growth/me/plan": Op(api_signed_in()),
    "GET /growth/people/{user_id}/plan": Op(API_PERSON_AND_SUPPORTER, kwargs=MAYA),
    "POST /growth/me/plan/skills": Op(API_SELF_WRITE, body={"element_ids": ["2.A.1.a"]}),
    "PATCH /growth/plan/skills/{skill_id}": Op(API_OWNER_WRITE, body={"note": "x"}),
    "DELETE /growth/plan/skills/{skill_id}": Op(API_OWNER_WRITE),
    "POST /growth/me/plan/goals": Op(
        API_SELF_WRITE, body={"outcome": "x", "measure": "y", "target_on": "2040-01-01"}
    ),
    "PATCH /growth/plan/goals/{goal_id}": Op(
        API_OWNER_WRITE, body={"outcome": "x", "measure": "y", "target_on": "2040-01-01"}
    ),
    "POST /growth/plan/goals/{goal_id}/milestones": Op(API_OWNER_WRITE, body={"text": "x"}),
    "PATCH /growth/plan/milestones/{milestone_id}": Op(API_OWNER_WRITE, body={"done": True}),
    "POST /growth/me/plan/contacts": Op(API_SELF_WRITE, body={"name": "x"}),
    "PATCH /growth/plan/contacts/{contact_id}": Op(API_OWNER_WRITE, body={"status": "met"}),
    "GET /growth/introductions": Op(api_signed_in()),
    # Only a mentor or coach of the mentee proposes; anyone else is refused.
    "POST /growth/introductions": Op(
        who(FORBIDDEN, mentor=ALLOWED, anonymous=UNAUTHORIZED),
        body={
            "mentee": "maya.mentee@example.com",
            "contact": "chloe.coach@example.com",
            "reason": "x",
        },
    ),
    # Maya asks her mentor or coach for an introduction; the API refuses anyone else.
    "POST /growth/introductions/ask": Op(
        who(FORBIDDEN, mentee=ALLOWED, anonymous=UNAUTHORIZED),
        body={
            "introducer": "marco.mentor@example.com",
            "contact": "chloe.coach@example.com",
            "note": "x",
        },
    ),
    # Only the mentor Maya asked makes it; the world's introduction was not asked for (409).
    "POST /growth/introductions/{intro_id}/introduce": Op(
        who(NOT_FOUND, mentee=FORBIDDEN, mentor=CONFLICT, unrelated=FORBIDDEN,
            anonymous=UNAUTHORIZED),
        body={"reason": ""},
    ),
    # Uma and Maya accept or decline; Marco, who proposed it, may only withdraw.
    "POST /growth/introductions/{intro_id}/{action}": Op(
        who(
            NOT_FOUND,
            mentee=ALLOWED,
            mentor=FORBIDDEN,
            unrelated=ALLOWED,
            anonymous=UNAUTHORIZED,
        ),
        kwargs={"action": "intro_action"},
    ),
    "GET /growth/feedback": Op(api_signed_in()),
    # Unasked feedback: her mentor or coach only (a peer answers a request, with its id).
    "POST /growth/feedback": Op(
        who(FORBIDDEN, mentor=ALLOWED, anonymous=UNAUTHORIZED),
        body={
            "recipient": "maya.mentee@example.com",
            "items": [{"kind": "strength", "observation": "x", "example": "y", "skill": "z"}],
        },
    ),
    "GET /growth/feedback/requests": Op(api_signed_in()),
    "POST /growth/feedback/requests": Op(
        API_SELF_WRITE, body={"giver": "marco.mentor@example.com"}
    ),
    "POST /growth/feedback/requests/{request_id}/decline": Op(
        who(NOT_FOUND, mentee=ALLOWED, unrelated=ALLOWED, anonymous=UNAUTHORIZED)
    ),
    "GET /growth/situations": Op(api_signed_in()),
    "POST /growth/situations": Op(API_SELF_WRITE, body={"title": "x", "situation": "y"}),
    # Maya's unshared situation: hers alone (the page, growth:situation, is checked on the one
    # she shared with Marco).
    "GET /growth/situations/{situation_id}": Op(
        API_OWNER_READ, kwargs={"situation_id": "private_situation.pk"}
    ),
    "PATCH /growth/situations/{situation_id}": Op(
        who(NOT_FOUND, mentee=ALLOWED, mentor=FORBIDDEN, anonymous=UNAUTHORIZED),
        body={"title": "Changed"},
    ),
    # --- outcomes: survey answers are the respondent's only; analytics for managers
    "GET /outcomes/surveys": Op(api_signed_in()),
    "GET /outcomes/surveys/{pk}": Op(API_OWNER_READ, kwargs=SURVEY),
    "POST /outcomes/surveys/{pk}/answers": Op(API_OWNER_WRITE, kwargs=SURVEY, body={"answers": {}}),
    "DELETE /outcomes/surveys/{pk}/answers": Op(API_OWNER_WRITE, kwargs=SURVEY),
    "GET /outcomes/answers": Op(api_signed_in()),
    "GET /outcomes/overview": Op(API_MANAGERS_ONLY_READ),
    "GET /outcomes/programs/{slug}/dashboard": Op(API_MANAGERS_ONLY_READ),
    "GET /outcomes/programs/{slug}/outcomes": Op(API_MANAGERS_ONLY_READ),
    "GET /outcomes/programs/{slug}/export.{fmt}": Op(API_MANAGERS_ONLY_READ, query="table=funnel"),
    "GET /outcomes/programs/{slug}/schedule": Op(API_MANAGERS_ONLY_READ),
    "PATCH /outcomes/programs/{slug}/schedule": Op(API_MANAGERS_ONLY_WRITE, body={}),
    # --- integrations: webhooks (organization admins; everyone else 403, anonymous 401)
    "GET /integrations/webhooks/events": Op(API_ADMIN_ONLY_READ),
    "GET /integrations/webhooks": Op(API_ADMIN_ONLY_READ),
    "POST /integrations/webhooks": Op(
        API_ADMIN_ONLY_WRITE,
        body={"name": "x", "url": "https://hooks.example.com/x", "events": ["ping"]},
    ),
    "GET /integrations/webhooks/{endpoint_id}": Op(API_ADMIN_ONLY_READ),
    "PATCH /integrations/webhooks/{endpoint_id}": Op(API_ADMIN_ONLY_WRITE, body={"name": "y"}),
    "DELETE /integrations/webhooks/{endpoint_id}": Op(API_ADMIN_ONLY_WRITE),
    "POST /integrations/webhooks/{endpoint_id}/rotate-secret": Op(
        API_ADMIN_ONLY_WRITE, body={"grace_hours": 24}
    ),
    "POST /integrations/webhooks/{endpoint_id}/ping": Op(API_ADMIN_ONLY_WRITE),
    "GET /integrations/webhooks/{endpoint_id}/deliveries": Op(API_ADMIN_ONLY_READ),
    "POST /integrations/deliveries/{delivery_id}/resend": Op(API_ADMIN_ONLY_WRITE),
    # --- notifications
    "GET /notifications/preferences": Op(api_signed_in()),
    "PATCH /notifications/preferences": Op(API_SELF_WRITE),
    "POST /notifications/calendar-feed": Op(API_SELF_WRITE),
    "DELETE /notifications/calendar-feed": Op(API_SELF_WRITE),
    # --- conversations (h18m)
    "GET /conversations": Op(api_signed_in()),
    "GET /conversations/unread": Op(api_signed_in()),
    "GET /conversations/relationships/{relationship_id}/messages": Op(
        API_PAIR_ONLY, kwargs={"relationship_id": "relationship.pk"}
    ),
    "POST /conversations/relationships/{relationship_id}/messages": Op(
        API_PAIR_WRITE, kwargs={"relationship_id": "relationship.pk"}, body={"body": "Hi"}
    ),
    # --- calendars (docs/meetings.md): one's own connections; address and password never sent
    "GET /calendars": Op(api_signed_in()),
    "POST /calendars": Op(
        API_SELF_WRITE, body={"kind": "ical", "url": "https://calendar.example.com/x.ics"}
    ),
    "POST /calendars/{pk}/refresh": Op(API_OWNER_WRITE, kwargs=CALENDAR),
    "DELETE /calendars/{pk}": Op(API_OWNER_WRITE, kwargs=CALENDAR),
    "GET /calendars/meeting-room": Op(api_signed_in()),
    "PUT /calendars/meeting-room": Op(API_SELF_WRITE, body={"url": ""}),
    "GET /calendars/video-setting": Op(API_ADMIN_ONLY_READ),
    "PUT /calendars/video-setting": Op(API_ADMIN_ONLY_WRITE, body={"mode": "none"}),
    # --- finding a time: the pair only (overseers 404, like the pair's content)
    "GET /relationships/{pk}/find-a-time": Op(API_PAIR_ONLY, kwargs=REL),
    "GET /relationships/{pk}/proposals": Op(API_PAIR_ONLY, kwargs=REL),
    "POST /relationships/{pk}/proposals": Op(
        API_PAIR_WRITE, kwargs=REL, body={"starts": ["2030-01-07T10:00:00+00:00"]}
    ),
    "POST /relationships/proposals/{pk}/confirm": Op(
        API_PAIR_WRITE, kwargs=PROPOSAL, body={"slot_id": 1}
    ),
    "POST /relationships/series/{pk}/cancel": Op(API_PAIR_WRITE, kwargs=SERIES),
    # --- audit
    "GET /audit/entries": Op(API_ADMIN_ONLY_READ),
}
