"""Brand language: ownership vs blame (tip 5), acknowledgement vs substantive replies,
personalisation and copy-paste templates (tip 4), in English and Norwegian.

The marker lexicons are regex data in :mod:`toolkit.language.lexicon` and can be extended
from the parameters with :func:`load_lexicon`. See ``docs/language.md``.
"""

from toolkit.language.lexicon import (
    BLAME_CATEGORIES,
    CATEGORIES,
    OWNERSHIP_CATEGORIES,
    REPLY_CATEGORIES,
    Lexicon,
    load_lexicon,
    normalise_lang,
)
from toolkit.language.ownership import (
    Promise,
    SentenceMatch,
    TextAnalysis,
    analyse_frame,
    analyse_text,
    detect_language,
    ownership_score,
    promised_updates,
    resolve_deadline,
    split_sentences,
)
from toolkit.language.replies import (
    PersonalSignals,
    is_signed,
    normalise,
    normalise_expr,
    personal_signals,
    reply_kind,
    reply_kinds,
    similarity,
    template_groups,
    template_ratio,
)

__all__ = [
    "BLAME_CATEGORIES",
    "CATEGORIES",
    "OWNERSHIP_CATEGORIES",
    "REPLY_CATEGORIES",
    "Lexicon",
    "PersonalSignals",
    "Promise",
    "SentenceMatch",
    "TextAnalysis",
    "analyse_frame",
    "analyse_text",
    "detect_language",
    "is_signed",
    "load_lexicon",
    "normalise",
    "normalise_expr",
    "normalise_lang",
    "ownership_score",
    "personal_signals",
    "promised_updates",
    "reply_kind",
    "reply_kinds",
    "resolve_deadline",
    "similarity",
    "split_sentences",
    "template_groups",
    "template_ratio",
]
