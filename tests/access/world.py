"""One small organization with something of every kind, for the generated access test.

Built on the named personas (mentora/testing.py): Maya and Marco work together in Grow
(an active relationship with an agreement, a meeting with agenda, shared and private notes,
an action item and a check-in); Chloe coaches in Lead; Priya manages Grow, Olga runs the
organization; Uma is unrelated. URL arguments in tests/access/matrix.py name these objects
("meeting.pk", "program.slug"); add an object here when a new route needs one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from mentora.accounts.services import api_token_create
from mentora.lib import clock
from mentora.lib.signing import link_token
from mentora.testing import Personas


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
    from mentora.careers.models import Occupation
    from mentora.notifications.services import calendar_feed_create
    from mentora.programs.models import Enrollment
    from mentora.relationships.services.actions import action_item_add, check_in_create
    from mentora.relationships.services.agreements import agreement_sign, agreement_update
    from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
    from mentora.relationships.services.meetings import (
        agenda_item_add,
        meeting_schedule,
        private_note_add,
        shared_note_add,
    )

    now = clock.now()
    with clock.frozen_at(now):
        relationship = relationship_request(
            program=personas.program,
            mentee=personas.mentee,
            mentor=personas.mentor,
            by=personas.mentee,
            message="I would like to learn negotiation.",
        )
        relationship_accept(relationship=relationship, by=personas.mentor)
        agreement = relationship.agreement
        agreement_update(agreement=agreement, by=personas.mentee, data={"goals": ["Negotiate"]})
        agreement_sign(agreement=agreement, by=personas.mentee)
        agreement_sign(agreement=agreement, by=personas.mentor)
        relationship.refresh_from_db()
        meeting = meeting_schedule(
            relationship=relationship,
            by=personas.mentee,
            starts_at=(now + timedelta(days=3)).replace(microsecond=0),
        )
        agenda = agenda_item_add(meeting=meeting, by=personas.mentee, text="Salary review")
        shared = shared_note_add(meeting=meeting, by=personas.mentor, body="Practise the ask.")
        private = private_note_add(meeting=meeting, by=personas.mentee, body="I am nervous.")
        action = action_item_add(
            relationship=relationship,
            by=personas.mentee,
            text="Draft the ask",
            owner=personas.mentee,
        )
        check_in = check_in_create(
            relationship=relationship, by=personas.mentee, progress="Going well", confidence=4
        )
    _, mentee_token_key = api_token_create(user=personas.mentee, name="access test")
    mentee_token = personas.mentee.api_tokens.get()
    _, feed_key = calendar_feed_create(user=personas.mentee)
    occupation = Occupation.objects.create(
        code="11-2021.00",
        title="Marketing Managers",
        description="Plan and direct marketing programs.",
        soc_code="11-2021",
    )
    return World(
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
        relationship=relationship,
        agreement=agreement,
        meeting=meeting,
        agenda_item=agenda,
        shared_note=shared,
        private_note=private,
        action=action,
        check_in=check_in,
        mentee_enrollment=Enrollment.objects.get(program=personas.program, user=personas.mentee),
        mentee_token=mentee_token,
        mentee_token_key=mentee_token_key,
        feed_key=feed_key,
        one_click=link_token(
            action="confirm_meeting", object_id=meeting.pk, user_id=personas.mentee.pk
        ),
        occupation=occupation,
        reset_uid=urlsafe_base64_encode(force_bytes(personas.mentee.pk)),
        reset_token=default_token_generator.make_token(personas.mentee),
        admin_app_label="accounts",
    )
