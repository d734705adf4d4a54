"""Growth models."""
