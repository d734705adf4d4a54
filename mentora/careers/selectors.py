"""Reads across the career-data models: the role insight of one occupation."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from mentora.careers.attribution import Attribution, attribution
from mentora.careers.models import (
    DataRelease,
    Element,
    JobZoneReference,
    LevelAnchor,
    Occupation,
    OccupationRating,
    Projection,
    RelatedOccupation,
    Task,
    Technology,
)

TOP_ELEMENTS = 10
TOP_TECHNOLOGIES = 30


@dataclass(frozen=True)
class RatedElement:
    """A skill or knowledge area with how much the occupation needs it."""

    id: str
    name: str
    description: str
    importance: float
    level: float | None
    level_example: str
    """What work at about this level looks like (the nearest O*NET level anchor)."""


@dataclass(frozen=True)
class RelatedRole:
    """An occupation related to the one shown, with its preparation level."""

    code: str
    title: str
    job_zone: int | None
    tier: str
    rank: int


@dataclass(frozen=True)
class Outlook:
    """BLS projection for the occupation, or for the broader BLS group that holds it."""

    soc_code: str
    title: str
    exact: bool
    base_year: int | None
    projected_year: int | None
    employment_base: int
    employment_projected: int
    change_number: int
    change_percent: float
    annual_openings: int
    median_wage: int | None
    entry_education: str
    work_experience: str
    job_training: str


SHIPPED_ONET_NAME = "onet_subset.zip"  # mentora/careers/data/, see services.SHIPPED_ONET


@dataclass(frozen=True)
class Releases:
    """The career-data releases in use, for data years and attribution."""

    onet: DataRelease | None
    bls: DataRelease | None

    @property
    def shipped_subset(self) -> bool:
        """True when the O*NET data is the subset shipped with Mentora, not a full release."""
        return bool(self.onet and self.onet.location.endswith(SHIPPED_ONET_NAME))

    @property
    def occupation_count(self) -> int:
        return int(self.onet.counts.get("occupations", 0)) if self.onet else 0

    @property
    def attribution(self) -> Attribution:
        return attribution(
            self.onet.version if self.onet else None, self.bls.version if self.bls else None
        )


@dataclass(frozen=True)
class OccupationInsight:
    """Everything the role-insight page and API show about one occupation."""

    occupation: Occupation
    job_zone: JobZoneReference | None
    has_ratings: bool
    skills: list[RatedElement]
    knowledge: list[RatedElement]
    technologies: list[Technology]
    technology_count: int
    tasks: list[Task]
    step_up: list[RelatedRole]
    step_across: list[RelatedRole]
    outlook: Outlook | None
    releases: Releases
    notes: list[str] = field(default_factory=list)

    @property
    def attribution(self) -> Attribution:
        return self.releases.attribution


def current_releases() -> Releases:
    """The O*NET and BLS releases loaded most recently (one query)."""
    latest: dict[str, DataRelease] = {}
    for release in DataRelease.objects.order_by("-loaded_at", "-pk"):
        latest.setdefault(release.source, release)
    return Releases(
        onet=latest.get(DataRelease.Source.ONET), bls=latest.get(DataRelease.Source.BLS_EP)
    )


def soc_candidates(onet_code: str) -> list[str]:
    """SOC codes to try for an O*NET code, most specific first: 15-1252.00 → 15-1252, then the
    broad group 15-1250, then the minor group 15-1200 (BLS groups some occupations)."""
    soc = onet_code[:7]
    return list(dict.fromkeys([soc, soc[:6] + "0", soc[:5] + "00"]))


def occupation_insight(code: str) -> OccupationInsight | None:
    """The role insight for an O*NET-SOC code, or None when no such occupation is loaded."""
    occupation = Occupation.objects.select_related("job_zone").filter(code=code).first()
    if occupation is None:
        return None
    skills, knowledge, has_ratings = _ratings(occupation)
    technologies = list(
        Technology.objects.filter(occupation=occupation)
        .filter(Q(hot=True) | Q(in_demand=True))
        .order_by("-in_demand", "-hot", "name")
    )
    tasks = list(Task.objects.filter(occupation=occupation).order_by("kind", "onet_id"))
    tasks.sort(key=lambda t: (t.kind != Task.Kind.CORE, t.kind != Task.Kind.SUPPLEMENTAL))
    step_up, step_across = _related(occupation)
    releases = current_releases()
    notes = []
    if not (has_ratings or tasks or technologies or step_up or step_across):
        notes.append(
            "O*NET publishes only a title and description for this occupation: no skills, "
            "tasks, technologies or related roles."
        )
    elif not has_ratings:
        notes.append(
            "O*NET has not yet rated the skills and knowledge of this occupation. Its tasks, "
            "technologies and related roles below still show what the work involves."
        )
    return OccupationInsight(
        occupation=occupation,
        job_zone=occupation.job_zone,
        has_ratings=has_ratings,
        skills=skills,
        knowledge=knowledge,
        technologies=technologies[:TOP_TECHNOLOGIES],
        technology_count=len(technologies),
        tasks=tasks,
        step_up=step_up,
        step_across=step_across,
        outlook=_outlook(occupation, releases.bls),
        releases=releases,
        notes=notes,
    )


def _ratings(occupation: Occupation) -> tuple[list[RatedElement], list[RatedElement], bool]:
    ratings = list(
        OccupationRating.objects.filter(occupation=occupation)
        .select_related("element")
        .order_by("-importance", "-level", "element_id")
    )
    shown = [r for r in ratings if not r.suppressed and not r.not_relevant and r.importance]
    top = {
        kind: [r for r in shown if r.element.kind == kind][:TOP_ELEMENTS]
        for kind in (Element.Kind.SKILL, Element.Kind.KNOWLEDGE)
    }
    anchors: dict[str, list[LevelAnchor]] = {}
    element_ids = [r.element_id for rows in top.values() for r in rows]
    for anchor in LevelAnchor.objects.filter(element_id__in=element_ids).order_by("value"):
        anchors.setdefault(anchor.element_id, []).append(anchor)

    def rated(rating: OccupationRating) -> RatedElement:
        example = ""
        if rating.level is not None and anchors.get(rating.element_id):
            level = rating.level
            example = min(anchors[rating.element_id], key=lambda a: abs(a.value - level)).text
        return RatedElement(
            id=rating.element_id,
            name=rating.element.name,
            description=rating.element.description,
            importance=rating.importance or 0.0,
            level=rating.level,
            level_example=example,
        )

    return (
        [rated(r) for r in top[Element.Kind.SKILL]],
        [rated(r) for r in top[Element.Kind.KNOWLEDGE]],
        bool(ratings),
    )


def _related(occupation: Occupation) -> tuple[list[RelatedRole], list[RelatedRole]]:
    """Related roles split into a step up (a higher job zone) and a step across (the rest)."""
    links = (
        RelatedOccupation.objects.filter(from_occupation=occupation)
        .select_related("to_occupation")
        .order_by("rank")
    )
    step_up: list[RelatedRole] = []
    step_across: list[RelatedRole] = []
    for link in links:
        other = link.to_occupation
        role = RelatedRole(
            code=other.code,
            title=other.title,
            job_zone=other.job_zone_id,
            tier=link.get_tier_display(),
            rank=link.rank,
        )
        higher = (
            occupation.job_zone_id is not None
            and other.job_zone_id is not None
            and other.job_zone_id > occupation.job_zone_id
        )
        (step_up if higher else step_across).append(role)
    return step_up, step_across


def _outlook(occupation: Occupation, release: DataRelease | None) -> Outlook | None:
    candidates = soc_candidates(occupation.code)
    found = {p.soc_code: p for p in Projection.objects.filter(soc_code__in=candidates)}
    for soc in candidates:
        projection = found.get(soc)
        if projection is None:
            continue
        return Outlook(
            soc_code=projection.soc_code,
            title=projection.title,
            exact=soc == candidates[0],
            base_year=release.data_year if release else None,
            projected_year=release.projection_year if release else None,
            employment_base=projection.employment_base,
            employment_projected=projection.employment_projected,
            change_number=projection.change_number,
            change_percent=projection.change_percent,
            annual_openings=projection.annual_openings,
            median_wage=projection.median_wage,
            entry_education=projection.entry_education,
            work_experience=projection.work_experience,
            job_training=projection.job_training,
        )
    return None
