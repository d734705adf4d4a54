"""Read and check the O*NET text release, producing unsaved model rows for the loader to write."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mentora.careers.loading.errors import DataFileError
from mentora.careers.loading.sources import OnetRelease, Progress
from mentora.careers.loading.tsv import Row, Table
from mentora.careers.models import (
    AlternateTitle,
    Element,
    JobZoneReference,
    LevelAnchor,
    Occupation,
    OccupationRating,
    RelatedOccupation,
    Task,
    Technology,
)

CODE = "O*NET-SOC Code"
RATING_COLUMNS = (
    CODE,
    "Element ID",
    "Element Name",
    "Scale ID",
    "Data Value",
    "Recommend Suppress",
    "Not Relevant",
)
# Every file the loader reads and the columns it needs; the official zip holds more files.
FILES: dict[str, tuple[str, ...]] = {
    "Occupation Data.txt": (CODE, "Title", "Description"),
    "Job Zone Reference.txt": (
        "Job Zone",
        "Name",
        "Experience",
        "Education",
        "Job Training",
        "Examples",
        "SVP Range",
    ),
    "Job Zones.txt": (CODE, "Job Zone"),
    "Alternate Titles.txt": (CODE, "Alternate Title", "Short Title", "Source(s)"),
    "Sample of Reported Titles.txt": (CODE, "Reported Job Title", "Shown in My Next Move"),
    "Content Model Reference.txt": ("Element ID", "Element Name", "Description"),
    "Skills.txt": RATING_COLUMNS,
    "Knowledge.txt": RATING_COLUMNS,
    "Level Scale Anchors.txt": ("Element ID", "Scale ID", "Anchor Value", "Anchor Description"),
    "Related Occupations.txt": (CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"),
    "Technology Skills.txt": (CODE, "Example", "Commodity Title", "Hot Technology", "In Demand"),
    "Task Statements.txt": (CODE, "Task ID", "Task", "Task Type"),
}
CHECKSUMMED = (*FILES, "Read Me.txt")
TIERS = {
    "Primary-Short": RelatedOccupation.Tier.PRIMARY_SHORT,
    "Primary-Long": RelatedOccupation.Tier.PRIMARY_LONG,
    "Supplemental": RelatedOccupation.Tier.SUPPLEMENTAL,
}
TASK_KINDS = {"Core": Task.Kind.CORE, "Supplemental": Task.Kind.SUPPLEMENTAL, "": Task.Kind.UNRATED}


@dataclass
class OnetData:
    """Everything read from one O*NET release, checked and ready to write."""

    version: str
    published: str
    checksum: str = ""
    job_zones: list[JobZoneReference] = field(default_factory=list)
    occupations: dict[str, Occupation] = field(default_factory=dict)
    titles: list[AlternateTitle] = field(default_factory=list)
    elements: dict[str, Element] = field(default_factory=dict)
    ratings: list[OccupationRating] = field(default_factory=list)
    anchors: list[LevelAnchor] = field(default_factory=list)
    related: list[RelatedOccupation] = field(default_factory=list)
    technologies: list[Technology] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"O*NET {self.version} Database"

    def counts(self) -> dict[str, int]:
        return {
            "occupations": len(self.occupations),
            "titles": len(self.titles),
            "elements": len(self.elements),
            "ratings": len(self.ratings),
            "level_anchors": len(self.anchors),
            "related_occupations": len(self.related),
            "technologies": len(self.technologies),
            "tasks": len(self.tasks),
            "job_zones": len(self.job_zones),
        }


def read_onet(release: OnetRelease, progress: Progress) -> OnetData:
    """Read every file the loader needs from ``release``; raise DataFileError on the first fault."""
    missing = [name for name in FILES if not release.has(name)]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        raise DataFileError(
            f"missing file{'s' if len(missing) > 1 else ''} {names} — use the complete O*NET "
            "text release (db_NN_N_text.zip) or its unpacked folder",
            file=release.label,
        )
    data = OnetData(*_version(release))
    _read_job_zone_reference(data, _table(release, "Job Zone Reference.txt", progress))
    _read_occupations(data, _table(release, "Occupation Data.txt", progress))
    _read_job_zones(data, _table(release, "Job Zones.txt", progress))
    _read_alternate_titles(data, _table(release, "Alternate Titles.txt", progress))
    _read_reported_titles(data, _table(release, "Sample of Reported Titles.txt", progress))
    descriptions = _read_content_model(_table(release, "Content Model Reference.txt", progress))
    for filename, kind in (
        ("Skills.txt", Element.Kind.SKILL),
        ("Knowledge.txt", Element.Kind.KNOWLEDGE),
    ):
        _read_ratings(data, _table(release, filename, progress), kind, descriptions)
    _read_anchors(data, _table(release, "Level Scale Anchors.txt", progress))
    _read_related(data, _table(release, "Related Occupations.txt", progress))
    _read_technologies(data, _table(release, "Technology Skills.txt", progress))
    _read_tasks(data, _table(release, "Task Statements.txt", progress))
    data.checksum = release.checksum(CHECKSUMMED)
    return data


def _table(release: OnetRelease, filename: str, progress: Progress) -> Table:
    progress(f"Reading {filename}")
    return Table(filename, release.read_text(filename), FILES[filename])


def _version(release: OnetRelease) -> tuple[str, str]:
    """Version and publication month from 'Read Me.txt', else from the folder name."""
    if release.has("Read Me.txt"):
        text = release.read_text("Read Me.txt")
        version = re.search(r"O\*NET\s+([\d.]+)\s+Database", text)
        published = re.search(r"([A-Z][a-z]+ \d{4}) Release", text)
        if version:
            return version.group(1), published.group(1) if published else ""
    match = re.search(r"db_(\d+)_(\d+)", release.name)
    return (f"{match.group(1)}.{match.group(2)}" if match else "unknown version"), ""


def _occupation_code(data: OnetData, row: Row, column: str = CODE) -> str:
    code = row.code(column)
    if code not in data.occupations:
        raise row.error(f"unknown O*NET-SOC code '{code}' (not in Occupation Data.txt)", column)
    return code


def _read_job_zone_reference(data: OnetData, table: Table) -> None:
    for row in table:
        zone = row.integer("Job Zone", low=1, high=5)
        if any(z.zone == zone for z in data.job_zones):
            raise row.error(f"job zone {zone} appears twice", "Job Zone")
        data.job_zones.append(
            JobZoneReference(
                zone=zone,
                name=row.text("Name"),
                experience=row.text("Experience", required=False),
                education=row.text("Education", required=False),
                job_training=row.text("Job Training", required=False),
                examples=row.text("Examples", required=False),
                svp_range=row.text("SVP Range", required=False),
            )
        )


def _read_occupations(data: OnetData, table: Table) -> None:
    for row in table:
        code = row.code(CODE)
        if code in data.occupations:
            raise row.error(f"occupation {code} appears twice", CODE)
        data.occupations[code] = Occupation(
            code=code,
            title=row.text("Title"),
            description=row.text("Description", required=False),
            soc_code=code[:7],
        )
    if not data.occupations:
        raise DataFileError("holds no occupations", file=table.filename)


def _read_job_zones(data: OnetData, table: Table) -> None:
    zones = {z.zone for z in data.job_zones}
    for row in table:
        occupation = data.occupations[_occupation_code(data, row)]
        zone = row.integer("Job Zone", low=1, high=5)
        if zone not in zones:
            raise row.error(f"job zone {zone} is not in Job Zone Reference.txt", "Job Zone")
        occupation.job_zone_id = zone


def _read_alternate_titles(data: OnetData, table: Table) -> None:
    for row in table:
        code = _occupation_code(data, row)
        source = row.text("Source(s)", required=False)
        for column, kind in (
            ("Alternate Title", AlternateTitle.Kind.ALTERNATE),
            ("Short Title", AlternateTitle.Kind.SHORT),
        ):
            title = row.text(column, required=kind == AlternateTitle.Kind.ALTERNATE)
            if title:
                data.titles.append(
                    AlternateTitle(occupation_id=code, title=title, kind=kind, source=source)
                )


def _read_reported_titles(data: OnetData, table: Table) -> None:
    for row in table:
        code = _occupation_code(data, row)
        shown = row.flag("Shown in My Next Move")
        data.titles.append(
            AlternateTitle(
                occupation_id=code,
                title=row.text("Reported Job Title"),
                kind=AlternateTitle.Kind.REPORTED,
                source="My Next Move" if shown else "",
            )
        )


def _read_content_model(table: Table) -> dict[str, str]:
    return {row.text("Element ID"): row.text("Description", required=False) for row in table}


def _read_ratings(data: OnetData, table: Table, kind: str, descriptions: dict[str, str]) -> None:
    by_pair: dict[tuple[str, str], OccupationRating] = {}
    seen: set[tuple[str, str, str]] = set()
    for row in table:
        scale = row.text("Scale ID")
        if scale not in {"IM", "LV"}:
            continue
        code = _occupation_code(data, row)
        element_id = row.text("Element ID")
        if element_id not in descriptions:
            raise row.error(
                f"unknown element '{element_id}' (not in Content Model Reference.txt)",
                "Element ID",
            )
        if (code, element_id, scale) in seen:
            raise row.error(f"a second {scale} rating for {code} / {element_id}", "Scale ID")
        seen.add((code, element_id, scale))
        element = data.elements.get(element_id)
        if element is None:
            element = data.elements[element_id] = Element(
                id=element_id,
                name=row.text("Element Name"),
                description=descriptions[element_id],
                kind=kind,
            )
        elif element.kind != kind:
            raise row.error(f"element {element_id} is rated both as a skill and knowledge")
        rating = by_pair.get((code, element_id))
        if rating is None:
            rating = by_pair[(code, element_id)] = OccupationRating(
                occupation_id=code, element_id=element_id
            )
        if scale == "IM":
            rating.importance = row.number("Data Value", low=1, high=5)
        else:
            rating.level = row.number("Data Value", low=0, high=7)
            rating.not_relevant = row.flag("Not Relevant")
        rating.suppressed = rating.suppressed or row.flag("Recommend Suppress")
    data.ratings.extend(by_pair.values())


def _read_anchors(data: OnetData, table: Table) -> None:
    seen: set[tuple[str, float]] = set()
    for row in table:
        element_id = row.text("Element ID")
        if row.text("Scale ID") != "LV" or element_id not in data.elements:
            continue  # anchors of abilities and work activities are not stored
        value = row.number("Anchor Value", low=0, high=7)
        if (element_id, value) in seen:
            continue
        seen.add((element_id, value))
        data.anchors.append(
            LevelAnchor(element_id=element_id, value=value, text=row.text("Anchor Description"))
        )


def _read_related(data: OnetData, table: Table) -> None:
    seen: set[tuple[str, str]] = set()
    for row in table:
        code = _occupation_code(data, row)
        related = _occupation_code(data, row, "Related O*NET-SOC Code")
        tier = row.text("Relatedness Tier")
        if tier not in TIERS:
            raise row.error(
                f"unknown tier '{tier}' (expected one of {', '.join(TIERS)})", "Relatedness Tier"
            )
        if (code, related) in seen or code == related:
            continue
        seen.add((code, related))
        data.related.append(
            RelatedOccupation(
                from_occupation_id=code,
                to_occupation_id=related,
                tier=TIERS[tier],
                rank=row.integer("Index", low=1, high=1000),
            )
        )


def _read_technologies(data: OnetData, table: Table) -> None:
    for row in table:
        data.technologies.append(
            Technology(
                occupation_id=_occupation_code(data, row),
                name=row.text("Example"),
                category=row.text("Commodity Title", required=False),
                hot=row.flag("Hot Technology"),
                in_demand=row.flag("In Demand"),
            )
        )


def _read_tasks(data: OnetData, table: Table) -> None:
    for row in table:
        kind = row.text("Task Type", required=False)
        if kind not in TASK_KINDS:
            raise row.error(
                f"unknown task type '{kind}' (expected Core, Supplemental or empty)", "Task Type"
            )
        data.tasks.append(
            Task(
                occupation_id=_occupation_code(data, row),
                onet_id=row.integer("Task ID", low=0),
                text=row.text("Task"),
                kind=TASK_KINDS[kind],
            )
        )
