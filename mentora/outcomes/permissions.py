"""Who may see what in outcomes — the one place these rules live.

Survey answers belong to the person who gave them: only they read them (pages, API, admin and
exports alike). A program's analytics — aggregates only, over groups of at least the minimum
group size — are for that program's managers and organization admins.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from mentora.accounts.permissions import is_org_admin
from mentora.outcomes.models import SurveyAnswer, SurveyInvitation
from mentora.programs.models import Program


def _authed(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_view_analytics(user: Any, program: Program) -> bool:
    """The dashboard, outcome report and exports: the program's managers and org admins."""
    if not _authed(user):
        return False
    return is_org_admin(user) or program.managers.filter(pk=user.pk).exists()


def analytics_programs(user: Any) -> QuerySet[Program]:
    """Programs whose analytics a person may open."""
    if not _authed(user):
        return Program.objects.none()
    if is_org_admin(user):
        return Program.objects.all()
    return Program.objects.filter(managers=user)


def can_change_schedule(user: Any, program: Program) -> bool:
    """The survey schedule: the program's managers and org admins."""
    return can_view_analytics(user, program)


def is_respondent(user: Any, invitation: SurveyInvitation) -> bool:
    """Answer, read and withdraw a survey's answers: the person it was sent to, nobody else."""
    return _authed(user) and invitation.respondent_id == user.pk


def visible_invitations(user: Any) -> QuerySet[SurveyInvitation]:
    """A person's own surveys (never anyone else's, whatever their role)."""
    if not _authed(user):
        return SurveyInvitation.objects.none()
    return SurveyInvitation.objects.filter(respondent=user)


def visible_answers(user: Any, queryset: QuerySet[SurveyAnswer]) -> QuerySet[SurveyAnswer]:
    """Restrict answers to the person's own (used by views, API and the Django admin)."""
    if not _authed(user):
        return queryset.none()
    return queryset.filter(invitation__respondent=user)
