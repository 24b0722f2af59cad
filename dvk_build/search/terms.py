"""Words of the dvk search index: syllables, their folded forms, adjacent pairs and a stable shard hash."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterable

# Unicode word characters, as the browser's /[\p{L}\p{N}_]+/u reads them (dvk-index.js): on NFC text
# every Vietnamese letter is one code point, so a syllable is one match.
_WORD = re.compile(r"\w+")
_FOLDED: dict[str, str] = {}  # a few thousand distinct syllables: fold each once per process


def syllables(text: str) -> list[str]:
    """The syllables of a text, NFC and lower case: `Dân vận KHÉO` → [dân, vận, khéo]."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def fold(syllable: str) -> str:
    """A syllable without any diacritics, đ as d (what a phone keyboard without Vietnamese types)."""
    folded = _FOLDED.get(syllable)
    if folded is None:
        decomposed = unicodedata.normalize("NFD", syllable.replace("đ", "d"))
        folded = _FOLDED[syllable] = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded


def page_terms(parts: Iterable[tuple[str, int]]) -> tuple[Counter[tuple[str, str]], int]:
    """(folded term, exact spelling) of every syllable and every pair of adjacent syllables of each
    (text, weight), counted `weight` times, and the number of syllables (the build's hot loop).

    Pairs make a phrase rank above its syllables scattered over a page ("nông thôn mới", "đê điều"),
    without the positions Pagefind stores (bench/README.md: positions are what made it heavy).
    """
    pairs: Counter[tuple[str, str]] = Counter()
    length = 0
    cache = _FOLDED
    for text, weight in parts:
        words = syllables(text)
        folded = [cache.get(w) or fold(w) for w in words]
        found = [*zip(folded, words),
                 *zip([f"{a} {b}" for a, b in zip(folded, folded[1:])], [f"{a} {b}" for a, b in zip(words, words[1:])])]
        pairs.update(found * weight)
        length += len(words)
    return pairs, length


def fnv1a(term: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes: the same number in Python and in dvk-index.js, on every run."""
    h = 0x811C9DC5
    for byte in term.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_of(term: str, shards: int) -> int:
    return fnv1a(term) % shards
