"""Integrations models."""
