"""Stop lists per language, taken from jusText (100 languages, Wikipedia-derived)."""

from __future__ import annotations

import functools

# ISO 639-1 codes langdetect returns -> jusText stop-list names.
_JUSTEXT_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "kn": "Kannada", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ne": "Nepali",
    "nl": "Dutch", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tl": "Tagalog", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "ms": "Malay", "eu": "Basque",
    "gl": "Galician", "is": "Icelandic", "ga": "Irish", "la": "Latin", "sr": "Serbian",
    "bs": "Bosnian", "az": "Azerbaijani", "hy": "Armenian", "ka": "Georgian", "kk": "Kazakh",
}


def justext_name(language: str | None) -> str | None:
    """jusText's name for the stop list of an ISO 639-1 language, if it has one."""
    return _JUSTEXT_NAMES.get(language or "")


@functools.cache
def stopwords_for(language: str | None) -> frozenset[str]:
    """Lower-cased stop words of ``language``; empty when there is no list (zh, ja, th...)."""
    name = justext_name(language)
    if name is None:
        return frozenset()
    import justext

    return frozenset(word.lower() for word in justext.get_stoplist(name))


def stopword_density(tokens: tuple[str, ...], stopwords: frozenset[str]) -> float:
    if not tokens or not stopwords:
        return 0.0
    return sum(1 for token in tokens if token.lower() in stopwords) / len(tokens)


# Languages written in Latin script, whose lines the script test cannot tell apart.
_LATIN_SCRIPT = (
    "af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt", "lv",
    "nl", "no", "pl", "pt", "ro", "sk", "sl", "sq", "sv", "sw", "tl", "tr", "vi", "ms", "eu", "gl", "is",
    "ga", "la", "bs", "az",
)


def reads_like_other_language(tokens: tuple[str, ...], language: str, min_density: float) -> bool:
    """Whether another Latin-script language's stop words explain ``tokens`` better than ``language``'s."""
    own = stopword_density(tokens, stopwords_for(language))
    return any(
        stopword_density(tokens, stopwords_for(other)) >= max(min_density, own)
        for other in _LATIN_SCRIPT
        if other != language
    )
