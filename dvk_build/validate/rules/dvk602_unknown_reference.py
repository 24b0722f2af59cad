"""DVK602: `derived_from` names a dossier that does not exist."""

import difflib
from typing import Iterator, Sequence

from ...problem import Problem, Severity
from ..context import DossierContext
from ..neighbours import Neighbour
from ..rule import Rule, Source

RULE = Rule(
    "DVK602", "unknown-derived-from", Severity.ERROR,
    title="`replication.derived_from` phải là tên của một hồ sơ có trong danh mục.",
    why="Bước 6: nghiên cứu, học tập mô hình phù hợp để áp dụng; liên kết gãy làm mất dấu mô hình gốc.",
    bad="replication: {derived_from: tuyen-duong-xanh-phu-hoaa}",
    good="replication: {derived_from: tuyen-duong-xanh-phu-hoa}",
    clause="so-lieu",
    source=Source.FORMAT,
)


def check_corpus(dossiers: list[DossierContext], others: Sequence[Neighbour] = ()) -> Iterator[Problem]:
    slugs = sorted({d.slug for d in dossiers} | {n.slug for n in others})
    for d in dossiers:
        ref = d.get("replication", "derived_from")
        if isinstance(ref, str) and ref not in slugs:
            near = difflib.get_close_matches(ref, slugs, n=1, cutoff=0.6)
            yield d.problem(RULE, ("replication", "derived_from"), f"Không có hồ sơ `{ref}` trong danh mục.",
                            f"Có phải ý bạn là `{near[0]}`?" if near else "Ghi đúng tên tệp (không có .md) của mô hình gốc.")
        elif ref == d.slug:
            yield d.problem(RULE, ("replication", "derived_from"), "Mô hình không thể học tập từ chính nó.", "Xóa hoặc sửa `derived_from`.")
