"""Text layout shared by the reader and `show`: Chinese line breaking, an article as lines."""
