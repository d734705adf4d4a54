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
    personas: tuple[str, ...] = PERSONAS  # fewer only for large uniform groups (Django admin)


@dataclass(frozen=True)
class Op:
    """An API operation: GETs are sent as everyone; writes only as the refused personas."""

    expect: dict[str, str]
    kwargs: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None  # a valid JSON body, so refusals are not 422s
    query: str = ""  # e.g. "q=marketing", for operations that need a query parameter


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


# URL arguments that mean the same object wherever they appear (world object paths). `pk`
# means different things on different routes, so every entry using it names its object.
DEFAULT_ARGUMENTS: dict[str, str] = {
    "slug": "program.slug",
    "user_id": "mentor.pk",
    "token_id": "mentee_token.pk",
    "code": "occupation.code",
    "enrollment_id": "mentee_enrollment.pk",
    "uidb64": "reset_uid",
    # The Django admin's own arguments (every admin page redirects non-staff to its sign-in).
    "object_id": "mentee.pk",
    "id": "mentee.pk",
    "content_type_id": "mentee.pk",
    "app_label": "admin_app_label",
    "url": "program.slug",
}

REL = {"pk": "relationship.pk"}
MEETING = {"pk": "meeting.pk"}

PAGES: dict[str, Page] = {
    "home": Page(get=signed_in()),
    "healthz": Page(get=public(), post={"anonymous": OK}),
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
    "accounts:my_data_erase": Page(get=POST_ONLY_GET),
    "accounts:erased": Page(get=public()),
    # --- people
    "people:directory": Page(get=signed_in()),
    "people:profile_edit": Page(get=signed_in()),
    "people:availability": Page(get=signed_in()),
    "people:personality": Page(get=signed_in()),
    "people:detail": Page(get=signed_in()),  # Marco's profile is visible organization-wide
    "people:admin_people": Page(get=org_admin_page()),
    "people:import": Page(
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
    # --- notifications
    "notifications:one_click": Page(
        get=public(), kwargs={"token": "one_click"}, post={"anonymous": ALLOWED}
    ),
    "notifications:preferences": Page(get=signed_in()),
    "notifications:feed_create": Page(get=POST_ONLY_GET),
    "notifications:feed_revoke": Page(get=POST_ONLY_GET),
    "notifications:feed": Page(get=public(), kwargs={"token": "feed_key"}, post={"anonymous": OK}),
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
    "GET /accounts/tokens": Op(api_signed_in()),
    "POST /accounts/tokens": Op(API_SELF_WRITE, body={"name": "x"}),
    "DELETE /accounts/tokens/{token_id}": Op(
        who(NOT_FOUND, mentee=ALLOWED, anonymous=UNAUTHORIZED)
    ),
    "GET /accounts/me/data": Op(api_signed_in()),
    "POST /accounts/me/erase": Op(
        who(INVALID, anonymous=UNAUTHORIZED), body={"confirm_email": "someone@example.com"}
    ),
    "GET /accounts/people/{user_id}/data": Op(API_ADMIN_ONLY_READ),
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
    # --- notifications
    "GET /notifications/preferences": Op(api_signed_in()),
    "PATCH /notifications/preferences": Op(API_SELF_WRITE),
    "POST /notifications/calendar-feed": Op(API_SELF_WRITE),
    "DELETE /notifications/calendar-feed": Op(API_SELF_WRITE),
    # --- audit
    "GET /audit/entries": Op(API_ADMIN_ONLY_READ),
}
