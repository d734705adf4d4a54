"""Career data: O*NET occupations with their skills, tasks and technologies, and BLS projections.

Rows are written only by the loader (`mentora careerdata load`); pages and the API read them.
Occupations and elements are keyed by their official codes, so a reload keeps references stable.
"""

from __future__ import annotations

from django.db import models


class DataReleaseQuerySet(models.QuerySet["DataRelease"]):
    def current(self, source: str) -> DataRelease | None:
        """The release of ``source`` loaded most recently, if any."""
        return self.filter(source=source).order_by("-loaded_at", "-pk").first()


class DataRelease(models.Model):
    """One release of a career-data source as loaded into this database, and when."""

    class Source(models.TextChoices):
        ONET = "onet", "O*NET database"
        BLS_EP = "bls_ep", "BLS Employment Projections"

    source = models.CharField(max_length=10, choices=Source.choices)
    version = models.CharField(max_length=40, help_text="For example 29.3 or 2024–34.")
    title = models.CharField(max_length=200)
    published = models.CharField(max_length=40, blank=True, help_text="As the release says it.")
    data_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year the figures describe (projections: base year)."
    )
    projection_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Projections only: the year projected to."
    )
    location = models.CharField(max_length=500, help_text="Path or URL it was loaded from.")
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the files read.")
    counts = models.JSONField(default=dict, blank=True)
    loaded_at = models.DateTimeField()

    objects = DataReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-loaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["source", "checksum"], name="careers_release_once"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (loaded {self.loaded_at:%Y-%m-%d})"


class JobZoneReference(models.Model):
    """What one O*NET job zone (1–5: how much preparation a job needs) means."""

    zone = models.PositiveSmallIntegerField(primary_key=True)
    name = models.CharField(max_length=200)
    experience = models.TextField()
    education = models.TextField()
    job_training = models.TextField()
    examples = models.TextField()
    svp_range = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["zone"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(zone__gte=1, zone__lte=5), name="careers_job_zone_1_5"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Occupation(models.Model):
    """An O*NET-SOC occupation, such as 15-1252.00 Software Developers."""

    code = models.CharField("O*NET-SOC code", max_length=10, primary_key=True)
    title = models.CharField(max_length=200)
    description = models.TextField()
    job_zone = models.ForeignKey(
        JobZoneReference, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    soc_code = models.CharField("SOC code", max_length=7, db_index=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AlternateTitle(models.Model):
    """Another name for an occupation, as employers or incumbents use it (for title search)."""

    class Kind(models.TextChoices):
        ALTERNATE = "alternate", "Alternate title"
        SHORT = "short", "Short title"
        REPORTED = "reported", "Reported title"

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="titles")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    source = models.CharField(
        max_length=60, blank=True, help_text="O*NET source codes, or 'My Next Move' for reported."
    )

    class Meta:
        ordering = ["occupation", "kind", "title"]

    def __str__(self) -> str:
        return self.title


class Element(models.Model):
    """A skill or knowledge area of the O*NET content model, like 2.A.1.a Reading Comprehension."""

    class Kind(models.TextChoices):
        SKILL = "skill", "Skill"
        KNOWLEDGE = "knowledge", "Knowledge"

    id = models.CharField("element ID", max_length=20, primary_key=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class OccupationRatingQuerySet(models.QuerySet["OccupationRating"]):
    def reliable(self) -> OccupationRatingQuerySet:
        """Ratings fit to show: not flagged for suppression, not marked not relevant."""
        return self.filter(suppressed=False, not_relevant=False, importance__isnull=False)


class OccupationRating(models.Model):
    """How important a skill or knowledge area is to an occupation (1–5), at what level (0–7)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="ratings")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="ratings")
    importance = models.FloatField(null=True, blank=True)
    level = models.FloatField(null=True, blank=True)
    suppressed = models.BooleanField(
        default=False, help_text="O*NET recommends suppressing the estimate (low precision)."
    )
    not_relevant = models.BooleanField(default=False)

    objects = OccupationRatingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "element"], name="careers_rating_once"),
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} {self.element_id}: {self.importance}/{self.level}"


class LevelAnchor(models.Model):
    """What a level value of a skill or knowledge area looks like in practice."""

    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="anchors")
    value = models.FloatField()
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["element", "value"]
        constraints = [
            models.UniqueConstraint(fields=["element", "value"], name="careers_anchor_once"),
        ]

    def __str__(self) -> str:
        return f"{self.element_id} {self.value}: {self.text}"


class RelatedOccupation(models.Model):
    """An occupation O*NET lists as related to another, ranked within a relatedness tier."""

    class Tier(models.TextChoices):
        PRIMARY_SHORT = "primary_short", "Primary-Short"
        PRIMARY_LONG = "primary_long", "Primary-Long"
        SUPPLEMENTAL = "supplemental", "Supplemental"

    from_occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="related_links"
    )
    to_occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    tier = models.CharField(max_length=15, choices=Tier.choices)
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["from_occupation", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_occupation", "to_occupation"], name="careers_related_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_occupation_id} → {self.to_occupation_id} ({self.rank})"


class Technology(models.Model):
    """A technology used in an occupation, flagged when hot or in demand in job postings."""

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="technologies"
    )
    name = models.CharField(max_length=300)
    category = models.CharField(max_length=200, blank=True)
    hot = models.BooleanField(default=False)
    in_demand = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "technologies"
        ordering = ["occupation", "name"]

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    """A task statement for an occupation; core tasks are the most critical."""

    class Kind(models.TextChoices):
        CORE = "core", "Core"
        SUPPLEMENTAL = "supplemental", "Supplemental"
        UNRATED = "", "Not rated"

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="tasks")
    onet_id = models.PositiveIntegerField("O*NET task ID")
    text = models.TextField()
    kind = models.CharField(max_length=15, choices=Kind.choices, blank=True)

    class Meta:
        ordering = ["occupation", "onet_id"]

    def __str__(self) -> str:
        return self.text[:80]


class Projection(models.Model):
    """BLS employment projection and worker characteristics for one SOC occupation or group.

    Counts are people (the workbook gives thousands); the years are on the BLS DataRelease.
    """

    class Kind(models.TextChoices):
        LINE_ITEM = "line_item", "Line item"
        SUMMARY = "summary", "Summary"

    soc_code = models.CharField("SOC code", max_length=7, unique=True)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    employment_base = models.PositiveIntegerField(help_text="Employment in the base year.")
    employment_projected = models.PositiveIntegerField(help_text="Employment in the target year.")
    change_number = models.IntegerField()
    change_percent = models.FloatField()
    annual_openings = models.PositiveIntegerField()
    median_wage = models.PositiveIntegerField(null=True, blank=True, help_text="US dollars a year.")
    entry_education = models.CharField(max_length=100, blank=True)
    work_experience = models.CharField(max_length=100, blank=True)
    job_training = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["soc_code"]

    def __str__(self) -> str:
        return f"{self.soc_code} {self.title}"
