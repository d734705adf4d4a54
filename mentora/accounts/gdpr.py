"""A person's data: export all of it as JSON, erase the account, purge past retention.

The export walks every model with a foreign key (or many-to-many) to User, so a new app's
rows are exported without anyone remembering to; EXPORT_RULES is the explicit list of links
that must *not* be followed because they lead to other people's content (drafts, decisions
about others, another person's private choices). Relationship content both members see
(agreement, meetings, agenda, shared notes, actions, check-ins, reflections, events) comes
through RELATIONSHIP_CONTENT. Private notes come only through their author, and only when
the author downloads their own data. docs/gdpr.md is the same rules as prose.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse

from mentora.accounts import permissions
from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.signing import link_token
from mentora.notifications.links import absolute
from mentora.notifications.messages import notify
from mentora.relationships import permissions as relationship_perms

EXPORT_FORMAT = "mentora-export/1"

INCLUDE = "include"
EXCLUDE = "exclude"

# "app_label.Model.field" → INCLUDE or EXCLUDE. A link that is not listed is followed (the
# rows are the person's own). A model with two or more links to User — content between
# people — must list every one of them; tests/access/test_gdpr_rules.py checks that.
EXPORT_RULES: dict[str, str] = {
    # Django's own admin log: what an admin did to other people's records.
    "admin.LogEntry.user": EXCLUDE,
    # Other people's profiles, naming this person as their line manager.
    "people.Profile.user": INCLUDE,
    "people.Profile.manager": EXCLUDE,
    # Enrollments: one's own (with one's answers), not the ones one decided as a manager.
    "programs.Enrollment.user": INCLUDE,
    "programs.Enrollment.decided_by": EXCLUDE,
    # Relationships one is a member of; content comes through RELATIONSHIP_CONTENT.
    "relationships.Relationship.mentee": INCLUDE,
    "relationships.Relationship.mentor": INCLUDE,
    "relationships.Relationship.requested_by": EXCLUDE,  # a manager pairing others
    "relationships.RelationshipEvent.by": EXCLUDE,  # a manager's actions on others' pairs
    "relationships.AgreementVersion.changed_by": EXCLUDE,  # via RELATIONSHIP_CONTENT
    "relationships.RematchRequest.mentee": INCLUDE,
    "relationships.RematchRequest.resolved_by": EXCLUDE,  # a manager handling others
    "relationships.ActionItem.owner": INCLUDE,
    "relationships.ActionItem.created_by": INCLUDE,
    # Private notes: the author's own, and only for the author (see gdpr_export).
    "relationships.PrivateNote.author": INCLUDE,
    # Matching drafts and rules are program staff's working data until published.
    "matching.DraftPair.mentee": EXCLUDE,
    "matching.DraftPair.mentor": EXCLUDE,
    "matching.MatchRule.mentee": EXCLUDE,
    "matching.MatchRule.mentor": EXCLUDE,
    "matching.MatchRule.created_by": EXCLUDE,
    "matching.MatchRun.started_by": EXCLUDE,
    "matching.MatchRun.published_by": EXCLUDE,
    "matching.UnmatchedMentee.mentee": EXCLUDE,
    # A mentee's ranked choices are theirs; the mentor does not learn who ranked them.
    "recommendations.MentorChoice.mentee": INCLUDE,
    "recommendations.MentorChoice.mentor": EXCLUDE,
    # "Do not pair me with X" is the asker's private choice; X never sees it.
    "recommendations.DoNotPair.user": INCLUDE,
    "recommendations.DoNotPair.other": EXCLUDE,
    # Links not named like an owner: each one decided (tests/access/test_gdpr_rules.py).
    "programs.Program.managers": INCLUDE,
    "relationships.Meeting.organiser": INCLUDE,
    "relationships.MeetingSeries.organiser": INCLUDE,
    "relationships.MeetingProposal.proposed_by": INCLUDE,
    "relationships.AgendaItem.added_by": INCLUDE,
    "notifications.OutboxMessage.recipient": INCLUDE,
    "audit.AuditEntry.actor": INCLUDE,
    "integrations.WebhookEndpoint.created_by": EXCLUDE,  # organization configuration
    "accounts.Branding.updated_by": EXCLUDE,  # organization configuration
    "programs.Announcement.created_by": INCLUDE,  # emails this person wrote (their own text)
    "people.RoleChange.person": INCLUDE,  # their own job history from HRIS imports
    "people.ImportSettings.updated_by": EXCLUDE,  # organization configuration
    "people.ImportUpload.owner": EXCLUDE,  # an HR file about other people, kept an hour
    # Growth (docs/privacy.md, "Growth"): the person and their supporters' own writing.
    "growth.Assessment.subject": INCLUDE,
    "growth.Assessment.assessor": INCLUDE,
    "growth.Contact.person": EXCLUDE,  # someone else's development plan naming this person
    "growth.Introduction.introducer": INCLUDE,
    "growth.Introduction.mentee": INCLUDE,
    "growth.Introduction.contact": INCLUDE,
    "growth.Introduction.declined_by": EXCLUDE,  # one of the three above already
    "growth.FeedbackRequest.requester": INCLUDE,
    "growth.FeedbackRequest.giver": INCLUDE,
    "growth.Feedback.giver": INCLUDE,
    "growth.Feedback.recipient": INCLUDE,
    "growth.Situation.owner": INCLUDE,
    "growth.Situation.shared_with": EXCLUDE,  # the owner's; shared access ends with the pair
}

# A link to User named like one of these, alone on its model, is the row's owner and needs no
# rule; every other link must be listed above.
OWNER_NAMES = {"user", "owner", "author", "respondent"}

# Rows that belong to an exported row (not to User directly): model → its link to the parent.
# Processed in order, so a grandchild comes after its parent.
CHILD_CONTENT: dict[str, str] = {
    "growth.SkillRating": "assessment",
    "growth.Goal": "plan",
    "growth.Milestone": "goal",
    "growth.PlanSkill": "plan",
    "growth.Contact": "plan",
    "growth.FeedbackItem": "feedback",
    "outcomes.SurveyAnswer": "invitation",
    "recommendations.RequestMessage": "choice",
}

# Relationship content both members may read (relationships/permissions.can_view_content):
# model → lookup from that model to its relationship.
RELATIONSHIP_CONTENT: dict[str, str] = {
    "relationships.Agreement": "relationship",
    "relationships.AgreementVersion": "agreement__relationship",
    "relationships.RelationshipEvent": "relationship",
    "relationships.MeetingSeries": "relationship",
    "relationships.Meeting": "relationship",
    "relationships.MeetingProposal": "relationship",
    "relationships.ProposedSlot": "proposal__relationship",
    "relationships.AgendaItem": "meeting__relationship",
    "relationships.SharedNote": "meeting__relationship",
    "relationships.ActionItem": "relationship",
    "relationships.CheckIn": "relationship",
    "relationships.Reflection": "relationship",
}

# Only the author ever reads these; an export made by someone else leaves them out.
AUTHOR_ONLY = {"relationships.PrivateNote"}

# Secrets are never exported, whoever asks.
REDACTED_FIELDS = {"password", "key_hash", "token_hash", "secret", "token"}


def user_links() -> list[tuple[type[models.Model], Any]]:
    """Every (model, field) pointing at User: foreign keys, one-to-ones and many-to-manys."""
    user_model = get_user_model()
    links = []
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if f.auto_created or not f.is_relation or f.related_model is not user_model:
                continue
            if f.concrete or f.many_to_many:
                links.append((model, f))
    return links


def link_key(model: type[models.Model], f: Any) -> str:
    return f"{model._meta.app_label}.{model.__name__}.{f.name}"


def _label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _row(obj: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.name in REDACTED_FIELDS:
            continue
        data[f.attname] = getattr(obj, f.attname)
    return data


def _member_relationships(user: User) -> models.QuerySet[Any]:
    relationship = apps.get_model("relationships", "Relationship")
    return relationship.objects.filter(Q(mentee=user) | Q(mentor=user))


def gdpr_export(*, user: User, by: Any | None) -> dict[str, Any]:
    """Everything Mentora holds about `user` that `by` may hand over, as JSON-ready data.

    Only the person themselves (page, API, the emailed link) may have it: it is complete,
    their own private notes included. Anyone else — an organization admin, the command line —
    sends the person a link instead (gdpr_export_send).
    """
    own = by is not None and getattr(by, "pk", None) == user.pk
    if not permissions.can_export_data(by, user):
        raise DomainError(
            "Only the person can download their data; an organization admin can send it to "
            "them by email.",
            code="forbidden",
        )
    records: dict[str, dict[int, dict[str, Any]]] = {}

    def add(queryset: models.QuerySet[Any]) -> None:
        label = _label(queryset.model)
        bucket = records.setdefault(label, {})
        for obj in queryset.order_by("pk"):
            bucket.setdefault(obj.pk, _row(obj))

    for model, f in user_links():
        if model is get_user_model() or EXPORT_RULES.get(link_key(model, f), INCLUDE) == EXCLUDE:
            continue
        if _label(model) in AUTHOR_ONLY and not own:
            continue
        add(model._default_manager.filter(**{f.name: user}))
    relationships = _member_relationships(user)
    for label, lookup in RELATIONSHIP_CONTENT.items():
        model = apps.get_model(label)
        rows = model._default_manager.filter(**{f"{lookup}__in": relationships})
        if label == "relationships.RelationshipEvent":  # the rule lives with relationships
            rows = rows.exclude(relationship_perms.events_hidden_from_mentor(user))
        add(rows)
    for label, link in CHILD_CONTENT.items():
        model = apps.get_model(label)
        parent = model._meta.get_field(link).related_model
        parent_ids = list(records.get(_label(parent), {}))
        if parent_ids:
            add(model._default_manager.filter(**{f"{link}_id__in": parent_ids}))
    _add_profile_lists(user, records)
    now = clock.now()
    audit_record(
        actor=by,
        action="gdpr.export",
        target_type="accounts.user",
        target_id=user.pk,
        details={"private_notes": own, "tables": len(records)},
    )
    return {
        "format": EXPORT_FORMAT,
        "exported_at": now,
        "person": {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
            "is_org_admin": user.is_org_admin,
        },
        "private_notes_included": own,
        "records": {
            label: sorted(rows.values(), key=lambda r: r.get("id") or 0)
            for label, rows in sorted(records.items())
            if rows
        },
    }


EXPORT_LINK_ACTION = "gdpr.export"
EXPORT_LINK_DAYS = 7


@transaction.atomic
def gdpr_export_send(*, user: User, by: Any | None, now: datetime | None = None) -> Any:
    """Email the person a signed link to download their own complete export; audited.

    How an organization answers a subject-access request (docs/gdpr.md): the data goes to the
    person, never through the admin who handles the request. The link expires after
    EXPORT_LINK_DAYS and works only for the person signed in as themselves.
    """
    if not permissions.can_send_data_export(by, user):
        raise DomainError(
            "Only an organization admin can send someone their data.", code="forbidden"
        )
    if not user.is_active or not user.email:
        raise DomainError(
            "This account is deactivated or erased, so no link can be sent to it.",
            code="conflict",
        )
    now = now or clock.now()
    token = link_token(action=EXPORT_LINK_ACTION, object_id=user.pk, user_id=user.pk)
    message = notify(
        kind="accounts.data_export",
        to=user,
        context={
            "url": absolute(reverse("accounts:my_data_link", args=[token])),
            "days": EXPORT_LINK_DAYS,
            "sent_by_admin": by is None or by.pk != user.pk,
        },
        now=now,
    )
    audit_record(
        actor=by,
        action="gdpr.export_sent",
        target_type="accounts.user",
        target_id=user.pk,
        details={"by_the_person": by is not None and by.pk == user.pk},
    )
    return message


def _add_profile_lists(user: User, records: dict[str, dict[int, dict[str, Any]]]) -> None:
    """Skills, languages and availability are many-to-many rows; name them on the profile."""
    profiles = records.get("people.Profile", {})
    profile_model = apps.get_model("people", "Profile")
    for profile in profile_model.objects.filter(user=user).prefetch_related():
        row = profiles.get(profile.pk)
        if row is None:
            continue
        for f in profile._meta.many_to_many:
            row[f.name] = sorted(str(v) for v in getattr(profile, f.name).all())


def export_json(data: dict[str, Any]) -> str:
    """The export as pretty JSON text (dates ISO 8601)."""
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


# --- erasure -----------------------------------------------------------------------------

# Rows deleted outright when a person is erased ("app_label.Model.field" of the link to them).
# Everything else linked to them stays, now pointing at the anonymised account ("Erased
# person"), so the other member's record of a relationship and program statistics survive.
ERASE_DELETE: list[str] = [
    "relationships.PrivateNote.author",
    "accounts.ApiToken.user",
    "notifications.CalendarFeed.user",
    "notifications.NotificationPreference.user",
    "notifications.OutboxMessage.recipient",
    "recommendations.DoNotPair.user",
    "recommendations.DoNotPair.other",
    "people.ImportUpload.owner",
    # A connected calendar's secret address, password and busy times; one's video room.
    "calendars.CalendarConnection.user",
    "calendars.MeetingRoom.user",
]

ERASED_NAME = "Erased person"
ERASED_DOMAIN = "erased.invalid"


@dataclass
class ErasureReport:
    """What an erasure did, for the audit log and the person doing it."""

    ended_relationships: int = 0
    withdrawn_enrollments: int = 0
    deleted: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def gdpr_erase(*, user: User, by: Any | None) -> ErasureReport:
    """Erase a person: end their relationships, remove personal data, keep aggregates.

    Their relationships end early (requests are declined or expire) and their enrollments
    are withdrawn through the usual services, so partners and waitlists are looked after;
    private notes, tokens, feeds, preferences and queued emails are deleted; the account is
    anonymised and can no longer sign in.
    """
    if not permissions.can_erase_account(by, user):
        raise DomainError(
            "Only the person or an organization admin can erase an account.", code="forbidden"
        )
    if user.email.endswith("@" + ERASED_DOMAIN):
        raise DomainError("This account has already been erased.", code="conflict")
    if permissions.is_org_admin(user):
        others = (
            User.objects.filter(is_active=True)
            .filter(Q(is_org_admin=True) | Q(is_superuser=True))
            .exclude(pk=user.pk)
        )
        if not others.exists():
            raise DomainError(
                "This is the last organization admin; make someone else an admin first.",
                code="conflict",
            )
    report = ErasureReport()
    report.ended_relationships = _end_relationships(user, by)
    report.withdrawn_enrollments = _withdraw_enrollments(user)
    user_model = get_user_model()
    links = {link_key(m, f): (m, f) for m, f in user_links()}
    for key in ERASE_DELETE:
        if key not in links:
            continue  # an app that is not installed
        model, f = links[key]
        count, _ = model._default_manager.filter(**{f.name: user}).delete()
        if count:
            report.deleted[_label(model)] = report.deleted.get(_label(model), 0) + count
    _anonymise_profile(user)
    email = user.email
    user.email = f"erased-{user.pk}@{ERASED_DOMAIN}"
    user.full_name = ERASED_NAME
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = user.is_superuser = user.is_org_admin = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    _forget_login_attempts(email)
    apps.get_model("programs", "Program").managers.through.objects.filter(user=user).delete()
    audit_record(
        actor=by if by is None or by.pk != user.pk else None,
        action="gdpr.erase",
        target_type=f"{user_model._meta.app_label}.{user_model._meta.model_name}",
        target_id=user.pk,
        details={
            "by_the_person": by is not None and by.pk == user.pk,
            "ended_relationships": report.ended_relationships,
            "withdrawn_enrollments": report.withdrawn_enrollments,
            "deleted": report.deleted,
        },
    )
    return report


def _end_relationships(user: User, by: Any | None) -> int:
    from mentora.relationships.models import Relationship
    from mentora.relationships.services import lifecycle

    reason = "A participant's account was erased at their request."
    ended = 0
    live = Relationship.objects.live().filter(Q(mentee=user) | Q(mentor=user))
    for relationship in live.select_related("program").order_by("pk"):
        if relationship.status == Relationship.Status.REQUESTED:
            if relationship.mentor_id == user.pk:
                lifecycle.relationship_decline(relationship=relationship, by=user, reason=reason)
            else:  # a mentee cannot decline their own request; it lapses instead
                lifecycle.relationship_expire(relationship=relationship)
        else:
            lifecycle.relationship_end_early(relationship=relationship, by=user, reason=reason)
        ended += 1
    return ended


def _withdraw_enrollments(user: User) -> int:
    from mentora.programs.models import Enrollment
    from mentora.programs.services import enrollment_withdraw

    open_statuses = [
        Enrollment.Status.PENDING,
        Enrollment.Status.APPROVED,
        Enrollment.Status.WAITLISTED,
    ]
    count = 0
    for enrollment in Enrollment.objects.filter(user=user, status__in=open_statuses).order_by("pk"):
        enrollment_withdraw(enrollment=enrollment, by=user)
        count += 1
    return count


def _anonymise_profile(user: User) -> None:
    """Every profile field back to its default; skills, languages, availability removed."""
    profile_model = apps.get_model("people", "Profile")
    profile = profile_model.objects.filter(user=user).first()
    if profile is None:
        return
    for f in profile._meta.concrete_fields:
        if f.primary_key or f.name == "user" or not f.editable:
            continue
        if f.is_relation:
            if f.null:
                setattr(profile, f.attname, None)
            continue
        setattr(profile, f.attname, f.get_default())
    if hasattr(profile, "visibility"):
        profile.visibility = "hidden"  # never listed again, even if reactivated by mistake
    profile.save()
    for f in profile._meta.many_to_many:
        getattr(profile, f.name).clear()
    for rel in profile._meta.related_objects:
        if rel.one_to_many and rel.related_model._meta.app_label == "people":
            rel.related_model._default_manager.filter(**{rel.field.name: profile}).delete()


def _forget_login_attempts(email: str) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=email).delete()


# --- retention ---------------------------------------------------------------------------


@dataclass
class PurgeReport:
    """What a retention purge removed (or, on a dry run, would remove)."""

    relationships: int = 0
    deleted: dict[str, int] = field(default_factory=dict)
    blanked: dict[str, int] = field(default_factory=dict)
    login_attempts: int = 0
    dry_run: bool = False

    def summary(self) -> str:
        verb = "would be" if self.dry_run else "were"
        parts = [f"{n} {label}" for label, n in sorted({**self.deleted}.items())]
        blanks = [f"{n} {label}" for label, n in sorted(self.blanked.items())]
        return (
            f"{self.relationships} relationship(s) past retention. Deleted: "
            f"{', '.join(parts) or 'nothing'}. Text cleared: {', '.join(blanks) or 'nothing'}. "
            f"{self.login_attempts} old sign-in failure record(s) {verb} removed."
        )


# Content deleted, and text fields cleared, for relationships past retention. Dates, statuses,
# counts and check-in confidence scores stay: program statistics keep working.
PURGE_DELETE = {
    "relationships.PrivateNote": "meeting__relationship",
    "relationships.SharedNote": "meeting__relationship",
    "relationships.AgendaItem": "meeting__relationship",
    "relationships.Reflection": "relationship",
    "relationships.AgreementVersion": "agreement__relationship",
}
PURGE_BLANK: dict[str, tuple[str, dict[str, Any]]] = {
    "relationships.CheckIn": ("relationship", {"progress": "", "blockers": "", "next_step": ""}),
    "relationships.ActionItem": ("relationship", {"text": ""}),
    "relationships.Meeting": ("relationship", {"location": ""}),
    "relationships.RelationshipEvent": ("relationship", {"reason": ""}),
    "relationships.Agreement": (
        "relationship",
        {
            "goals": [],
            "channel": "",
            "confidentiality": "",
            "mentee_commitments": "",
            "mentor_commitments": "",
            "feedback": "",
        },
    ),
    "relationships.Relationship": ("", {"message": "", "end_reason": ""}),
}


@transaction.atomic
def retention_purge(
    *, days: int | None = None, now: datetime | None = None, dry_run: bool = False
) -> PurgeReport:
    """Remove the confidential content of relationships that ended more than `days` ago.

    `days` defaults to the MENTORA_RETENTION_DAYS setting; 0 keeps everything. Old sign-in
    failure records (django-axes) older than a day past the lockout are removed as well.
    """
    now = now or clock.now()
    days = settings.MENTORA_RETENTION_DAYS if days is None else days
    if days < 0:
        raise DomainError("Retention days must be 0 (keep forever) or more.", field="days")
    report = PurgeReport(dry_run=dry_run)
    if days:
        relationship_model = apps.get_model("relationships", "Relationship")
        expired = relationship_model.objects.filter(
            status__in=relationship_model.CLOSED, ended_at__lt=now - timedelta(days=days)
        )
        report.relationships = expired.count()
        for label, lookup in PURGE_DELETE.items():
            qs = apps.get_model(label)._default_manager.filter(**{f"{lookup}__in": expired})
            count = qs.count() if dry_run else qs.delete()[0]
            if count:
                report.deleted[label] = count
        for label, (lookup, blanks) in PURGE_BLANK.items():
            model = apps.get_model(label)
            qs = model._default_manager.filter(**({f"{lookup}__in": expired} if lookup else {}))
            if not lookup:
                qs = qs.filter(pk__in=expired)
            not_blank = Q()
            for name, value in blanks.items():
                not_blank |= ~Q(**{name: value})
            qs = qs.filter(not_blank)
            count = qs.count() if dry_run else qs.update(**blanks)
            if count:
                report.blanked[label] = count
    from axes.models import AccessAttempt

    cutoff = now - settings.AXES_COOLOFF_TIME - timedelta(days=1)
    old = AccessAttempt.objects.filter(attempt_time__lt=cutoff)
    report.login_attempts = old.count() if dry_run else old.delete()[0]
    if not dry_run and (report.deleted or report.blanked or report.login_attempts):
        audit_record(
            actor=None,
            action="retention.purge",
            target_type="relationships.relationship",
            target_id=None,
            details={
                "days": days,
                "relationships": report.relationships,
                "deleted": report.deleted,
                "blanked": report.blanked,
                "login_attempts": report.login_attempts,
            },
        )
    return report
