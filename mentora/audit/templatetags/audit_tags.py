"""The audit log's details as people read them: "Key prefix", "258, 260", "yes"."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def detail_key(key: str) -> str:
    """A recorded field name as a label: "key_prefix" reads "Key prefix"."""
    return str(key).replace("_", " ").strip().capitalize()


@register.filter
def detail_value(value: Any) -> str:
    """A recorded value in words: lists joined, yes/no for booleans, "—" for nothing."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(detail_value(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{detail_key(k)} {detail_value(v)}" for k, v in value.items())
    return str(value).replace("_", " ") if str(value).isidentifier() else str(value)
