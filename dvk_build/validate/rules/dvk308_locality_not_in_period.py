"""DVK308: `locality` names a level of local government that the dossier's period does not have.

Each period lists its levels in config.yaml (`periods.<slug>.localities`). Since 1 July 2025
local government has two levels, province and commune: a 2026-2030 dossier that still fills
`locality.district` gets a warning (the district is not an error: the text is only misplaced)
telling the author to name the new commune in `locality.commune`.
"""

from typing import Iterator

from ...config import DEFAULT_LOCALITIES
from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK308"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    period = ctx.period
    locality = ctx.get("locality")
    if period is None or not period.localities or not isinstance(locality, dict):
        return
    lowest = list(period.localities)[-1]
    for key, value in locality.items():
        if key in DEFAULT_LOCALITIES and key not in period.localities and value not in (None, ""):
            why = period.localities_note or f"{period.label} không có cấp này"
            yield ctx.problem(
                RULE, ("locality", key),
                f"{why[:1].upper()}{why[1:]}; hồ sơ {period.label.lower()} không ghi `locality.{key}` "
                f"({ctx.config.label('locality.' + key).lower()}).",
                f"Bỏ `locality.{key}`; ghi {period.localities[lowest]} mới vào `locality.{lowest}`.",
                on_key=True,
            )
