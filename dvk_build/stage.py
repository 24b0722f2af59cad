"""The stage of a dossier: the furthest of the guideline's six steps it documents."""

from __future__ import annotations

from typing import Any

# What each step must document once a later step has been reached.
STEP_REQUIREMENTS: dict[int, list[tuple[tuple[str, ...], str]]] = {
    1: [
        (("idea", "problem"), "vấn đề đặt ra"),
        (("idea", "targets"), "chỉ tiêu đăng ký"),
        (("idea", "registered", "date"), "ngày đăng ký xây dựng mô hình"),
    ],
    2: [(("rollout", "plan", "date"), "kế hoạch triển khai và ngày ban hành")],
    3: [(("monitoring",), "chưa có lần theo dõi, kiểm tra nào")],
    4: [
        (("evaluation", "date"), "ngày đánh giá"),
        (("evaluation", "results"), "kết quả so với chỉ tiêu"),
        (("evaluation", "self_assessment"), "mức tự đánh giá (vượt, bằng, kém)"),
    ],
}

# Sections whose presence shows that a step was reached.
_STEP_SECTIONS: dict[int, tuple[str, ...]] = {
    1: ("idea",),
    2: ("rollout",),
    3: ("monitoring",),
    4: ("evaluation",),
    5: ("recognitions",),
    6: ("awards", "replication"),
}


def _filled(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_filled(v) for v in value.values())
    if isinstance(value, list):
        return any(_filled(v) for v in value)
    return value not in (None, "")


def stage_of(data: Any) -> int:
    """1-6; 0 for a dossier that documents no step yet."""
    if not isinstance(data, dict):
        return 0
    # replication plans alone do not make a model "rewarded and replicated"
    recognized = _filled(data.get("recognitions"))
    return max((step for step, sections in _STEP_SECTIONS.items()
                if (step != 6 or recognized) and any(_filled(data.get(s)) for s in sections)), default=0)
