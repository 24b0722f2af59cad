"""The hint for a mistyped name (derived_from, `dvk forms SLUG`) is difflib's pick, found among a catalogue's names quickly."""

from __future__ import annotations

import difflib
import random

from dvk_build.validate.suggest import closest

WORDS = ("to", "tu", "quan", "an", "ninh", "trat", "dan", "van", "kheo", "khuyen", "hoc", "thon", "xa", "phuong",
         "nong", "moi", "duong", "xanh", "sach", "dep", "hop", "tac", "rau", "toan", "hanh", "phuc", "gia", "dinh")


def _catalogue(n: int, rnd: random.Random) -> list[str]:
    """Slugs shaped as a province's: several words, then a running number (many share all their words)."""
    return sorted({"-".join(rnd.sample(WORDS, rnd.randint(4, 8))) + f"-{i:05d}" for i in range(n)})


def _typo(slug: str, rnd: random.Random) -> str:
    i = rnd.randrange(len(slug))
    return rnd.choice([slug[:i] + slug[i + 1:], slug[:i] + rnd.choice("aeiou0123") + slug[i:],
                       slug[:i] + rnd.choice("aeiou0123") + slug[i + 1:]])


def test_closest_is_difflibs_choice_among_all_names() -> None:
    rnd = random.Random(7)
    names = _catalogue(3000, rnd)
    tried = 0
    for _ in range(40):
        typed = _typo(rnd.choice(names), rnd)
        if typed in names:
            continue
        tried += 1
        expected = difflib.get_close_matches(typed, names, n=1, cutoff=0.6)
        assert closest(typed, names) == (expected[0] if expected else None), typed
    assert tried >= 30


def test_no_name_close_enough_gives_none() -> None:
    assert closest("zzzz-qqqq", ["tuyen-duong-tu-quan", "khuyen-hoc-thon-an"]) is None
    assert closest("tuyen-duong-tu-quam", ["tuyen-duong-tu-quan", "khuyen-hoc-thon-an"]) == "tuyen-duong-tu-quan"
