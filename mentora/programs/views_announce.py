"""A program's announcements: write, preview (as one recipient sees it), then send."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.programs.announcements import announcement_preview, announcement_send
from mentora.programs.models import Announcement, Program
from mentora.programs.permissions import can_announce, can_view_program


class AnnouncementForm(forms.Form):
    """Who gets it, its subject and its text (the greeting and signature are added)."""

    audience = forms.ChoiceField(
        choices=Announcement.Audience.choices, label="Send to", widget=forms.RadioSelect
    )
    subject = forms.CharField(max_length=150, label="Subject")
    body = forms.CharField(
        max_length=5000,
        label="Message",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Plain text. Mentora adds a greeting with each person's name and signs "
        "with your name and the program's.",
    )

    def __init__(self, *args: object, program: Program, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        mentees = program.mentee_label_plural.capitalize()
        mentors = program.mentor_label_plural.capitalize()
        self.fields["audience"].choices = [  # type: ignore[attr-defined]
            (Announcement.Audience.EVERYONE, "Everyone enrolled"),
            (Announcement.Audience.MENTEES, f"{mentees} only"),
            (Announcement.Audience.MENTORS, f"{mentors} only"),
        ]
        self.fields["audience"].initial = Announcement.Audience.EVERYONE


@login_required
def announcements(request: AuthedRequest, slug: str) -> HttpResponse:
    program = get_object_or_404(Program, slug=slug)
    if not can_view_program(request.user, program):
        raise Http404("No such program.")
    if not can_announce(request.user, program):
        raise PermissionDenied("Only this program's managers can write to its participants.")
    form = AnnouncementForm(request.POST or None, program=program)
    preview = recipients = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("step") == "send":
                sent = announcement_send(
                    program=program,
                    by=request.user,
                    subject=data["subject"],
                    body=data["body"],
                    audience=data["audience"],
                )
                messages.success(
                    request,
                    f"Your announcement is on its way to {sent.recipient_count} "
                    f"{'person' if sent.recipient_count == 1 else 'people'}; emails go out "
                    "within a few minutes.",
                )
                return redirect("programs:announcements", slug=program.slug)
            preview, recipients = announcement_preview(
                program=program,
                by=request.user,
                subject=data["subject"],
                body=data["body"],
                audience=data["audience"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(
        request,
        "programs/announcements.html",
        {
            "program": program,
            "form": form,
            "preview": preview,
            "recipients": recipients,
            "sent": program.announcements.select_related("created_by")[:20],
        },
    )
