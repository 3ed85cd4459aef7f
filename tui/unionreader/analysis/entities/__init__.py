"""People, organisations and places named in text: a trained tagger, word lists, genre rules."""

# The door: ner_spans (the scoring entry point: rules laid over the tagger), rule_spans (the rules
# alone, for training) and entities_for_article (an article's names with their mentions).
from unionreader.analysis.entities.article import entities_for_article
from unionreader.analysis.entities.extract import ner_spans
from unionreader.analysis.entities.rules import rule_spans
from unionreader.analysis.entities.sentence import LOC, ORG, PER
from unionreader.versions import ENTITIES_VERSION  # bumped there when ner_spans changes

__all__ = [
    "ENTITIES_VERSION",
    "LOC",
    "ORG",
    "PER",
    "entities_for_article",
    "ner_spans",
    "rule_spans",
]
