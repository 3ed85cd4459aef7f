"""A character-level CRF that tags people, places and organisations, trained on labelled news."""
