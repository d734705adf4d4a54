"""Audit log models."""
