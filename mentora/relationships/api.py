"""JSON API for relationships."""

from ninja import Router

router = Router(tags=["relationships"])
