"""The self-assessment (vượt / bằng / kém) computed from targets and results."""

from __future__ import annotations

from typing import Any


def outcome(target: dict[str, Any], actual: float) -> int:
    """-1 below the target, 0 met it, 1 exceeded it (respecting `better: lower`)."""
    goal = target.get("target")
    if not isinstance(goal, (int, float)):
        return 0
    diff = (actual - goal) if target.get("better") != "lower" else (goal - actual)
    return (diff > 0) - (diff < 0)


def compute(targets: list[dict[str, Any]], results: list[dict[str, Any]]) -> str | None:
    """`vuot` when all met and one exceeded, `bang` when all met, `kem` when any fell short.

    Only targets with a result count; None when no result matches a target.
    """
    by_id = {t.get("id"): t for t in targets if isinstance(t, dict)}
    outcomes = [
        outcome(by_id[r["target"]], r["actual"])
        for r in results
        if isinstance(r, dict) and r.get("target") in by_id and isinstance(r.get("actual"), (int, float))
    ]
    if not outcomes:
        return None
    if min(outcomes) < 0:
        return "kem"
    return "vuot" if max(outcomes) > 0 else "bang"
