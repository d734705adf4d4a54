"""Matching models."""
