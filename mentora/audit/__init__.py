"""Audit log of administrative actions, readable by organization admins."""
