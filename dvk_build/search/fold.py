"""Vietnamese text for the search index: diacritics folding and a sort key in dictionary order."""

from __future__ import annotations

import unicodedata

# Dictionary order of Vietnamese letters: a vowel with a breve, circumflex or horn, and đ, are
# letters of their own (ă after a, đ after d), unlike the five tone marks, which only break ties.
_ALPHABET = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}  # huyền hỏi ngã sắc nặng


def fold(text: str) -> str:
    """Lower case without any diacritics, đ as d: `Đồng thuận` → `dong thuan`."""
    text = text.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def sort_key(text: str, length: int = 40) -> str:
    """ASCII key sorting as a Vietnamese dictionary does: letters first, then tones (first `length` letters)."""
    letters: list[str] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFC", text.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((_TONES[m] for m in decomposed if m in _TONES), "0")
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONES))
        if base in _ALPHABET:
            letters.append(f"{_ALPHABET.index(base) + 10:02d}")
            tones.append(tone)
        elif base.isspace() or not base.isalnum():
            if letters and letters[-1] != "00":
                letters.append("00")  # a word break sorts before any letter: "an ninh" < "anh"
        else:
            letters.append("99")  # a letter outside the alphabet: after every Vietnamese one
    while letters and letters[-1] == "00":
        letters.pop()
    letters, tones = letters[:length], tones[:length]  # enough to order titles
    # a letter prefix: the key is never read as a number (JSON, spreadsheets)
    return "k" + "".join(letters) + "t" + "".join(tones)
