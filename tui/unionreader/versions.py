"""Versions of what the caches hold: bump one whenever that code's output changes.

Kept apart from the code they describe so that checking a cache (every warm start) costs no
import of the parser, the analysers or the index builder.
"""

PARSER_VERSION = "5"  # corpus.pages: what a page dump splits into
FIGURES_VERSION = "1"  # analysis.figures: which figures, kinds and values
ENTITIES_VERSION = "33"  # analysis.entities: which names, types and spans


def analyser_version() -> str:
    """The analysis cache's key: parsing and both analysers together."""
    return f"p{PARSER_VERSION}-f{FIGURES_VERSION}-e{ENTITIES_VERSION}"
