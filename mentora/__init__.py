"""Mentora: open-source career coaching and mentoring."""
