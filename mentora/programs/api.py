"""JSON API for programs."""

from ninja import Router

router = Router(tags=["programs"])
