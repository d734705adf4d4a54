"""Audit log JSON API."""

from ninja import Router

router = Router(tags=["audit"])
