"""Fragola: a platform for Italian social co-operatives and their consortia."""

__version__ = "0.1.0"
