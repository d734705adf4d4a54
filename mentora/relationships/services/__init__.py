"""Writes on relationships; import the service you need from its module."""
