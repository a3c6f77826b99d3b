"""The words of kneefit's fixed vocabularies, for the renderers: kept in
:mod:`kneefit.value_words`, beside the vocabularies, where the core's reasons find them too."""

from kneefit.value_words import TAG_WORDS, WORDS, value_word, value_words

__all__ = ["TAG_WORDS", "WORDS", "value_word", "value_words"]
