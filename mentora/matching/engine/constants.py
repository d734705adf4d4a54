"""Codes and sizes shared by the engine's inputs and its factors."""

from __future__ import annotations

import numpy as np

STYLE_AXES = 5
STYLE_LEVELS = 5
TRAITS = 5
MAX_YEARS = 40

# Importance codes of a style preference.
NO_PREFERENCE = 0
NICE_TO_HAVE = 1
IMPORTANT = 2
IMPORTANCE_WEIGHT = np.array([0.0, 0.5, 1.0])

# Meeting format codes.
EITHER = 0
REMOTE = 1
IN_PERSON = 2

# Cadence codes (0 = unknown).
CADENCES = ("", "weekly", "every two weeks", "monthly", "quarterly")

STYLE_AXIS_NAMES = (
    ("structured", "free-form"),
    ("directive", "exploratory"),
    ("challenging", "supportive"),
    ("big-picture", "hands-on"),
    ("formal", "casual"),
)

# Keys of the five style axes, in order (the profile's style fields).
STYLE_AXIS_KEYS = ("structure", "approach", "challenge", "focus", "channel")
