"""Vietnamese formatting shared by pages, exports and search: slugs, dictionary order, dates, money, sizes."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata


def slugify(text: str) -> str:
    """ASCII slug of Vietnamese text: `Tỉnh Đồng Tháp` → `tinh-dong-thap`."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# Dictionary order of Vietnamese letters: a vowel with a breve, circumflex or horn, and đ, are
# letters of their own (ă after a, đ after d), unlike the five tone marks, which only break ties.
_ALPHABET = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}  # huyền hỏi ngã sắc nặng


def fold(text: str) -> str:
    """Lower case without any diacritics, đ as d: `Đồng thuận` → `dong thuan`."""
    text = text.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


# What one character of NFC lower-case text adds to a sort key: (letter code, tone), "00" a word break
# and no tone, "99" a letter outside the alphabet and no tone. Titles use a few hundred characters:
# each is decomposed once per process, not once per title.
_CHAR_KEYS: dict[str, tuple[str, str | None]] = {}


def _char_key(char: str) -> tuple[str, str | None]:
    decomposed = unicodedata.normalize("NFD", char)
    tone = next((_TONES[m] for m in decomposed if m in _TONES), "0")
    base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONES))
    if base in _ALPHABET:
        key: tuple[str, str | None] = (f"{_ALPHABET.index(base) + 10:02d}", tone)
    else:
        key = ("00" if base.isspace() or not base.isalnum() else "99", None)
    _CHAR_KEYS[char] = key
    return key


def sort_key(text: str, length: int = 40) -> str:
    """ASCII key sorting as a Vietnamese dictionary does: letters first, then tones (first `length` letters)."""
    letters: list[str] = []
    tones: list[str] = []
    known = _CHAR_KEYS
    for char in unicodedata.normalize("NFC", text.lower()):
        letter, tone = known.get(char) or _char_key(char)
        if tone is not None:
            letters.append(letter)
            tones.append(tone)
        elif letter == "00":
            if letters and letters[-1] != "00":
                letters.append("00")  # a word break sorts before any letter: "an ninh" < "anh"
        else:
            letters.append("99")  # a letter outside the alphabet: after every Vietnamese one
    while letters and letters[-1] == "00":
        letters.pop()
    # a letter prefix: the key is never read as a number (JSON, spreadsheets)
    return "k" + "".join(letters[:length]) + "t" + "".join(tones[:length])


_PROVINCE_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?)\s+", re.I)


def lower_first(text: str) -> str:
    """The text with its first letter lowercased, to go on inside a sentence."""
    return text[:1].lower() + text[1:]


def province_slug(name: str) -> str:
    """`Tỉnh Tây Ninh` → `tay-ninh`; `Thành phố Hồ Chí Minh` → `ho-chi-minh`."""
    return slugify(_PROVINCE_PREFIX.sub("", name.strip())) or "khac"


def province_order(name: str) -> str:
    """Dictionary order of a province by its proper name: `Thành phố Cần Thơ` < `Tỉnh Đồng Nai` < `Tỉnh Hà Tĩnh`."""
    return sort_key(_PROVINCE_PREFIX.sub("", name.strip()), length=80)


def vi_date(value: dt.date | None) -> str:
    """12/7/2023, the form of Vietnamese official documents."""
    return f"{value.day}/{value.month}/{value.year}" if value else ""


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def vnd(amount: int | float | None) -> str:
    """15.000.000 đồng; empty for a missing amount (None, or a template's undefined value)."""
    if not _is_number(amount):
        return ""
    return f"{int(amount):,}".replace(",", ".") + " đồng"


def number(value: int | float | None) -> str:
    """1.234 or 12,5; empty for a missing value (None, or a template's undefined value)."""
    if not _is_number(value):
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{int(value):,}".replace(",", ".")


def file_size(n: int) -> str:
    """`12,3 kB`: a file's size with the Vietnamese decimal comma."""
    if n < 1000:
        return f"{n} byte"
    unit, scale = ("kB", 1e3) if n < 1e6 else ("MB", 1e6)
    return f"{n / scale:.1f} {unit}".replace(".", ",")
