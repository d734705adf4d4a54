"""Benchmarks: print numbers, never asserted in the test suite."""
