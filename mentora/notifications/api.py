"""JSON API for notifications."""

from ninja import Router

router = Router(tags=["notifications"])
