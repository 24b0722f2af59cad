"""DVK602: `derived_from` names a dossier that does not exist."""

from typing import Iterator, Sequence

from ...problem import Problem
from ..context import DossierContext
from ..neighbours import Neighbour
from ..rule import RULES
from ..suggest import closest

RULE = RULES["DVK602"]


def check_corpus(dossiers: list[DossierContext], others: Sequence[Neighbour] = ()) -> Iterator[Problem]:
    slugs = {d.slug for d in dossiers} | {n.slug for n in others}
    for d in dossiers:
        ref = d.get("replication", "derived_from")
        if isinstance(ref, str) and ref not in slugs:
            near = closest(ref, sorted(slugs))
            yield d.problem(RULE, ("replication", "derived_from"), f"Không có hồ sơ `{ref}` trong danh mục.",
                            f"Có phải ý bạn là `{near}`?" if near else "Ghi đúng tên tệp (không có .md) của mô hình gốc.")
        elif ref == d.slug:
            yield d.problem(RULE, ("replication", "derived_from"), "Mô hình không thể học tập từ chính nó.", "Xóa hoặc sửa `derived_from`.")
