"""Text analysis: key figures and named entities."""
