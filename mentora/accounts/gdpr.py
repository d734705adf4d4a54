"""A person's data: export all of it as JSON, erase the account, purge past retention.

The export walks every model with a foreign key (or many-to-many) to User, so a new app's
rows are exported without anyone remembering to; EXPORT_RULES is the explicit list of links
that must *not* be followed because they lead to other people's content (drafts, decisions
about others, another person's private choices). Relationship content both members see
(agreement, meetings, agenda, shared notes, actions, check-ins, reflections, events) comes
through RELATIONSHIP_CONTENT. Private notes come only through their author, and only when
the author downloads their own data. docs/gdpr.md is the same rules as prose.

Each app declares its own rules in its `gdpr.py`, next to its permissions (a `DataRules`
passed to `mentora.lib.data_rules.data_rules_register`); AccountsConfig.ready() imports every
app's `gdpr` module, as Django's admin does with `admin.py`, and this module reads the
collected tables, so it never imports an app above accounts.
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
from mentora.lib.data_rules import (
    AUTHOR_ONLY,
    CHILD_CONTENT,
    DATA_RULES,
    ERASE_DELETE,
    EXCLUDE,
    EXPORT_RULES,
    INCLUDE,
    PURGE_BLANK,
    PURGE_DELETE,
    RELATIONSHIP_CONTENT,
    DataRules,
    data_rules_register,
)
from mentora.lib.errors import DomainError
from mentora.lib.signing import link_token
from mentora.notifications.links import absolute
from mentora.notifications.messages import notify

EXPORT_FORMAT = "mentora-export/1"

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


def _member_relationships(user: User) -> models.QuerySet[Any] | None:
    for rules in DATA_RULES.values():
        if rules.member_relationships is not None:
            return rules.member_relationships(user)
    return None  # relationships is not installed


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
    hidden = {k: v for rules in DATA_RULES.values() for k, v in rules.content_hidden.items()}
    for label, lookup in RELATIONSHIP_CONTENT.items() if relationships is not None else ():
        model = apps.get_model(label)
        rows = model._default_manager.filter(**{f"{lookup}__in": relationships})
        if label in hidden:  # the rule lives with the app that owns the model
            rows = rows.exclude(hidden[label](user))
        add(rows)
    for label, link in CHILD_CONTENT.items():
        model = apps.get_model(label)
        parent = model._meta.get_field(link).related_model
        parent_ids = list(records.get(_label(parent), {}))
        if parent_ids:
            add(model._default_manager.filter(**{f"{link}_id__in": parent_ids}))
    for rules in DATA_RULES.values():
        if rules.export_complete is not None:
            rules.export_complete(user, records)
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


def export_json(data: dict[str, Any]) -> str:
    """The export as pretty JSON text (dates ISO 8601)."""
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


# --- erasure -----------------------------------------------------------------------------

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
    # Each app's steps, in the order the report lists them (relationships end before
    # enrollments are withdrawn, so the pair is told first).
    steps = {k: v for rules in DATA_RULES.values() for k, v in rules.erase_steps.items()}
    for name in ("ended_relationships", "withdrawn_enrollments"):
        if name in steps:
            setattr(report, name, steps.pop(name)(user))
    for name, step in steps.items():
        setattr(report, name, step(user))
    user_model = get_user_model()
    links = {link_key(m, f): (m, f) for m, f in user_links()}
    for key in ERASE_DELETE:
        if key not in links:
            continue  # an app that is not installed
        model, f = links[key]
        count, _ = model._default_manager.filter(**{f.name: user}).delete()
        if count:
            report.deleted[_label(model)] = report.deleted.get(_label(model), 0) + count
    for rules in DATA_RULES.values():
        if rules.erase_complete is not None:
            rules.erase_complete(user)
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
    expired_of = [r.retention_expired for r in DATA_RULES.values() if r.retention_expired]
    if days and expired_of:
        expired = expired_of[0](now - timedelta(days=days))
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


# Accounts' own rules (and Django's admin log, which has no app of ours).
data_rules_register(
    DataRules(
        app="accounts",
        export_rules={
            # Django's own admin log: what an admin did to other people's records.
            "admin.LogEntry.user": EXCLUDE,
            "accounts.Branding.updated_by": EXCLUDE,  # organization configuration
        },
        erase_delete=["accounts.ApiToken.user"],
    )
)
