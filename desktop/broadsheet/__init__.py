"""Broadsheet: a desktop reader for news articles."""

__version__ = "0.2.2"
