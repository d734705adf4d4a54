"""Recommendations models."""
