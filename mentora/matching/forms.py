"""Forms of the matching workbench: pins and forbids, moves, what-if weights and constraints."""

from __future__ import annotations

from typing import Any

from django import forms

from mentora.matching.engine import FACTORS
from mentora.matching.engine.factors import DEFAULT_WEIGHTS
from mentora.matching.models import MatchRule
from mentora.matching.services import FACTOR_LABELS, PRIORITIES
from mentora.programs.models import Enrollment, Program


def _people(program: Program, role: str) -> list[tuple[str, str]]:
    rows = (
        Enrollment.objects.approved()
        .filter(program=program, role=role)
        .select_related("user")
        .order_by("user__full_name")
    )
    return [(str(e.user_id), e.user.full_name) for e in rows]


class RuleForm(forms.Form):
    """Pin or forbid one pair."""

    kind = forms.ChoiceField(choices=MatchRule.Kind.choices, label="Rule")
    mentee = forms.TypedChoiceField(coerce=int, label="Mentee")
    mentor = forms.TypedChoiceField(coerce=int, label="Mentor")
    note = forms.CharField(required=False, max_length=300, label="Note (optional)")

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentee"].label = program.mentee_label.capitalize()
        self.fields["mentor"].label = program.mentor_label.capitalize()
        mentee_field, mentor_field = self.fields["mentee"], self.fields["mentor"]
        assert isinstance(mentee_field, forms.ChoiceField)
        assert isinstance(mentor_field, forms.ChoiceField)
        mentee_field.choices = _people(program, Enrollment.Role.MENTEE)
        mentor_field.choices = _people(program, Enrollment.Role.MENTOR)


class _FitFloorFields(forms.Form):
    """The priority and the fit floor of "only good fits" (shared by the priority and what-if
    forms)."""

    priority = forms.ChoiceField(
        choices=list(PRIORITIES.items()), widget=forms.RadioSelect, label="Priority"
    )
    floor_role = forms.BooleanField(
        required=False,
        label="A good fit has held the target role, a related role or one in its family",
    )
    floor_skills = forms.IntegerField(
        min_value=0, max_value=20, initial=0,
        label="Or shares at least this many of the skills wanted (0 = not counted)",
    )
    min_score = forms.IntegerField(
        min_value=0, max_value=100, initial=0, label="And scores at least (out of 100, 0 = off)"
    )

    def _label_floor(self, program: Program | None) -> None:
        if program is not None:
            self.fields["floor_role"].label = (
                f"A good fit: the {program.mentor_label} has held the {program.mentee_label}'s "
                "target role, a related role or one in its family"
            )

    def _clean_floor(self, data: dict[str, Any]) -> None:
        if (data.get("priority") == "good_fits" and not data.get("floor_role")
                and not data.get("floor_skills") and not data.get("min_score")
                and not self.errors):
            self.add_error(
                "priority",
                "“Match only good fits” needs a fit floor: count a related career role, a "
                "number of shared skills, or a minimum score.",
            )

    def floor_constraints(self) -> dict[str, Any]:
        """The fit floor as the engine's constraints (``fit_floor`` off for "as many")."""
        d = self.cleaned_data
        if not d.get("priority"):
            return {}
        if d["priority"] != "good_fits":
            return {"fit_floor": False}
        return {"fit_floor": True, "floor_role": bool(d["floor_role"]),
                "floor_skills": int(d["floor_skills"] or 0),
                "min_score": int(d["min_score"] or 0) / 100}


class WhatIfForm(_FitFloorFields):
    """Factor weights, the priority and hard constraints to try."""

    objective = forms.ChoiceField(
        choices=[("total", "Best total fit"), ("fair", "Best lowest fit (fairest)")],
        label="Optimise for",
    )
    reporting_line_depth = forms.IntegerField(
        min_value=0, max_value=10, label="No pairs within this many reporting levels (0 = off)"
    )
    require_shared_language = forms.BooleanField(required=False, label="Require a shared language")
    min_overlap_hours = forms.FloatField(
        min_value=0, max_value=168, label="Minimum shared hours a week"
    )
    min_experience_gap_years = forms.IntegerField(
        min_value=0,
        max_value=40,
        required=False,
        label="Mentor has at least this many more years (blank = off)",
    )

    def __init__(
        self, *args: Any, weights: dict, program: Program | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._label_floor(program)
        # Left out (an older page or script): the program's own priority applies.
        for name in ("priority", "floor_skills", "min_score"):
            self.fields[name].required = False
        if program is not None:  # in the program's words: "Coach has at least …"
            self.fields["min_experience_gap_years"].label = (
                f"{program.mentor_label.capitalize()} has at least this many more years "
                "(blank = off)"
            )
        for factor in FACTORS:
            self.fields[f"w_{factor}"] = forms.FloatField(
                min_value=0,
                max_value=100,
                label=f"Weight: {FACTOR_LABELS[factor]}",
                # a draft from before the factor existed: its default weight
                initial=weights.get(factor, DEFAULT_WEIGHTS[factor]),
            )
        # Weights first, then the constraints.
        order = [f"w_{f}" for f in FACTORS] + [
            "objective",
            "priority",
            "floor_role",
            "floor_skills",
            "min_score",
            "reporting_line_depth",
            "require_shared_language",
            "min_overlap_hours",
            "min_experience_gap_years",
        ]
        self.order_fields(order)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(not data.get(f"w_{f}") for f in FACTORS if f"w_{f}" in data) and not self.errors:
            raise forms.ValidationError("At least one weight must be above 0.")
        self._clean_floor(data)
        return data

    def weights(self) -> dict[str, float]:
        return {f: self.cleaned_data[f"w_{f}"] for f in FACTORS}

    def constraints(self) -> dict[str, Any]:
        keys = (
            "reporting_line_depth",
            "require_shared_language",
            "min_overlap_hours",
            "min_experience_gap_years",
        )
        return {**{k: self.cleaned_data[k] for k in keys}, **self.floor_constraints()}


class PriorityForm(_FitFloorFields):
    """What the program's matching puts first, and the fit floor of "only good fits"."""

    def __init__(self, *args: Any, program: Program | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._label_floor(program)


class PublishForm(forms.Form):
    """The first paragraph of every match message, shown in the preview."""

    intro = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=1000, required=False,
        label="Introduction (first paragraph of every message)",
    )


class WithdrawForm(forms.Form):
    """Why a published match is withdrawn (told to both people)."""

    reason = forms.CharField(max_length=500, required=False, label="Reason (told to both)")
