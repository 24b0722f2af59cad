"""The rules' checks: each module of rules/ checks the rule of rules.yaml its name starts with (dvk402_... → DVK402)."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from . import rules as _rules
from .rule import RULES

MODULES: tuple[ModuleType, ...] = tuple(
    importlib.import_module(f"{_rules.__name__}.{info.name}")
    for info in sorted(pkgutil.iter_modules(_rules.__path__), key=lambda info: info.name)
)
for _module in MODULES:  # a module checking an undeclared rule, or another's, fails at import, not in a dossier
    if _module.RULE is not RULES.get(_module.__name__.rsplit(".", 1)[1].split("_", 1)[0].upper()):
        raise ImportError(f"{_module.__name__}: RULE is not the rule of rules.yaml its name gives")

DOSSIER_CHECKS = [m.check for m in MODULES if hasattr(m, "check")]
# what a summary record (`record: tom-tat`) is checked by: the rules on what a list holds
SUMMARY_CHECKS = [m.check for m in MODULES if hasattr(m, "check") and m.RULE.summary]
CORPUS_CHECKS = [m.check_corpus for m in MODULES if hasattr(m, "check_corpus")]
__all__ = ["MODULES", "RULES", "DOSSIER_CHECKS", "SUMMARY_CHECKS", "CORPUS_CHECKS"]
