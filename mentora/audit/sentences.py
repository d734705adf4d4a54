"""Each audit entry as one sentence with names ("Olga Petrova made Priya Raman and Marco
Alvarez managers of Grow"): the page, the API and exports read the log through `describe`.

Entries keep ids in `details` (names change; erased people must not reappear), and names are
looked up when the log is read: one query for people and one for programs per page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from mentora.accounts.models import User
from mentora.audit.models import AuditEntry
from mentora.programs.models import Program

USER_LISTS = ("managers", "added", "removed", "people")


def _people(ids: Sequence[Any], names: dict[int, str]) -> str:
    named = [names.get(int(pk), "a person no longer in Mentora") for pk in ids]
    if not named:
        return "nobody"
    if len(named) <= 5:
        return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return ", ".join(named[:4]) + f" and {len(named) - 4} others"


def _count(n: Any, one: str, many: str | None = None) -> str:
    n = int(n or 0)
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


class _Context:
    """What a page of entries needs to be read: people's and programs' names."""

    def __init__(self, entries: Sequence[AuditEntry]) -> None:
        user_ids: set[int] = set()
        program_ids: set[int] = set()
        for entry in entries:
            if entry.target_type == "accounts.user" and entry.target_id.isdigit():
                user_ids.add(int(entry.target_id))
            if entry.target_type == "programs.program" and entry.target_id.isdigit():
                program_ids.add(int(entry.target_id))
            for key in USER_LISTS:
                value = entry.details.get(key)
                if isinstance(value, list):
                    user_ids.update(int(v) for v in value if str(v).isdigit())
        self.users = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "full_name"))
        self.programs = dict(Program.objects.filter(pk__in=program_ids).values_list("pk", "name"))

    def target_person(self, entry: AuditEntry) -> str:
        if entry.target_id.isdigit():
            return self.users.get(int(entry.target_id), "a person no longer in Mentora")
        return "a person"

    def program(self, entry: AuditEntry) -> str:
        if entry.target_id.isdigit() and int(entry.target_id) in self.programs:
            return self.programs[int(entry.target_id)]
        # Older entries named the program by its address; a deleted program keeps its name.
        return str(entry.details.get("program") or "a program no longer in Mentora")

    def people(self, entry: AuditEntry, key: str) -> str:
        return _people(entry.details.get(key) or [], self.users)


def _managers_set(e: AuditEntry, c: _Context) -> str:
    program = c.program(e)
    if e.details.get("new_program"):
        return f"created {program} and made {c.people(e, 'managers')} its managers"
    parts = []
    if e.details.get("added"):
        added = e.details["added"]
        parts.append(
            f"made {c.people(e, 'added')} manager{'s' if len(added) != 1 else ''} of {program}"
        )
    if e.details.get("removed"):
        parts.append(f"removed {c.people(e, 'removed')} from the managers of {program}")
    return " and ".join(parts) or f"set the managers of {program}"


def _people_import(e: AuditEntry, c: _Context) -> str:
    d = e.details
    created = _count(d.get("created"), "person", "people")
    updated = _count(d.get("updated"), "person", "people")
    text = f"imported {_count(d.get('rows'), 'row')} of people: {created} added, {updated} updated"
    if d.get("movers"):
        text += f", {_count(d['movers'], 'mover')}"
    if d.get("leavers"):
        text += f", {_count(d['leavers'], 'leaver')} deactivated"
    return text


def _webhook(verb: str) -> Callable[[AuditEntry, _Context], str]:
    def sentence(e: AuditEntry, c: _Context) -> str:
        name = e.details.get("webhook") or "a webhook"
        url = e.details.get("url")
        text = f"{verb} the webhook “{name}”" + (f" ({url})" if url else "")
        if verb == "rotated the secret of" and e.details.get("grace_hours"):
            text += f"; the old secret works for {_count(e.details['grace_hours'], 'more hour')}"
        if verb == "changed" and e.details.get("paused"):
            text += "; it is paused"
        return text

    return sentence


def _branding(e: AuditEntry, c: _Context) -> str:
    changed = [str(x) for x in e.details.get("changed") or []]
    what = " and ".join(changed) if changed else "branding"
    text = f"changed the organization's {what}"
    if "name" in changed and e.details.get("name"):
        text += f" (now “{e.details['name']}”)"
    if "accent colour" in changed and e.details.get("accent_colour"):
        text += f", accent colour {e.details['accent_colour']}"
    return text


SENTENCES: dict[str, Callable[[AuditEntry, _Context], str]] = {
    "people.import": _people_import,
    "enrollments.import": lambda e, c: (
        f"imported enrollments into {c.program(e)}: "
        f"{_count(e.details.get('created'), 'person', 'people')} enrolled, "
        f"{_count(e.details.get('updated'), 'person', 'people')} updated"
    ),
    "program.managers_set": _managers_set,
    "user.org_admin_grant": lambda e, c: f"made {c.target_person(e)} an organization admin",
    "user.org_admin_revoke": lambda e, c: (
        f"removed {c.target_person(e)} from the organization admins"
    ),
    "user.program_staff_grant": lambda e, c: (
        f"made {c.target_person(e)} program staff (may create programs)"
    ),
    "user.program_staff_revoke": lambda e, c: f"removed {c.target_person(e)} from program staff",
    "matching.publish": lambda e, c: (
        f"published {_count(e.details.get('pairs'), 'match', 'matches')} in {c.program(e)}"
    ),
    "gdpr.export": lambda e, c: f"downloaded the data Mentora holds on {c.target_person(e)}",
    "gdpr.erase": lambda e, c: (
        "erased their own account"
        if e.details.get("by_the_person")
        else f"erased the account of {c.target_person(e)}"
    ),
    "retention.purge": lambda e, c: (
        f"removed notes of {_count(e.details.get('relationships'), 'relationship')} closed more "
        f"than {_count(e.details.get('days'), 'day')} ago"
    ),
    "token.create": lambda e, c: f"created the API token “{e.details.get('name', '')}”",
    "program.create": lambda e, c: (
        f"created {c.program(e)} ({e.details.get('kind', 'a program')}) and made "
        f"{c.people(e, 'managers')} "
        f"its manager{'s' if len(e.details.get('managers') or []) != 1 else ''}"
    ),
    "program.duplicate": lambda e, c: (
        f"started {c.program(e)} as a new cohort of {e.details.get('source', 'a program')}"
    ),
    "program.archive": lambda e, c: f"archived {c.program(e)}",
    "program.restore": lambda e, c: f"restored {c.program(e)} from the archive",
    "enrollments.approve": lambda e, c: (
        f"approved the applications of {c.people(e, 'people')} to {c.program(e)}"
    ),
    "enrollments.decline": lambda e, c: (
        f"declined the applications of {c.people(e, 'people')} to {c.program(e)}"
    ),
    "announcement.send": lambda e, c: (
        f"sent the announcement “{e.details.get('subject', '')}” to "
        f"{_count(e.details.get('recipients'), 'person', 'people')} in {c.program(e)}"
    ),
    "branding.update": _branding,
    "webhook.create": _webhook("added"),
    "webhook.update": _webhook("changed"),
    "webhook.rotate": _webhook("rotated the secret of"),
    "webhook.delete": _webhook("deleted"),
    "sso.account_created": lambda e, c: (
        f"created an account for {c.target_person(e)} at their first single sign-on"
        + (f" with {e.details['provider']}" if e.details.get("provider") else "")
    ),
}


def actor_name(entry: AuditEntry) -> str:
    """Who did it, as the sentence starts."""
    if entry.actor_id is None:
        if entry.action == "sso.account_created":
            return "Single sign-on"
        return "The command line or the worker"
    return entry.actor.full_name or entry.actor.email  # type: ignore[union-attr]


def describe(entries: Iterable[AuditEntry]) -> list[tuple[AuditEntry, str]]:
    """Each entry with its sentence (two queries for the whole list, whatever its length)."""
    rows = list(entries)
    context = _Context(rows)
    out = []
    for entry in rows:
        if entry.action == "gdpr.erase" and entry.details.get("by_the_person"):
            out.append((entry, "A person erased their own account."))
            continue
        render = SENTENCES.get(entry.action)
        rest = render(entry, context) if render else entry.action_label.lower()
        out.append((entry, f"{actor_name(entry)} {rest}."))
    return out
