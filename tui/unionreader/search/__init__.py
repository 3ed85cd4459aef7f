"""Search index and ranking over titles, entities and text."""
