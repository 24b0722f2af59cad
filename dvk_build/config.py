"""Typed access to config.yaml: periods, tiers, fields, criteria and labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .fields import FieldSpec, parse_fields

CONFIG_PATH = Path(__file__).with_name("config.yaml")
# libyaml reads config.yaml in a tenth of the pure-Python parser's time: a visible share of `dvk check FILE`
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# `record: tom-tat`: a summary record made from a province's list (config.yaml, record_kinds).
SUMMARY_RECORD = "tom-tat"
# The `locality.*` levels a period has when its configuration does not list them.
DEFAULT_LOCALITIES = {"province": "tỉnh, thành phố", "district": "huyện, thị xã, thành phố thuộc tỉnh",
                      "commune": "xã, phường, thị trấn"}


@dataclass(frozen=True)
class Tier:
    slug: str
    label: str
    short: str
    rank: int
    scope: str
    bodies: tuple[str, ...] = ()  # words of the names of bodies that recognize at this tier (DVK316)


@dataclass(frozen=True)
class Field:
    slug: str
    label: str
    icon: str
    description: str = ""  # what the field covers, shown on its page (the guideline's footnote for "04 không")


@dataclass(frozen=True)
class Period:
    slug: str
    label: str
    start: dt.date
    end: dt.date
    tiers: tuple[str, ...]
    fields: tuple[str, ...]
    guideline: str
    # levels of local government, highest first: `locality.*` key → what it holds
    localities: dict[str, str] = field(default_factory=dict)
    localities_note: str = ""  # why a level is missing (the 2025 reform)
    register: str = "legacy"  # register of administrative units its localities are checked against
    rules_in_force: tuple[RulesInForce, ...] = ()  # oldest first

    def rules_on(self, day: dt.date) -> RulesInForce | None:
        """The rules in force on a day (the oldest set for a day before all of them)."""
        started = [rules for rules in self.rules_in_force if rules.start <= day]
        return started[-1] if started else next(iter(self.rules_in_force), None)


@dataclass(frozen=True)
class RulesInForce:
    """The rules a period applied from a date: what steps 1-4 of a dossier must record."""

    start: dt.date
    label: str
    requires: tuple[str, ...]  # dotted field paths (DVK401)


@dataclass(frozen=True)
class VoteRule:
    """A majority a body's recognition vote needs, with the document that sets it."""

    electorate: str  # "members" (all members of the body) or "present" (those at the meeting)
    source: str  # the document and its article


@dataclass(frozen=True)
class VoteBody:
    slug: str
    label: str
    rule: VoteRule | None = None  # None: recorded, not checked (no document cited)


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    clause: str


@dataclass(frozen=True)
class Config:
    site: dict[str, str]
    tiers: dict[str, Tier]
    fields: dict[str, Field]
    periods: dict[str, Period]
    holder_kinds: dict[str, str]
    criteria: dict[str, tuple[Criterion, ...]]
    interests: dict[str, str]
    self_assessment: dict[str, dict[str, str]]
    steps: dict[int, dict[str, str]]
    field_labels: dict[str, str]  # by dotted path; derived from `dossier`
    dossier: dict[str, FieldSpec] = field(default_factory=dict)  # the field declarations, in order
    limits: dict[str, Any] = field(default_factory=dict)
    vote_bodies: dict[str, VoteBody] = field(default_factory=dict)
    interests_required_for: tuple[str, ...] = ("tap-the", "ca-nhan")  # holder kinds DVK204 checks
    # kinds of record: `day-du` (full dossier, the default) and `tom-tat` (summary from a list)
    record_kinds: dict[str, dict[str, str]] = field(default_factory=dict)
    # `dvk import`: known column headings and other spellings of values (config.yaml, `import`)
    intake: dict[str, Any] = field(default_factory=dict)
    forms: dict[str, Any] = field(default_factory=dict)  # the Mẫu 2a/2b documents (dvk_build/forms/)

    def tier_rank(self, slug: str) -> int:
        tier = self.tiers.get(slug)
        return tier.rank if tier else 0

    def tiers_in_order(self) -> list[Tier]:
        return sorted(self.tiers.values(), key=lambda t: (t.rank, t.slug))

    def label(self, dotted: str) -> str:
        """Vietnamese label of a field path such as `idea.targets[].indicator`."""
        return self.field_labels.get(dotted, dotted)

    def all_criteria_keys(self) -> set[str]:
        return {c.key for crits in self.criteria.values() for c in crits}


def _parse(raw: dict[str, Any]) -> Config:
    tiers = {k: Tier(slug=k, **{**v, "bodies": tuple(v.get("bodies") or ())}) for k, v in raw["tiers"].items()}
    fields = {k: Field(slug=k, **v) for k, v in raw["fields"].items()}
    periods = {
        str(k): Period(
            slug=str(k),
            label=v["label"],
            start=v["start"],
            end=v["end"],
            tiers=tuple(v["tiers"]),
            fields=tuple(v["fields"]),
            guideline=v["guideline"],
            localities=dict(v.get("localities") or DEFAULT_LOCALITIES),
            localities_note=str(v.get("localities_note") or "").strip(),
            register=str(v.get("register") or ("legacy" if v["start"] < dt.date(2025, 7, 1) else "2025")),
            rules_in_force=tuple(
                RulesInForce(start=r["from"], label=str(r["label"]).strip(), requires=tuple(r["requires"]))
                for r in sorted(v.get("rules_in_force") or [], key=lambda r: r["from"])
            ),
        )
        for k, v in raw["periods"].items()
    }
    for period in periods.values():
        unknown = [t for t in period.tiers if t not in tiers] + [f for f in period.fields if f not in fields]
        unknown += [k for k in period.localities if k not in DEFAULT_LOCALITIES]
        if period.register not in ("legacy", "2025"):
            unknown.append(period.register)
        if unknown:
            raise ValueError(f"config.yaml: period {period.slug} names unknown tiers/fields/localities/register {unknown}")
    vote_bodies = {k: _vote_body(k, v) for k, v in (raw.get("vote_bodies") or {}).items()}
    holder_kinds = {k: v["label"] for k, v in raw["holder_kinds"].items()}
    interests_required_for = tuple(raw.get("interests_required_for", list(holder_kinds)))
    if unknown := [k for k in interests_required_for if k not in holder_kinds]:
        raise ValueError(f"config.yaml: interests_required_for names unknown holder kinds {unknown}")
    criteria = {
        kind: tuple(Criterion(key=k, label=v["label"], clause=v["clause"]) for k, v in crits.items())
        for kind, crits in raw["criteria"].items()
    }
    # criteria keys in a stable order across kinds; the last kind's clause describes a shared key
    criteria_keys = {key: "" for key in sorted({c.key for crits in criteria.values() for c in crits})}
    clauses = {c.key: c.clause for crits in criteria.values() for c in crits}
    dossier = parse_fields(raw["dossier"], {"interests": raw["interests"], "criteria": criteria_keys}, clauses)
    return Config(
        site=raw["site"],
        tiers=tiers,
        fields=fields,
        periods=periods,
        holder_kinds=holder_kinds,
        criteria=criteria,
        interests=raw["interests"],
        interests_required_for=interests_required_for,
        self_assessment=raw["self_assessment"],
        steps={int(k): v for k, v in raw["steps"].items()},
        field_labels={path: spec.label for path, spec in dossier.items() if spec.label},
        dossier=dossier,
        limits=raw.get("limits", {}),
        record_kinds={k: {key: " ".join(str(text).split()) for key, text in v.items()}
                      for k, v in (raw.get("record_kinds") or {}).items()},
        intake=raw.get("import") or {},
        forms=raw.get("forms") or {},
        vote_bodies=vote_bodies,
    )


def _vote_body(slug: str, raw: dict[str, Any]) -> VoteBody:
    """A body kind; its majority rule is refused without the document that sets it."""
    rule = raw.get("rule")
    if rule is None:
        return VoteBody(slug, raw["label"])
    source = " ".join(str(rule.get("source") or "").split())
    if len(source) < 10:
        raise ValueError(f"config.yaml: vote_bodies.{slug}.rule needs `source`: the document and article that set it")
    if rule.get("electorate") not in ("members", "present"):
        raise ValueError(f"config.yaml: vote_bodies.{slug}.rule.electorate must be `members` or `present`")
    return VoteBody(slug, raw["label"], VoteRule(rule["electorate"], source))


def load_config(path: Path) -> Config:
    """Load a configuration file (`default_config()`: the shipped one)."""
    with open(path, encoding="utf-8") as fh:
        return _parse(yaml.load(fh, Loader=_LOADER))  # noqa: S506 - a safe loader


@lru_cache(maxsize=1)
def default_config() -> Config:
    return load_config(CONFIG_PATH)
