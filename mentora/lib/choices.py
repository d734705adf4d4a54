"""Vocabularies every app shares (career level, how often and how people meet).

Plain TextChoices with no models, so any app imports them downward; `people.models` re-exports
them for older imports.
"""

from __future__ import annotations

from django.db import models


class Level(models.TextChoices):
    ENTRY = "entry", "Entry level"
    ASSOCIATE = "associate", "Associate"
    MID = "mid", "Mid level"
    SENIOR = "senior", "Senior"
    LEAD = "lead", "Lead / principal"
    MANAGER = "manager", "Manager"
    DIRECTOR = "director", "Director"
    EXECUTIVE = "executive", "Executive"


LEVEL_ORDER = {value: index for index, value in enumerate(Level.values)}


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    BIWEEKLY = "biweekly", "Every two weeks"
    MONTHLY = "monthly", "Monthly"


class MeetingFormat(models.TextChoices):
    REMOTE = "remote", "Remote"
    IN_PERSON = "in_person", "In person"
    EITHER = "either", "Either"
