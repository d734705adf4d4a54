"""Matching of mentees to mentors and coaches; the pure engine lives in ``engine``."""
