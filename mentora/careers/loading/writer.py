"""Write checked career data to the database; called by careerdata_load inside its transaction."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models

from mentora.careers.loading.bls import BlsData
from mentora.careers.loading.onet import OnetData
from mentora.careers.loading.sources import Progress
from mentora.careers.models import (
    AlternateTitle,
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

BATCH_SIZE = 5000
# Rows that only hang off occupations and elements: replaced wholesale on every load. Nothing
# refers to them, so each delete is one statement.
CHILD_MODELS: tuple[type[models.Model], ...] = (
    OccupationRating,
    LevelAnchor,
    AlternateTitle,
    RelatedOccupation,
    Technology,
    Task,
)


def write_onet(data: OnetData, progress: Progress) -> None:
    """Replace the O*NET rows with ``data``, keeping occupations and elements by their codes."""
    _upsert(JobZoneReference, data.job_zones, "zone")
    for model in CHILD_MODELS:
        model._default_manager.all().delete()
    _remove_missing(Occupation, "code", set(data.occupations))
    _upsert(Occupation, list(data.occupations.values()), "code")
    _remove_missing(Element, "id", set(data.elements))
    _upsert(Element, list(data.elements.values()), "id")
    _remove_missing(JobZoneReference, "zone", {z.zone for z in data.job_zones})
    progress(f"Wrote {len(data.occupations):,} occupations and {len(data.elements):,} elements")
    for label, rows in (
        ("titles", data.titles),
        ("skill and knowledge ratings", data.ratings),
        ("level anchors", data.anchors),
        ("related occupations", data.related),
        ("technologies", data.technologies),
        ("tasks", data.tasks),
    ):
        _insert(rows, label, progress)


def write_bls(data: BlsData, progress: Progress) -> None:
    """Replace every projection with those of ``data``."""
    Projection.objects.all().delete()
    _insert(data.projections, "projections", progress)


def _upsert(model: type[models.Model], rows: Sequence[models.Model], key: str) -> None:
    fields = [f.name for f in model._meta.concrete_fields if not f.primary_key and f.name != key]
    model._default_manager.bulk_create(
        rows,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=[key],
        update_fields=fields,
    )


def _remove_missing(model: type[models.Model], key: str, keep: set[object]) -> None:
    existing = set(model._default_manager.values_list(key, flat=True))
    gone = existing - keep
    if gone:
        model._default_manager.filter(**{f"{key}__in": gone}).delete()


def _insert(rows: Sequence[models.Model], label: str, progress: Progress) -> None:
    if not rows:
        progress(f"Wrote 0 {label}")
        return
    manager = type(rows[0])._default_manager
    for start in range(0, len(rows), BATCH_SIZE):
        manager.bulk_create(rows[start : start + BATCH_SIZE], batch_size=BATCH_SIZE)
    progress(f"Wrote {len(rows):,} {label}")
