"""Growth JSON API."""

from ninja import Router

router = Router(tags=["growth"])
