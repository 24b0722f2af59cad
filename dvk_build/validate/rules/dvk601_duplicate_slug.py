"""DVK601: two dossiers with the same slug."""

from collections import defaultdict
from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK601", "duplicate-slug", Severity.ERROR,
    title="Mỗi hồ sơ có một tên tệp (địa chỉ trang) riêng.",
    why="Hai hồ sơ cùng tên sẽ cùng địa chỉ `mo-hinh/<tên>/`: một trong hai bị mất.",
    bad="content/models/tuyen-duong-xanh.md\ncontent/models/tuyen-duong-xanh/index.md",
    good="content/models/tuyen-duong-xanh-phu-hoa.md\ncontent/models/tuyen-duong-xanh-phu-loi/index.md",
    clause="so-lieu",
    source=Source.FORMAT,
)


def check_corpus(dossiers: list[DossierContext]) -> Iterator[Problem]:
    by_slug: dict[str, list[DossierContext]] = defaultdict(list)
    for d in dossiers:
        by_slug[d.slug].append(d)
    for slug, same in by_slug.items():
        for d in same[1:]:
            yield Problem(d.path, 1, 1, RULE.code, RULE.name, RULE.severity,
                          f"Tên hồ sơ `{slug}` trùng với {same[0].path}.", "Đổi tên tệp hoặc thư mục cho khác.")
