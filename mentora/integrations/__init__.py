"""Integrations: single sign-on and outbound webhooks."""
