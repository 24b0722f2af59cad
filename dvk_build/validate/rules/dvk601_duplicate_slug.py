"""DVK601: two dossiers with the same slug."""

from typing import Iterator, Sequence

from ...problem import Problem
from ..context import DossierContext
from ..neighbours import Neighbour
from ..rule import RULES

RULE = RULES["DVK601"]


def check_corpus(dossiers: list[DossierContext], others: Sequence[Neighbour] = ()) -> Iterator[Problem]:
    first: dict[str, Neighbour | DossierContext] = {}  # slug → its first holder, the dossiers not checked first
    for n in others:
        first.setdefault(n.slug, n)
    for d in dossiers:
        held = first.setdefault(d.slug, d)
        if held is not d:  # the path of a neighbour is worked out only here: it resolves links
            yield Problem(d.path, 1, 1, RULE.code, RULE.name, RULE.severity,
                          f"Tên hồ sơ `{d.slug}` trùng với {held.path}.", "Đổi tên tệp hoặc thư mục cho khác.")
