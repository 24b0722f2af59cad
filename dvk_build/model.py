"""The domain: a published Model with derived values, and the Catalogue of all of them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .assessment import compute, outcome
from .config import SUMMARY_RECORD, Config, default_config
from .places import Place, resolve
from .register import Unit
from .stage import stage_of
from .validate.context import DossierContext, parse_date
from .validate.engine import Report


@dataclass(frozen=True)
class Recognition:
    tier: str
    body: str
    report_date: dt.date | None
    vote_date: dt.date | None
    vote_members: int | None
    vote_in_favor: int | None
    notice_number: str
    notice_date: dt.date | None
    vote_body_kind: str | None = None
    vote_present: int | None = None
    evaluation_date: dt.date | None = None  # the evaluation it rests on, as typed (None: the latest before the report)


@dataclass
class Model:
    """One dossier as the site and the exports see it; `data` is the validated front matter.

    The values listings sort and group by are cached (`cached_property`): a model is not changed
    once made (the preview makes a new one for a saved dossier), and each listing asks them all again.
    """

    slug: str
    source_path: str
    data: dict[str, Any]
    body: str
    config: Config
    recognitions: list[Recognition]
    stage: int
    computed_assessment: str | None
    derived_children: list[str] = field(default_factory=list)
    place: Place | None = None  # the locality in the register (None only for a dossier that was not checked)

    @property
    def title(self) -> str:
        return str(self.data["title"])

    @property
    def summary(self) -> str:
        return str(self.data.get("summary") or "")

    @property
    def period(self) -> str:
        return str(self.data["period"])

    @cached_property
    def fields(self) -> list[str]:
        return list(self.data.get("fields") or [])

    @property
    def holder(self) -> dict[str, Any]:
        return self.data.get("holder") or {}

    @property
    def holder_kind(self) -> str:
        return str(self.holder.get("kind", ""))

    @property
    def locality(self) -> dict[str, Any]:
        return self.data.get("locality") or {}

    @property
    def unit_then(self) -> Unit | None:
        """The unit at recognition, from the register of the dossier's period."""
        return self.place.unit if self.place else None

    @property
    def unit_today(self) -> Unit | None:
        """The unit today (34-province register): derived for a 2021-2025 dossier."""
        return self.place.today if self.place else None

    @cached_property
    def province(self) -> str:
        """The province today (after the 2025 merger) — listings group by this one."""
        if self.unit_today is not None:
            return self.unit_today.province
        return str(self.locality.get("current_province") or self.locality.get("province") or "")

    @property
    def commune_today(self) -> str:
        """The commune, ward or special zone today ("" when the dossier names no commune)."""
        if self.unit_today is not None:
            return self.unit_today.commune
        return str(self.locality.get("current_commune") or "")

    @property
    def province_at_recognition(self) -> str:
        return str(self.locality.get("province") or "")

    @property
    def derived_from(self) -> str | None:
        return (self.data.get("replication") or {}).get("derived_from")

    @property
    def summary_record(self) -> bool:
        """Known only from a province's list (`record: tom-tat`): labelled as such wherever it is shown."""
        return self.data.get("record") == SUMMARY_RECORD

    @property
    def url(self) -> str:
        return f"mo-hinh/{self.slug}/"

    # --- derived, never typed by hand -------------------------------------
    @property
    def published(self) -> bool:
        return bool(self.recognitions)

    @cached_property
    def tier(self) -> str | None:
        """The highest tier reached."""
        if not self.recognitions:
            return None
        return max(self.recognitions, key=lambda r: self.config.tier_rank(r.tier)).tier

    @cached_property
    def tiers(self) -> list[str]:
        return [r.tier for r in self.recognitions]

    @cached_property
    def recognized_on(self) -> dt.date | None:
        """Date of the latest recognition notice."""
        return max((r.notice_date for r in self.recognitions if r.notice_date), default=None)

    @property
    def first_recognized_on(self) -> dt.date | None:
        return min((r.notice_date for r in self.recognitions if r.notice_date), default=None)

    @cached_property
    def year(self) -> int | None:
        return self.recognized_on.year if self.recognized_on else None

    @property
    def self_assessment(self) -> str | None:
        declared = (self.data.get("evaluation") or {}).get("self_assessment")
        return declared or self.computed_assessment

    @cached_property
    def typical_years(self) -> list[int]:
        return sorted({a["year"] for a in self.data.get("awards") or [] if a.get("typical")})

    @property
    def cost_vnd(self) -> int | None:
        evaluation = self.data.get("evaluation") or {}
        funding = (self.data.get("idea") or {}).get("funding") or {}
        value = evaluation.get("funding_actual_vnd") or funding.get("amount_vnd")
        return int(value) if isinstance(value, (int, float)) else None

    def evaluations(self) -> list[dict[str, Any]]:
        """The evaluation and each re-evaluation: date, reason, declared and computed self-assessment, results."""
        targets = (self.data.get("idea") or {}).get("targets") or []
        rounds = [(self.data.get("evaluation") or {}, True), *((e, False) for e in self.data.get("re_evaluations") or [])]
        out = [{"date": parse_date(e.get("date")), "reason": "" if first else e.get("reason") or "", "first": first,
                "results": e.get("results") or [], "self_assessment": e.get("self_assessment"),
                "note": "" if first else e.get("note") or "", "computed": compute(targets, e.get("results") or [])}
               for e, first in rounds]
        return [e for e in out if e["date"] is not None]

    def rests_on(self, rec: Recognition) -> dt.date | None:
        """The date of the evaluation a recognition rests on: as typed, else the latest one by its report."""
        if rec.evaluation_date is not None:
            return rec.evaluation_date
        by = rec.report_date or rec.vote_date or rec.notice_date
        return max((e["date"] for e in self.evaluations() if by is None or e["date"] <= by), default=None)

    def history(self) -> list[dict[str, Any]]:
        """Evaluations and recognitions in date order, for the page's timeline (a recognition by its notice)."""
        events: list[dict[str, Any]] = [{"kind": "evaluation", "date": e["date"], **e} for e in self.evaluations()]
        for rec in self.recognitions:
            day = rec.notice_date or rec.vote_date
            if day is not None:
                events.append({"kind": "recognition", "date": day, "rec": rec, "rests_on": self.rests_on(rec)})
        return sorted(events, key=lambda e: (e["date"], e["kind"] == "recognition"))

    def targets_with_results(self) -> list[dict[str, Any]]:
        """Each registered target with its actual result and outcome (-1, 0, 1 or None)."""
        results = {r.get("target"): r for r in (self.data.get("evaluation") or {}).get("results") or []}
        rows = []
        for target in (self.data.get("idea") or {}).get("targets") or []:
            result = results.get(target.get("id"))
            actual = result.get("actual") if result else None
            rows.append({
                **target,
                "actual": actual,
                "note": (result or {}).get("note"),
                "outcome": outcome(target, actual) if isinstance(actual, (int, float)) else None,
            })
        return rows


def model_from(ctx: DossierContext) -> Model:
    data = ctx.data
    recs = []
    for rec in data.get("recognitions") or []:
        report, vote, notice = rec.get("report") or {}, rec.get("vote") or {}, rec.get("notice") or {}
        recs.append(
            Recognition(
                tier=rec["tier"],
                body=rec.get("body") or "",
                report_date=parse_date(report.get("date")),
                vote_date=parse_date(vote.get("date")),
                vote_members=vote.get("members"),
                vote_in_favor=vote.get("in_favor"),
                notice_number=str(notice.get("number") or ""),
                notice_date=parse_date(notice.get("date")),
                evaluation_date=parse_date(rec.get("evaluation_date")),
                vote_body_kind=vote.get("body_kind"),
                vote_present=vote.get("present"),
            )
        )
    recs.sort(key=lambda r: (ctx.config.tier_rank(r.tier), r.notice_date or dt.date.min))
    idea, evaluation = data.get("idea") or {}, data.get("evaluation") or {}
    period = ctx.period
    return Model(
        slug=ctx.slug,
        source_path=ctx.path,
        data=data,
        body=ctx.body,
        config=ctx.config,
        recognitions=recs,
        stage=stage_of(data),
        computed_assessment=compute(idea.get("targets") or [], evaluation.get("results") or []),
        place=resolve(data.get("locality"), period.register) if period else None,
    )


@dataclass
class Catalogue:
    """All published models, newest recognition first, plus the drafts that were left out."""

    config: Config
    models: list[Model]
    drafts: list[Model]

    @property
    def by_slug(self) -> dict[str, Model]:
        return {m.slug: m for m in self.models}

    def in_tier(self, tier: str) -> list[Model]:
        """Models recognized at this tier (a tỉnh model also counts at cơ sở and huyện)."""
        return [m for m in self.models if tier in m.tiers]

    def in_field(self, field_slug: str) -> list[Model]:
        return [m for m in self.models if field_slug in m.fields]

    def provinces(self) -> dict[str, list[Model]]:
        out: dict[str, list[Model]] = defaultdict(list)
        for m in self.models:
            out[m.province].append(m)
        return dict(sorted(out.items()))

    def typical_by_year(self) -> dict[int, list[Model]]:
        out: dict[int, list[Model]] = defaultdict(list)
        for m in self.models:
            for year in m.typical_years:
                out[year].append(m)
        return dict(sorted(out.items(), reverse=True))

    def years(self) -> list[int]:
        return sorted({m.year for m in self.models if m.year}, reverse=True)


def build_catalogue(report: Report) -> Catalogue:
    """Published = valid (no error) and recognized at least once; the rest are drafts."""
    valid = [model_from(ctx) for ctx in report.valid()]
    models = [m for m in valid if m.published]
    drafts = [m for m in valid if not m.published]
    models.sort(key=lambda m: (m.recognized_on or dt.date.min, m.slug), reverse=True)
    slugs = {m.slug for m in models}
    for m in models:
        if m.derived_from in slugs:
            next(p for p in models if p.slug == m.derived_from).derived_children.append(m.slug)
    config = report.dossiers[0].config if report.dossiers else None
    return Catalogue(config=config or default_config(), models=models, drafts=drafts)
