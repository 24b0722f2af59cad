"""DVK513: a body the Markdown converter cannot render: lists nested too deep, or a paragraph of marks left open."""

import re
from typing import Iterator

from ...problem import Problem
from ...vietnamese import number
from ..context import DossierContext
from ..rule import RULES
from ..text_scan import Spot, body_spot, problem_in

RULE = RULES["DVK513"]

# Python-Markdown goes one call deeper for each list, quote or admonition a line sits in; near 400
# Python's stack runs out and the whole build stops. Real dossiers nest three or four.
MAX_DEPTH = 20
# From each `[`, `(` and `<tag` it reads on to the closing mark, to the paragraph's end when there
# is none: a paragraph of n marks left open is read n times. The sum of those distances bounds its
# work (2,000,000 is under a second); a real dossier's is a few thousand.
MAX_READ = 2_000_000

_MARKER_RE = re.compile(r"(?:[-*+]|\d{1,9}[.)]|>|!!!|\?\?\?\+?)(?:[ \t]+|$)")
_RULE_LINE_RE = re.compile(r"[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")  # `* * *`: a line across, not lists
_MARK_RE = re.compile(r"[\[\]()>]|<[a-zA-Z]")
_BLOCK_RE = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")  # a paragraph: lines up to a blank one
# A line nested deeper than MAX_DEPTH starts with more than MAX_DEPTH markers or steps of indent (a
# tab is one character): most bodies have no such start, and are not read line by line.
_DEEP_HINT_RE = re.compile(rf"^[ \t*+>.)0-9!?-]{{{MAX_DEPTH + 1},}}", re.M)


def depth(line: str) -> int:
    """How many lists, quotes and admonitions a line opens or sits in: its markers, and its indent in steps of 4."""
    indent = len(line) - len(line.lstrip(" \t"))
    pos, markers = indent, 0
    while m := _MARKER_RE.match(line, pos):
        pos, markers = m.end(), markers + 1
    return markers + len(line[:indent].expandtabs(4)) // 4 if markers else 0


def read_length(block: str) -> int:
    """How far Markdown reads on from the block's `[`, `(` and `<tag` marks, added up."""
    total = 0
    open_at: dict[str, list[int]] = {"[": [], "(": [], "<": []}
    for m in _MARK_RE.finditer(block):
        c, at = m[0][0], m.start()
        if c in "[(<":
            open_at[c].append(at)
        elif c == ">":
            total += sum(at - p for p in open_at["<"])
            open_at["<"].clear()
        elif open_at["[" if c == "]" else "("]:
            total += at - open_at["[" if c == "]" else "("].pop()
    return total + sum(len(block) - p for opened in open_at.values() for p in opened)


def check(ctx: DossierContext) -> Iterator[Problem]:
    spot = body_spot(ctx, skip_code=True)  # code is not read for marks
    if not spot.text.strip():
        return
    if _DEEP_HINT_RE.search(spot.text):
        yield from _deep_line(ctx, spot)
    if sum(map(spot.text.count, "[(<")) * len(spot.text) <= MAX_READ:
        return  # each open mark read to the end of the body is still under the limit
    blocks = [(read_length(m[0]), m.end() - len(m[0].lstrip())) for m in _BLOCK_RE.finditer(spot.text)]
    total = sum(n for n, _ in blocks)
    if total > MAX_READ:
        _, at = max(blocks)  # the paragraph read longest
        yield problem_in(ctx, RULE, spot, f"Đoạn văn này có nhiều dấu “[”, “(” hoặc “<” không có dấu đóng: trình dựng "
                         f"trang phải đọc lại khoảng {number(total)} ký tự (tối đa {number(MAX_READ)}), làm việc dựng cả "
                         "trang web chậm đi nhiều lần.", "Xóa các dấu thừa, hoặc đóng từng dấu “[” bằng “]”, “(” bằng “)”, “<” bằng “>”.", at)


def _deep_line(ctx: DossierContext, spot: Spot) -> Iterator[Problem]:
    offset = 0
    for line in spot.text.split("\n"):
        if not _RULE_LINE_RE.match(line) and (n := depth(line)) > MAX_DEPTH:
            yield problem_in(ctx, RULE, spot, f"Dòng này lồng {n} cấp danh sách, trích dẫn hoặc khung ghi chú "
                             f"(tối đa {MAX_DEPTH}): trình dựng trang không dựng được.",
                             "Bớt cấp lồng nhau: viết các ý thành danh sách một hoặc hai cấp, bớt khoảng trắng "
                             "đầu dòng.", offset)
            return  # one is enough: the others are usually the same mistake
        offset += len(line) + 1
