"""Arsip Esai: clean scraped Indonesian opinion essays and build a themed archive."""

__version__ = "0.1.0"
