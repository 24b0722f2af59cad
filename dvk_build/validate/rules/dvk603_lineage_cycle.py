"""DVK603: models that derive from each other in a circle."""

from typing import Iterator, Sequence

from ...problem import Problem
from ..context import DossierContext
from ..neighbours import Neighbour
from ..rule import RULES

RULE = RULES["DVK603"]


def check_corpus(dossiers: list[DossierContext], others: Sequence[Neighbour] = ()) -> Iterator[Problem]:
    parent: dict[str, object] = {n.slug: n.derived_from for n in others}
    parent.update({d.slug: d.get("replication", "derived_from") for d in dossiers})
    by_slug = {d.slug: d for d in dossiers}
    reported: set[str] = set()
    for start in by_slug:  # a circle through a checked dossier is reported on it
        seen: list[str] = []
        node: object = start
        while isinstance(node, str) and node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        if node == start and start != parent.get(start) and not reported.intersection(seen):
            reported.update(seen)
            d = by_slug[start]
            yield d.problem(RULE, ("replication", "derived_from"), "Quan hệ học tập vòng tròn: " + " → ".join(seen + [start]) + ".",
                            "Xóa `derived_from` ở hồ sơ của mô hình gốc (mô hình được học tập trước tiên), hoặc sửa lại cho đúng chiều.")
