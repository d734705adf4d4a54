"""Accessibility helpers for the browser suite: axe-core, the demo world, the page crawl.

- `axe_violations(page)` injects axe-core (bundled by the pinned `axe-playwright-python`
  wheel) and runs the WCAG 2.0/2.1/2.2 A and AA rules; `report()` turns findings into text
  a person can act on (rule, impact, page, role, the offending nodes).
- `build_world()` builds the demo organization (`mentora demo`'s builder) and gives the five
  demo sign-ins something on every page: a mentoring pair with an agreement, a meeting with
  notes, actions and a check-in; a coaching engagement; a feedback request; survey
  invitations; a matching draft; the small O*NET release for the career pages.
- `crawl()` walks the site as one person with Django's test client, following every link
  (and htmx GET), so a page added anywhere in the UI is found without editing this module;
  `unreached_routes()` compares what the crawl met with `django.urls.get_resolver()`.

docs/accessibility.md explains how these fit together.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.base import AXE_SCRIPT
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

AXE_VERSION = re.search(r"axe v([\d.]+)", AXE_SCRIPT[:200]).group(1)  # type: ignore[union-attr]
# The engine the conformance statement names (docs/accessibility.md): a different file fails
# the accessibility test until that page and this line are updated together.
AXE_SHA256 = "84494fec757e4710dc751c8d7a636e457f4532f08f85c86dc9070133fbff53bc"
# Every WCAG 2.x level A and AA rule axe-core has (2.2 adds target size, among others).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# axe-core files these under "best-practice", not under a WCAG success criterion; they check
# what WCAG 1.3.1 and 2.4.1/2.4.6 ask of structure (one h1, headings in order, everything in
# a landmark, landmarks unique), so they run too.
STRUCTURE_RULES = [
    "heading-order", "page-has-heading-one", "empty-heading", "landmark-one-main", "region",
    "landmark-unique", "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo",
    "landmark-banner-is-top-level", "landmark-main-is-top-level", "skip-link",
    "empty-table-header",
]
ROLES = ("mentee", "mentor", "coach", "manager", "admin", "anonymous")

# Not pages of Mentora's own UI: the JSON API (and its generated explorer) and Django's admin.
SKIPPED_PREFIXES = ("/api/", "/django-admin/", "/static/", "/media/")


# --- axe ------------------------------------------------------------------------------------


@dataclass
class Finding:
    """One axe violation on one page, as seen by one role."""

    role: str
    url: str
    rule: str
    impact: str
    help: str
    help_url: str
    nodes: list[tuple[str, str, str]]  # (CSS target, HTML snippet, what is wrong)


def axe_violations(page: Any, *, role: str = "") -> list[Finding]:
    """Run axe-core's WCAG 2.x A/AA rules, the structure rules and ours on the page as it is."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        """async ([tags, extra]) => {
            const ids = axe.getRules(tags).map(r => r.ruleId).concat(extra);
            const r = await axe.run(document, {
                runOnly: {type: 'rule', values: ids}, resultTypes: ['violations']});
            return r.violations;
        }""",
        [WCAG_TAGS, STRUCTURE_RULES],
    )
    result += page.evaluate(HOUSE_RULES)
    url = urlsplit(page.url)
    where = url.path + (f"?{url.query}" if url.query else "")
    findings = []
    for v in result:
        nodes = []
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            snippet = re.sub(r"\s+", " ", node.get("html", ""))[:200]
            nodes.append((target, snippet, node.get("failureSummary", "").replace("\n", " ")))
        findings.append(
            Finding(role, where, v["id"], v.get("impact") or "", v["help"], v["helpUrl"], nodes)
        )
    return findings


# Checks axe-core leaves to people, written as axe-shaped violations so they report alike:
# data tables are named and have header cells; SVG drawings are images with a name, and a
# chart has its numbers in a table next to it; a form showing invalid fields announces it.
HOUSE_RULES = """() => {
  const out = [];
  const hidden = (el) => !!el.closest('[aria-hidden="true"], [hidden]');
  const add = (id, help, els) => { if (els.length) out.push({
    id, impact: 'serious', help, helpUrl: 'docs/accessibility.md#house-rules',
    nodes: els.map(el => ({target: [el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && el.className.baseVal === undefined && el.className ?
       '.' + String(el.className).trim().split(/\\s+/).join('.') : '')],
      html: el.outerHTML.slice(0, 200), failureSummary: help}))}); };
  const tables = [...document.querySelectorAll('table')].filter(t =>
    !hidden(t) && !['presentation', 'none'].includes(t.getAttribute('role')));
  add('mentora-table-name', 'Data tables have a caption or an aria-label(ledby)',
      tables.filter(t => !t.caption && !t.getAttribute('aria-label') &&
                         !t.getAttribute('aria-labelledby')));
  add('mentora-table-headers', 'Data tables have header cells (th)',
      tables.filter(t => !t.querySelector('th')));
  const svgs = [...document.querySelectorAll('svg')].filter(s =>
    !hidden(s) && !s.parentElement.closest('svg'));
  add('mentora-svg-name', 'An SVG is role="img" with a name, or aria-hidden',
      svgs.filter(s => s.getAttribute('role') !== 'img' || !(s.getAttribute('aria-label') ||
        s.getAttribute('aria-labelledby') || s.querySelector(':scope > title'))));
  add('mentora-chart-table', 'A chart has its numbers in a table beside it',
      svgs.filter(s => s.getAttribute('role') === 'img' && s.querySelectorAll('*').length > 8 &&
        !(s.closest('section, article, .card') || document.body).querySelector('table')));
  const invalid = [...document.querySelectorAll('[aria-invalid="true"]')].filter(e => !hidden(e));
  if (invalid.length && !document.querySelector('[role="alert"], [aria-live="assertive"]'))
    add('mentora-errors-announced', 'Invalid fields come with an error summary role="alert"',
        invalid);
  return out;
}"""


# At a phone's width (360 CSS px) nothing scrolls sideways and controls are big enough to tap:
# the document is no wider than the viewport (the widest elements are named when it is), and
# buttons, fields and selects are at least 44 px tall (WCAG 2.5.5's size, issue 16).
PHONE_WIDTH = 360
PHONE_RULES = """(minTarget) => {
  const out = [];
  const vw = document.documentElement.clientWidth;
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ?
     '.' + el.className.trim().split(/\\s+/).join('.') : '');
  if (document.documentElement.scrollWidth > vw) {
    const wide = [...document.querySelectorAll('body *')].filter(el => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > vw + 1 && !el.closest('[hidden], .visually-hidden') &&
        getComputedStyle(el).position !== 'fixed';
    });
    // The outermost offenders: an element whose parent also overflows is not named again.
    const outer = wide.filter(el => !wide.includes(el.parentElement)).slice(0, 8);
    out.push({id: 'mentora-no-sideways-scroll', impact: 'serious',
      help: `The page is ${document.documentElement.scrollWidth}px wide on a ${vw}px screen`,
      helpUrl: 'docs/accessibility.md#small-screens',
      nodes: outer.map(el => ({target: [describe(el)], html: el.outerHTML.slice(0, 200),
        failureSummary: `reaches ${Math.round(el.getBoundingClientRect().right)}px`}))});
  }
  const small = [...document.querySelectorAll(
      'main button, main select, header button, ' +
      'main input:not([type=checkbox]):not([type=radio]):not([type=hidden])')]
    .filter(el => { const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.height < minTarget - 0.5; });
  if (small.length) out.push({id: 'mentora-touch-target', impact: 'serious',
    help: `Buttons and fields are at least ${minTarget}px tall on a phone`,
    helpUrl: 'docs/accessibility.md#small-screens',
    nodes: small.slice(0, 8).map(el => ({target: [describe(el)], html: el.outerHTML.slice(0, 200),
      failureSummary: `${Math.round(el.getBoundingClientRect().height)}px tall`}))});
  return out;
}"""


def phone_violations(page: Any, *, role: str = "", min_target: int = 44) -> list[Finding]:
    """Sideways scrolling and small touch targets on the page as it is now (set the viewport
    to PHONE_WIDTH first)."""
    url = urlsplit(page.url)
    where = url.path + (f"?{url.query}" if url.query else "")
    findings = []
    for v in page.evaluate(PHONE_RULES, min_target):
        nodes = [(" ".join(n["target"]), re.sub(r"\s+", " ", n["html"])[:200], n["failureSummary"])
                 for n in v["nodes"]]
        findings.append(Finding(role, where, v["id"], v["impact"], v["help"], v["helpUrl"], nodes))
    return findings


def report(findings: list[Finding], *, limit_nodes: int = 5) -> str:
    """A readable list of violations, grouped by rule."""
    lines = [f"{len(findings)} axe-core {AXE_VERSION} violation(s) (WCAG 2.2 A/AA):"]
    for rule in sorted({f.rule for f in findings}):
        group = [f for f in findings if f.rule == rule]
        lines.append(f"\n== {rule} ({group[0].impact}): {group[0].help}\n   {group[0].help_url}")
        for f in group:
            lines.append(f"  - {f.url} as {f.role}: {len(f.nodes)} node(s)")
            for target, snippet, summary in f.nodes[:limit_nodes]:
                lines.append(f"      {target}\n        {snippet}\n        {summary}")
    return "\n".join(lines)


def focus_indicator(page: Any) -> dict[str, Any]:
    """What shows focus on the focused element: its outline (or box-shadow) as computed."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return {tag: null};
            const s = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                what: ['id', 'type', 'name'].filter(a => el.getAttribute(a))
                    .map(a => `${a}=${el.getAttribute(a)}`).join(' '),
                text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim()
                    .slice(0, 60),
                outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
                outlineColor: s.outlineColor, boxShadow: s.boxShadow,
                focusVisible: el.matches(':focus-visible'),
            };
        }"""
    )


def has_visible_focus(info: dict[str, Any]) -> bool:
    """The focused element draws an outline at least 2px wide, or a box-shadow ring."""
    if not info.get("tag"):
        return False
    outline = info["outlineStyle"] not in ("none", "") and info["outlineWidth"] >= 2
    shadow = info["boxShadow"] not in ("none", "")
    return bool(outline or shadow)


class Keyboard:
    """Drive a page with the keyboard only, checking that every focus stop is visible.

    `tab_to` presses Tab (or Shift+Tab when the target comes earlier in the page) until the
    target has focus, recording each stop on the way that shows no focus indicator or is
    scrolled out of view; `assert_focus_always_visible()` fails on any such stop.
    """

    def __init__(self, page: Any) -> None:
        self.page = page
        self.stops = 0
        self.invisible: list[str] = []

    def tab_to(self, locator: Any, *, max_tabs: int = 120) -> None:
        locator.wait_for(state="visible")
        target = locator.element_handle()
        backwards = self.page.evaluate(
            """(t) => { const a = document.activeElement;
                 return !!(a && a !== document.body && a !== t &&
                   (t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)); }""",
            target,
        )
        for _ in range(max_tabs):
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
            self.stops += 1
            state = self.page.evaluate(
                """(t) => { const el = document.activeElement;
                     const r = el.getBoundingClientRect();
                     return {reached: el === t || t.contains(el),
                             inView: r.bottom > 0 && r.top < innerHeight}; }""",
                target,
            )
            info = focus_indicator(self.page)
            if info.get("tag") and not (has_visible_focus(info) and state["inView"]):
                self.invisible.append(
                    f"{self.page.url}: <{info['tag']} {info['what']}> {info.get('text')!r} "
                    f"(outline {info['outlineStyle']} {info['outlineWidth']}px, box-shadow "
                    f"{info['boxShadow']}, :focus-visible {info['focusVisible']}, "
                    f"in view {state['inView']})"
                )
            if state["reached"]:
                return
        raise AssertionError(f"{max_tabs} presses of Tab never reached {locator}")

    def press(self, locator: Any, key: str = "Enter") -> None:
        """Tab to a control and press a key on it (Enter for links and buttons)."""
        self.tab_to(locator)
        self.page.keyboard.press(key)

    def type(self, locator: Any, text: str) -> None:
        """Tab to a text field, clear it and type."""
        self.tab_to(locator)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        if text:
            self.page.keyboard.type(text)

    def choose(self, locator: Any, label: str, *, max_steps: int = 60) -> None:
        """Tab to a <select> and move with the arrow keys until `label` is selected."""
        self.tab_to(locator)
        for key in ("Home", *["ArrowDown"] * max_steps):
            self.page.keyboard.press(key)
            chosen = locator.evaluate("(s) => s.options[s.selectedIndex]?.text.trim()")
            if chosen == label:
                return
        raise AssertionError(f"no option {label!r} in {locator}")

    def assert_focus_always_visible(self) -> None:
        assert self.stops > 0
        assert not self.invisible, "Focus was not visible at:\n  " + "\n  ".join(
            self.invisible
        )


# --- the demo world ---------------------------------------------------------------------------


@dataclass
class World:
    """The demo organization, the sign-in of each role, and pages only an email links to."""

    users: dict[str, Any]  # role -> User (anonymous -> None)
    # role -> URLs no page links to (email links, error pages), visited besides the crawl
    extra_urls: dict[str, list[str]] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)


def build_world(tmp_path: Path) -> World:
    """The demo organization plus, for the demo sign-ins, one object of every kind."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from mentora.accounts.models import User
    from mentora.accounts.services import api_token_create
    from mentora.calendars.models import CalendarConnection
    from mentora.careers.services import careerdata_load
    from mentora.careers.tests.conftest import MINI_ONET, write_bls_workbook
    from mentora.demo import data
    from mentora.demo.builder import demo_build
    from mentora.growth.services import feedback_request_create
    from mentora.lib import clock
    from mentora.lib.signing import link_token
    from mentora.matching.models import MatchRun
    from mentora.notifications.services import calendar_feed_create
    from mentora.outcomes.models import SurveyInvitation
    from mentora.outcomes.planning import survey_link, surveys_plan
    from mentora.programs.models import Enrollment, Program
    from mentora.relationships.models import Relationship
    from mentora.relationships.services.actions import action_item_add, check_in_create
    from mentora.relationships.services.agreements import agreement_sign, agreement_update
    from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
    from mentora.relationships.services.meetings import (
        agenda_item_add,
        meeting_schedule,
        meeting_schedule_recurring,
        private_note_add,
        shared_note_add,
    )

    careerdata_load(locations=[str(MINI_ONET), str(write_bls_workbook(tmp_path / "bls.xlsx"))])
    demo_build()
    by_local = {local: role for role, _, local in data.LOGINS}
    role_names = {
        "program manager": "manager",
        "mentor": "mentor",
        "mentee": "mentee",
        "coach": "coach",
        "organization admin": "admin",
    }
    users: dict[str, Any] = {"anonymous": None}
    for local, role in by_local.items():
        users[role_names[role]] = User.objects.get(email=f"{local}@{data.DEMO_DOMAIN}")
    mentee, mentor, coach = users["mentee"], users["mentor"], users["coach"]
    grow, lead = Program.objects.get(slug="grow"), Program.objects.get(slug="lead")

    now = clock.now()
    pair = relationship_request(
        program=grow, mentee=mentee, mentor=mentor, by=mentee,
        message="I would like to become an engineering manager.",
    )
    relationship_accept(relationship=pair, by=mentor)
    agreement_update(
        agreement=pair.agreement, by=mentee, data={"goals": ["Lead my first project team"]}
    )
    agreement_sign(agreement=pair.agreement, by=mentee)
    agreement_sign(agreement=pair.agreement, by=mentor)
    pair.refresh_from_db()
    meeting = meeting_schedule(
        relationship=pair, by=mentee, starts_at=(now + timedelta(days=3)).replace(microsecond=0)
    )
    agenda_item_add(meeting=meeting, by=mentee, text="How to run a first one-to-one")
    shared_note_add(meeting=meeting, by=mentor, body="Start with their goals, not yours.")
    private_note_add(meeting=meeting, by=mentee, body="Ask about delegation next time.")
    action_item_add(
        relationship=pair, by=mentee, text="Write my first team charter", owner=mentee
    )
    check_in_create(relationship=pair, by=mentee, progress="Good first month", confidence=4)
    # A series (its meetings offer "Cancel the whole series") and a connected calendar (its
    # page offers "Disconnect"), stored as a refresh leaves it: no fetch in the crawl.
    first = (now + timedelta(days=10)).replace(hour=10, minute=0, second=0, microsecond=0)
    meeting_schedule_recurring(
        relationship=pair, by=mentee, local_start=first.replace(tzinfo=None), count=2
    )
    CalendarConnection.objects.create(
        user=mentee, kind=CalendarConnection.Kind.ICAL,
        url="https://calendar.example.com/maya/secret.ics", refreshed_at=now,
    )

    # Chloe coaches one of the approved Lead coachees nobody coaches yet.
    busy = Relationship.objects.filter(program=lead).values_list("mentee_id", flat=True)
    coachee = (
        Enrollment.objects.filter(
            program=lead, role=Enrollment.Role.MENTEE, status=Enrollment.Status.APPROVED
        )
        .exclude(user_id__in=busy)
        .order_by("user__email")
        .first()
    )
    if coachee is not None:
        engagement = relationship_request(program=lead, mentee=coachee.user, mentor=coach, by=coach)
        relationship_accept(relationship=engagement, by=coach)
    feedback_request_create(requester=mentee, giver=mentor, message="How did my demo go?")
    surveys_plan(now=now)
    _growth(mentee=mentee, mentor=mentor, now=now)
    _choices(mentee=mentee, mentors=[mentor], manager=users["manager"])
    _program_staff(grow=grow, lead=lead, manager=users["manager"], mentee=mentee, mentor=mentor)
    api_token_create(user=mentee, name="a11y")
    _photo(mentor)
    _integrations(admin=users["admin"])
    _, feed_key = calendar_feed_create(user=mentee)

    extra: dict[str, list[str]] = {role: [] for role in ROLES}
    invitation = SurveyInvitation.objects.filter(respondent=mentee).first()
    assert invitation is not None, "surveys_plan invites the new pair to the baseline survey"
    extra["anonymous"].append(urlsplit(survey_link(invitation)).path)
    extra["mentee"].append(
        reverse(
            "notifications:one_click",
            args=[link_token(action="confirm_meeting", object_id=meeting.pk, user_id=mentee.pk)],
        )
    )
    from mentora.accounts.gdpr import EXPORT_LINK_ACTION

    # The signed link an admin emails a person for their data (only an email links to it).
    extra["mentee"].append(
        reverse(
            "accounts:my_data_link",
            args=[link_token(action=EXPORT_LINK_ACTION, object_id=mentee.pk, user_id=mentee.pk)],
        )
    )
    uid = urlsafe_base64_encode(force_bytes(mentee.pk))
    extra["anonymous"].append(
        reverse(
            "accounts:password_reset_confirm",
            args=[uid, default_token_generator.make_token(mentee)],
        )
    )
    preview = MatchRun.objects.filter(purpose=MatchRun.Purpose.PREVIEW).latest("pk")
    for role in ("manager", "admin"):  # the what-if form redirects to its result
        extra[role].append(
            reverse("matching:whatif_result", args=[preview.program.slug, preview.pk])
        )
    extra["anonymous"].append(reverse("notifications:feed", args=[feed_key]))  # shown once
    for role in ROLES:  # the "not found" page, signed in and not
        extra[role].append("/no-such-page/")
    return World(users=users, extra_urls=extra, objects={"pair": pair, "meeting": meeting})


def _growth(*, mentee: Any, mentor: Any, now: Any) -> None:
    """A target role, a plan with a skill, a goal and a step, a contact, an introduction."""
    from mentora.growth import services as g
    from mentora.growth.selectors import skill_set

    g.target_role_set(user=mentee, by=mentee, code="11-2021.00")
    skills = skill_set("11-2021.00")
    assert skills is not None, "the mini O*NET release rates Marketing Managers' skills"
    first = skills.skills[0].element_id
    g.assessment_save(subject=mentee, by=mentee, levels={first: 3})
    g.plan_skills_add(owner=mentee, by=mentee, element_ids=[first])
    goal = g.goal_create(
        owner=mentee,
        by=mentee,
        fields=g.GoalFields(
            outcome="Run the quarterly planning for my team",
            measure="The plan is agreed by the team and my manager",
            target_on=(now + timedelta(days=120)).date(),
        ),
    )
    g.milestone_add(goal=goal, by=mentee, text="Shadow this quarter's planning")
    g.contact_add(owner=mentee, by=mentee, name="A product director", why="Sees the roadmap")
    g.introduction_propose(
        introducer=mentor, mentee=mentee, contact=_someone_else(mentee, mentor),
        reason="She ran planning for three teams.",
    )
    g.situation_create(
        owner=mentee, by=mentee,
        data={"title": "A missed deadline", "situation": "The release slipped a week."},
    )


def _photo(person: Any) -> None:
    """A profile photo, so pages show one next to the initials of everyone else."""
    import io

    from PIL import Image, ImageDraw

    from mentora.people.services import profile_photo_set

    image = Image.new("RGB", (400, 400), (31, 79, 184))
    ImageDraw.Draw(image).ellipse((120, 60, 280, 220), fill=(240, 200, 170))
    ImageDraw.Draw(image).ellipse((60, 230, 340, 520), fill=(240, 200, 170))
    out = io.BytesIO()
    image.save(out, format="PNG")
    profile_photo_set(profile=person.profile, by=person, data=out.getvalue())


def _someone_else(*people: Any) -> Any:
    from mentora.accounts.models import User

    return User.objects.exclude(pk__in=[p.pk for p in people]).order_by("email").first()


def _choices(*, mentee: Any, mentors: list[Any], manager: Any) -> None:
    """A small mentee-choice program: the mentee has asked two mentors in order."""
    from mentora.programs.models import Enrollment, Program
    from mentora.recommendations.services import mentor_requests_add

    program = Program.objects.create(
        name="Stretch: choose your mentor",
        slug="stretch",
        kind=Program.Kind.MENTORING,
        status=Program.Status.OPEN,
        matching_mode=Program.MatchingMode.MENTEE_CHOICE,
        description="Mentees choose their mentor.",
        mentor_capacity=3,
    )
    program.managers.set([manager])
    approved = Enrollment.Status.APPROVED
    Enrollment.objects.create(
        program=program, user=mentee, role=Enrollment.Role.MENTEE, status=approved
    )
    for mentor in mentors:
        Enrollment.objects.create(
            program=program, user=mentor, role=Enrollment.Role.MENTOR, status=approved
        )
    mentor_requests_add(
        program=program,
        mentee=mentee,
        by=mentee,
        choices=[(m, "Your path is the one I want to take.") for m in mentors],
    )


def _program_staff(*, grow: Any, lead: Any, manager: Any, mentee: Any, mentor: Any) -> None:
    """What program managers work with: a template, a rule, a draft, a what-if, a queued run."""
    from mentora.matching.models import MatchRun
    from mentora.matching.services import matchrule_set, matchrun_execute, matchrun_start
    from mentora.relationships.services.templates import agreement_template_create

    agreement_template_create(
        program=grow, by=manager, data={"name": "Standard"}
    )
    matchrule_set(program=lead, mentee=_lead_mentee(lead), mentor=_lead_mentor(lead),
                  kind="forbid", by=manager, note="Same team")
    matchrun_execute(run=matchrun_start(program=grow, by=manager))
    matchrun_execute(
        run=matchrun_start(program=grow, by=manager, purpose=MatchRun.Purpose.PREVIEW)
    )
    matchrun_start(program=lead, by=manager)  # left queued: the workbench polls its progress


def _integrations(*, admin: Any) -> None:
    """A webhook endpoint with one delivery (a ping), for the organization admin's pages."""
    from mentora.integrations.services import webhook_endpoint_create, webhook_endpoint_ping

    endpoint, _ = webhook_endpoint_create(
        by=admin, name="HR system", url="https://hr.example.com/hooks/mentora",
        events=["relationship.requested"],
    )
    webhook_endpoint_ping(endpoint=endpoint, by=admin)


def _lead_mentee(lead: Any) -> Any:
    from mentora.programs.models import Enrollment

    return lead.enrollments.filter(
        role=Enrollment.Role.MENTEE, status=Enrollment.Status.APPROVED
    ).order_by("pk").first().user


def _lead_mentor(lead: Any) -> Any:
    from mentora.programs.models import Enrollment

    return lead.enrollments.filter(role=Enrollment.Role.MENTOR).order_by("pk").first().user


# --- the crawl --------------------------------------------------------------------------------


class _Links(HTMLParser):
    """Collects links, form targets and htmx requests from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.gets: list[str] = []  # followed: a[href], GET forms, hx-get
        self.posts: list[str] = []  # noted, never sent: POST forms, hx-post/put/delete

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.gets.append(a["href"])
        if tag == "img" and a.get("src"):  # served images (profile photos) are routes too
            self.gets.append(a["src"])
        if tag == "form":
            target = a.get("action", "")
            (self.posts if a.get("method", "get").lower() == "post" else self.gets).append(target)
        if a.get("hx-get"):
            self.gets.append(a["hx-get"])
        for verb in ("hx-post", "hx-put", "hx-patch", "hx-delete"):
            if a.get(verb):
                self.posts.append(a[verb])


# --- wording (docs/writing.md) ----------------------------------------------------------------

# Text a person reads that betrays code underneath: each pattern with what it means.
_PLURAL_NOUNS = (
    "people|persons|mentees|mentors|coaches|coachees|peers|relationships|meetings|requests|"
    "programs|days|weeks|months|hours|minutes|actions|surveys|answers|goals|skills|pairs|"
    "members|invitations|times|matches|notes|items|problems|rows|slots|places|seats|years"
)
_SINGULAR_NOUNS = (
    "person|mentee|mentor|coach|coachee|meeting|request|program|day|week|month|hour|action|"
    "survey|goal|skill|pair|member|time"
)
_ITEM = r"""(?:\d+|'[^']*'|"[^"]*")"""  # an element of a Python list: a number or a string
LEAK_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("a snake_case word", re.compile(r"(?<![\w@./:-])[a-z]+(?:_[a-z0-9]+)+(?![\w@.]|/)")),
    ("a Python list", re.compile(rf"\[\s*{_ITEM}(?:\s*,\s*{_ITEM})*\s*\]")),
    # True/False standing for a value (alone, or after "label:", "=" or "("), and None after
    # one of those; "None" alone is English (O*NET's "On-the-job training: None").
    ("a Python value", re.compile(
        r"(?:^|[:=(]\s*)(?:True|False)(?:$|[,;)\]])|[:=(]\s*None(?:$|[,;)\]])")),
    ("a plural after 1", re.compile(rf"(?<![\d.,])\b1 (?:{_PLURAL_NOUNS})\b")),
    ("a singular after 0 or more than 1", re.compile(
        rf"(?<![\d.,])\b(?:0|[2-9]|\d{{2,}}) (?:{_SINGULAR_NOUNS})\b(?!['’-])")),
    ("a status read like a log line", re.compile(r"\b[A-Z][a-z]+: done\.")),
    ("a made-up plural", re.compile(r"\b(?:coachs|coachees's|persons)\b", re.I)),
    ("a role written as a code", re.compile(
        r"\b(?:mentees? ?/ ?coachees?|mentors? ?/ ?coach(?:es)?|mentees?/mentors?)\b", re.I)),
    ("an internal word", re.compile(r"\b(?:slug|pk|null)\b", re.I)),
    ("a label with a trailing colon", re.compile(r"^[A-Z][^:.!?]{0,40}:$")),
]


class _Text(HTMLParser):
    """The text a person reads: text nodes outside scripts, code and user-typed fields, one
    entry per block; labels and legends kept whole so a trailing colon shows."""

    SKIP = {"script", "style", "code", "pre", "textarea", "template"}
    BLOCKS = {
        "p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd", "label", "legend", "option",
        "button", "summary", "caption", "title", "div", "span", "a", "strong", "section",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.chunks: list[str] = []
        self.labels: list[str] = []
        self._label: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in ("label", "legend", "th"):
            self._label = []
        if tag in self.BLOCKS or tag == "br":
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("label", "legend", "th") and self._label is not None:
            self.labels.append(re.sub(r"\s+", " ", "".join(self._label)).strip())
            self._label = None
        if tag in self.BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        self.chunks.append(data)
        if self._label is not None:
            self._label.append(data)


def page_text(body: str) -> tuple[list[str], list[str]]:
    """(lines of visible text, label and legend texts) of a page or fragment."""
    parser = _Text()
    parser.feed(body)
    text = "".join(parser.chunks)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return [line for line in lines if line], parser.labels


def wording_leaks(body: str) -> list[str]:
    """Each leak as "what it is: «the text»" (docs/writing.md, "What the test looks for")."""
    lines, labels = page_text(body)
    found: list[str] = []
    for what, pattern in LEAK_PATTERNS:
        texts = labels if what == "a label with a trailing colon" else lines
        hits = []
        for text in texts:
            match = pattern.search(text)
            if match:  # the match with a little of what surrounds it
                start, end = max(0, match.start() - 40), match.end() + 40
                more = "…" if end < len(text) else ""
                hits.append(("…" if start else "") + text[start:end] + more)
        found += [f"{what}: «{hit}»" for hit in dict.fromkeys(hits)]
    return found


def route_key(path: str) -> str | None:
    """The route a path belongs to: "namespace:name" (or its pattern), None if none."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else match.route


@dataclass
class Crawl:
    """What one person's walk met: pages to check, and how every route was met."""

    role: str
    pages: list[str] = field(default_factory=list)  # full HTML documents (checked with axe)
    met: dict[str, str] = field(default_factory=dict)  # route -> how it was met
    # page -> a hash of what it shows besides the header (the same for two roles = one check)
    fingerprints: dict[str, str] = field(default_factory=dict)
    # page -> wording that leaks internals (docs/writing.md), also for htmx fragments
    leaks: dict[str, list[str]] = field(default_factory=dict)

    def meet(self, key: str | None, how: str) -> None:
        if key and key not in self.met:
            self.met[key] = how


def _local(base: str, href: str) -> str | None:
    if href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("http", "https") or parts.netloc not in ("testserver", ""):
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


_HEADER = re.compile(r'<header class="site-header">.*?</header>', re.S)
_TOKENS = re.compile(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]*"')


def fingerprint(body: str) -> str:
    """What a page shows apart from the header (whose links differ by role) and CSRF tokens.

    Two roles that get the same page (a "not found" page, a form nobody has filled) have the
    same fingerprint; axe-core checks it once, the header being checked on the other pages.
    """
    return hashlib.sha256(_TOKENS.sub("", _HEADER.sub("", body)).encode()).hexdigest()


def crawl(
    client: Any, *, role: str, start: list[str], per_route: int = 2, limit: int = 200
) -> Crawl:
    """Follow every same-site link from `start`; at most `per_route` URLs of each route."""
    result = Crawl(role)
    queue: deque[str] = deque(start)
    seen: set[str] = set()
    per: dict[tuple[str | None, int], int] = {}
    extra = set(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        key = route_key(urlsplit(url).path)
        if url not in extra:  # explicitly listed URLs are always visited
            slot = (key, 0)
            if per.get(slot, 0) >= per_route:
                continue
            per[slot] = per.get(slot, 0) + 1
        seen.add(url)
        response = client.get(url)
        kind = response.get("Content-Type", "")
        status = response.status_code
        if status in (301, 302, 303, 307, 308):
            result.meet(key, f"redirect from {url}")
            target = _local("http://testserver" + url, response["Location"])
            if target:
                queue.append(target)
            continue
        if status == 405:
            result.meet(key, "POST only")
            continue
        if "text/html" not in kind:
            result.meet(key, f"{kind.split(';')[0]} download")
            continue
        body = response.content.decode(response.charset or "utf-8", "replace")
        found = wording_leaks(body)
        if found:
            result.leaks[url] = found
        if "<html" not in body[:500].lower():
            result.meet(key, "htmx fragment")
            continue
        result.pages.append(url)
        result.fingerprints[url] = fingerprint(body)
        result.meet(key, f"page {url} ({status})")
        parser = _Links()
        parser.feed(body)
        for href in parser.posts:
            target = _local("http://testserver" + url, href or url)
            if target:
                result.meet(route_key(urlsplit(target).path), f"form action on {url}")
        for href in parser.gets:
            target = _local("http://testserver" + url, href or url)
            if target and target not in seen:
                queue.append(target)
    return result


def page_routes() -> list[str]:
    """Every route of the site's own UI ("namespace:name", or the pattern when unnamed)."""
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
                continue
            assert isinstance(p, URLPattern)
            pattern = prefix + str(p.pattern)
            if ("/" + pattern.lstrip("^")).startswith(SKIPPED_PREFIXES):
                continue
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            found.append(name or pattern)

    walk(get_resolver().url_patterns, "", None)
    return found


def unreached_routes(crawls: list[Crawl], exempt: dict[str, str]) -> list[str]:
    """Routes no crawl met and no exemption names."""
    met = {key for c in crawls for key in c.met}
    return [r for r in page_routes() if r not in met and r not in exempt]


__all__ = [
    "AXE_SCRIPT",
    "AXE_SHA256",
    "AXE_VERSION",
    "ROLES",
    "STRUCTURE_RULES",
    "WCAG_TAGS",
    "Crawl",
    "Finding",
    "Keyboard",
    "World",
    "axe_violations",
    "build_world",
    "crawl",
    "focus_indicator",
    "has_visible_focus",
    "page_routes",
    "phone_violations",
    "report",
    "unreached_routes",
    "wording_leaks",
]
