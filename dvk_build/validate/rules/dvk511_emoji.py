"""DVK511: emoji in a dossier (a warning: it publishes, `dvk check --strict` refuses it)."""

import re
from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES
from ..text_scan import problem_in, spots_matching

RULE = RULES["DVK511"]

# Pictographs, emoticons, transport and supplemental symbols; enclosed and playing-card blocks; the
# miscellaneous symbols and dingbats; the emoji presentation selector (U+FE0F) after any character.
EMOJI_RE = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]")


def check(ctx: DossierContext) -> Iterator[Problem]:
    hint = "Xóa biểu tượng; diễn đạt bằng chữ."
    for spot in spots_matching(ctx, EMOJI_RE):
        m = EMOJI_RE.search(spot.text)  # one per field or body is enough to find them
        if m is not None:
            yield problem_in(ctx, RULE, spot, f"Nội dung có biểu tượng cảm xúc `{m.group(0)}`.", hint, m.start())
