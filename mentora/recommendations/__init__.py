"""Mentees choosing: ranked, explained recommendations and ordered mentor requests."""
