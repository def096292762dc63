"""Folding text for searches the Swedish way (Hitta stöd, the lab, publications)."""

from __future__ import annotations

import re
import unicodedata

# Å, ä and ö are letters of their own in Swedish, not a and o with marks: "våld" must not find
# Valdemarsvik. Danish and Norwegian æ and ø are the same letters as ä and ö.
_OWN_LETTERS = {"å": "å", "ä": "ä", "ö": "ö", "æ": "ä", "ø": "ö"}


def swedish_fold(text: str) -> str:
    """Case- and accent-insensitive (é is e, ü is u) with å, ä and ö kept distinct; spaces collapsed."""
    letters = []
    for ch in unicodedata.normalize("NFC", (text or "").strip().casefold()):
        own = _OWN_LETTERS.get(ch)
        if own:
            letters.append(own)
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        letters.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return " ".join("".join(letters).split())


def has_own_letters(text: str) -> bool:
    return any(ch in _OWN_LETTERS for ch in unicodedata.normalize("NFC", (text or "").casefold()))


_ALPHABET_END = str.maketrans({"å": "{", "ä": "|", "ö": "}"})  # the three code points after z


def swedish_sort_key(text: str) -> str:
    """Orders as a Swedish reader expects: ... x, y, z, å, ä, ö (Östersund after Ystad)."""
    return swedish_fold(text).translate(_ALPHABET_END)


# Someone without a Swedish keyboard types a for å and ä, o for ö: those letters match more, while
# å, ä and ö typed match only themselves ("vald" finds Valdemarsvik and våld, "våld" only våld).
_TYPED_WITHOUT_MARKS = {"a": "[aåä]", "o": "[oö]"}


def search_pattern(word: str) -> str:
    """A regular expression for one search word, to match against swedish_fold'ed text."""
    return "".join(_TYPED_WITHOUT_MARKS.get(ch, re.escape(ch)) for ch in swedish_fold(word))


def matcher(query: str):
    """A test of swedish_fold'ed text: does it hold every word of the query? None for no words."""
    patterns = [re.compile(search_pattern(word)) for word in swedish_fold(query).split()]
    if not patterns:
        return None
    return lambda text: all(pattern.search(text) for pattern in patterns)
