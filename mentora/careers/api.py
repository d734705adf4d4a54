"""JSON API for careers."""

from ninja import Router

router = Router(tags=["careers"])
