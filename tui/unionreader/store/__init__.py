"""Bookmarks, reading state and the analysis cache."""
