"""`{% sso_button %}`: the "Sign in with <provider>" link, shown only when SSO is set up."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.integrations.sso import provider_name, sso_enabled

register = template.Library()


@register.inclusion_tag("integrations/sso_button.html", takes_context=True)
def sso_button(context: dict[str, Any]) -> dict[str, Any]:
    return {"enabled": sso_enabled(), "name": provider_name(), "next": context.get("next", "")}
