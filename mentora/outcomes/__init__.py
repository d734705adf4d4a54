"""Outcomes: surveys, paired pre/post statistics and program analytics."""
