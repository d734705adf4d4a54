"""Runs, rules, moves, what-if and publishing, around the personas."""

from __future__ import annotations

import pytest

from mentora.lib.errors import DomainError
from mentora.matching.models import DraftPair, MatchExplanation, MatchRule, MatchRun
from mentora.matching.reasons import unmatched_text
from mentora.matching.selectors import compare_runs, latest_draft, why_matched
from mentora.matching.services import (
    draft_move,
    draft_publish,
    matchrule_set,
    matchrun_execute,
    matchrun_start,
    matchruns_process,
    move_options,
    whatif_adopt,
    whatif_preview,
)
from mentora.notifications.models import OutboxMessage
from mentora.programs.models import Program
from mentora.relationships.models import Relationship

from .helpers import grow_cohort

pytestmark = pytest.mark.django_db


def _run(personas, **kw):
    run = matchrun_start(program=personas.program, by=personas.manager, **kw)
    return matchrun_execute(run=run)


def test_it_runs_a_draft_with_explained_pairs_and_unmatched_reasons(personas):
    mentees, mentors = grow_cohort(personas, mentees=6, mentors=2)  # 3 + 1 places for 6
    seen = []
    run = matchrun_start(program=personas.program, by=personas.manager)
    run = matchrun_execute(run=run, progress=lambda pct, stage: seen.append(pct))
    assert run.status == "done" and run.progress == 100
    assert seen[0] == 5 and seen[-1] == 100 and seen == sorted(seen)
    assert run.mentees_count == 6 and run.mentors_count == 2 and run.matched_count == 4
    pair = DraftPair.objects.get(run=run, mentee=personas.mentee)
    assert pair.mentor == personas.mentor
    assert abs(pair.score - sum(c["contribution"] for c in pair.contributions)) < 1e-6
    assert pair.contributions[0]["code"] == "role.held_target"
    assert pair.contributions[0]["params"] == {"role": "Marketing Manager"}
    assert run.unmatched.count() == 2
    assert {u.code for u in run.unmatched.all()} == {"capacity"}


def test_it_refuses_a_second_run_while_one_is_in_progress(personas):
    matchrun_start(program=personas.program, by=personas.manager)
    with pytest.raises(DomainError) as err:
        matchrun_start(program=personas.program, by=personas.admin)
    assert err.value.code == "conflict"
    assert "already queued" in err.value.message


def test_it_refuses_people_who_do_not_manage_the_program(personas):
    for user in (personas.mentee, personas.mentor, personas.unrelated, personas.coach):
        with pytest.raises(DomainError) as err:
            matchrun_start(program=personas.program, by=user)
        assert err.value.code == "forbidden"


def test_the_worker_claims_and_executes_queued_runs_once(personas):
    grow_cohort(personas)
    run = matchrun_start(program=personas.program, by=personas.manager)
    assert matchruns_process() == 1
    assert matchruns_process() == 0
    run.refresh_from_db()
    assert run.status == "done" and run.matched_count == 4


def test_it_records_a_run_with_no_mentors_as_done_with_reasons(personas):
    personas.program.enrollments.filter(role="mentor").update(status="withdrawn")
    run = _run(personas)
    assert run.status == "done" and run.matched_count == 0
    u = run.unmatched.get()
    text = unmatched_text(u.code, u.params, mentee="Maya", program="Grow", mentor_word="mentor",
                          mentee_word="mentee")
    assert (u.code, text) == ("no_mentors", "Grow has no mentors with a free place")


def test_it_keeps_pins_and_forbids_when_running_again(personas):
    mentees, mentors = grow_cohort(personas, mentees=3, mentors=2)
    matchrule_set(
        program=personas.program,
        mentee=personas.mentee,
        mentor=mentors[1],
        kind="pin",
        by=personas.manager,
    )
    matchrule_set(
        program=personas.program,
        mentee=mentees[1],
        mentor=personas.mentor,
        kind="forbid",
        by=personas.manager,
    )
    run = _run(personas)
    pairs = {p.mentee_id: p for p in run.pairs.all()}
    assert pairs[personas.mentee.pk].mentor_id == mentors[1].pk and pairs[personas.mentee.pk].pinned
    assert pairs.get(mentees[1].pk) is None or pairs[mentees[1].pk].mentor_id != personas.mentor.pk


def test_it_refuses_rules_for_people_not_in_the_program(personas):
    with pytest.raises(DomainError) as err:
        matchrule_set(
            program=personas.program,
            mentee=personas.unrelated,
            mentor=personas.mentor,
            kind="pin",
            by=personas.manager,
        )
    assert err.value.field == "mentee"


def test_it_moves_a_mentee_showing_the_score_change_and_pins_it(personas):
    mentees, mentors = grow_cohort(personas, mentees=2, mentors=2)
    personas.program.enrollments.filter(user=mentors[1]).update(capacity=2)
    _run(personas)
    options = move_options(program=personas.program, mentee=personas.mentee, by=personas.manager)
    other = next(o for o in options if o.mentor == mentors[1])
    result = draft_move(
        program=personas.program, mentee=personas.mentee, mentor=mentors[1], by=personas.manager
    )
    assert result.new_score == pytest.approx(other.score)
    assert result.new_score - result.old_score == pytest.approx(other.delta)
    assert MatchRule.objects.get(mentee=personas.mentee).kind == "pin"
    draft = latest_draft(personas.program)
    assert draft.pairs.get(mentee=personas.mentee).mentor == mentors[1]


def test_it_refuses_a_move_to_a_full_mentor(personas):
    mentees, mentors = grow_cohort(personas, mentees=3, mentors=2)
    run = _run(personas)
    taken = run.pairs.get(mentor=mentors[1])  # capacity 1, used
    mover = run.pairs.exclude(mentor=mentors[1]).first()
    assert taken and mover
    with pytest.raises(DomainError) as err:
        draft_move(
            program=personas.program, mentee=mover.mentee, mentor=mentors[1], by=personas.manager
        )
    assert err.value.code == "conflict" and "no free place" in err.value.message


def test_what_if_previews_side_by_side_and_can_be_adopted(personas):
    grow_cohort(personas, mentees=4, mentors=2)
    current = _run(personas)
    preview = whatif_preview(
        program=personas.program, by=personas.manager, weights={"role": 0, "cross_department": 5}
    )
    assert preview.purpose == "preview" and preview.status == "done"
    assert latest_draft(personas.program) == current
    cmp = compare_runs(current, preview)
    assert cmp.unchanged + len(cmp.changes) == 4
    whatif_adopt(run=preview, by=personas.manager)
    personas.program.refresh_from_db()
    assert personas.program.match_weights == {"role": 0.0, "cross_department": 5.0}
    assert latest_draft(personas.program) == preview


def test_it_publishes_requests_with_explanations_and_notifications(personas):
    grow_cohort(personas, mentees=2, mentors=1)
    _run(personas)
    report = draft_publish(program=personas.program, by=personas.manager)
    assert report.created == 2
    rel = Relationship.objects.get(mentee=personas.mentee)
    assert rel.status == "requested" and rel.mentor == personas.mentor
    why = why_matched(rel, personas.mentee)
    assert why is not None and why.contributions[0]["factor"] == "role"
    assert why_matched(rel, personas.unrelated) is None
    mail = OutboxMessage.objects.get(recipient=personas.mentee, kind="matching.match")
    assert "Why we matched you" in mail.body and "Marketing Manager" in mail.body
    assert "Marco Mentor has worked as Marketing Manager, your target role" in mail.body
    to_mentor = OutboxMessage.objects.get(
        recipient=personas.mentor, kind="matching.match", subject__contains="Maya"
    ).body
    assert "You have worked as Marketing Manager, Maya Mentee's target role" in to_mentor
    assert "your target role" not in to_mentor and "than you\n" not in to_mentor
    assert OutboxMessage.objects.filter(kind="matching.match").count() == 4
    with pytest.raises(DomainError) as err:
        draft_publish(program=personas.program, by=personas.manager)
    assert "already published" in err.value.message


def test_it_publishes_directly_active_when_the_program_says_so(personas):
    Program.objects.filter(pk=personas.program.pk).update(publish_mode="active")
    personas.program.refresh_from_db()
    _run(personas)
    draft_publish(program=personas.program, by=personas.manager)
    assert Relationship.objects.get(mentee=personas.mentee).status == "active"


def test_it_publishes_nothing_when_one_pair_cannot_be_created(personas):
    mentees, _ = grow_cohort(personas, mentees=2, mentors=1)
    _run(personas)
    # Meanwhile the second mentee found a mentor another way.
    Relationship.objects.create(program=personas.program, mentee=mentees[1], mentor=personas.mentor)
    with pytest.raises(DomainError) as err:
        draft_publish(program=personas.program, by=personas.manager)
    assert "Nothing was published" in err.value.message
    assert Relationship.objects.count() == 1
    assert MatchExplanation.objects.count() == 0
    assert MatchRun.objects.get(purpose="run").published_at is None


def test_it_never_proposes_a_pair_who_asked_not_to_be_paired_again(personas):
    from mentora.recommendations.models import DoNotPair

    DoNotPair.objects.create(user=personas.mentee, other=personas.mentor)
    run = _run(personas)
    assert run.matched_count == 0
    u = run.unmatched.get()
    assert u.code == "constraints" and u.params["eliminated"] == {"do_not_pair": 1}


def test_it_records_the_publish_in_the_audit_log_and_tells_webhooks(personas):
    from mentora.audit.models import AuditEntry
    from mentora.integrations.models import WebhookDelivery
    from mentora.integrations.services import webhook_endpoint_create

    webhook_endpoint_create(
        by=personas.admin, name="HR", url="https://hr.example.com/hook", events=["match.published"]
    )
    _run(personas)
    draft_publish(program=personas.program, by=personas.manager)
    entry = AuditEntry.objects.get(action="matching.publish")
    assert entry.actor == personas.manager and entry.details["pairs"] == 1
    delivery = WebhookDelivery.objects.get(event="match.published")
    assert delivery.payload["data"]["count"] == 1
    assert delivery.payload["data"]["relationships"][0]["mentee_id"] == personas.mentee.pk
