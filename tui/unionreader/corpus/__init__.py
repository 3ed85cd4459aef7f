"""Files to articles: finding and decoding files, splitting page dumps."""
