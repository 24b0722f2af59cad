"""DVK510: invisible characters that change how text reads or sorts (bidi overrides, zero-width, C1 controls)."""

import re
from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES
from ..text_scan import problem_in, spots_matching

RULE = RULES["DVK510"]

# Bidi embeddings, overrides and isolates; zero-width space, word joiner, BOM; C1 controls (NEL is a
# line break YAML already turned into a space). ZWJ/ZWNJ stay: scripts such as Khmer need them.
INVISIBLE_RE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff\x80-\x84\x86-\x9f]")
_NAMES = {"\u202e": "đảo chiều chữ", "\u202d": "ép chiều chữ", "\u202a": "nhúng chiều chữ", "\u202b": "nhúng chiều chữ",
          "\u202c": "kết thúc chiều chữ", "\u200b": "khoảng trắng độ rộng bằng không", "\u2060": "nối từ vô hình",
          "\ufeff": "dấu BOM"}


def check(ctx: DossierContext) -> Iterator[Problem]:
    hint = "Gõ lại đoạn chữ quanh vị trí này (hoặc dán dưới dạng chữ thuần, không định dạng)."
    for spot in spots_matching(ctx, INVISIBLE_RE):
        for m in INVISIBLE_RE.finditer(spot.text):
            c = m.group(0)
            name = _NAMES.get(c, "cô lập chiều chữ" if "\u2066" <= c <= "\u2069" else "điều khiển")
            yield problem_in(ctx, RULE, spot, f"Nội dung có ký tự vô hình U+{ord(c):04X} ({name}).", hint, m.start())
            if spot.path is not None:
                break  # one per field: its position is the field's
