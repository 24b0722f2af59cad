"""The dossier's front matter as JSON Schema (draft 2020-12), built from config.

The validator checks form with this very schema, and `dvk schema` prints it,
so the published schema and the checks cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from .config import Config, default_config

SCHEMA_ID = "https://dvk.example/du-lieu/dossier.schema.json"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

Json = dict[str, Any]


class _Builder:
    """Small constructors that attach the configured Vietnamese title by path."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def _titled(self, path: str, schema: Json) -> Json:
        if path in self.config.field_labels:
            schema = {"title": self.config.field_labels[path], **schema}
        return schema

    def text(self, path: str, nullable: bool = True) -> Json:
        kind: Any = ["string", "null"] if nullable else "string"
        return self._titled(path, {"type": kind, "minLength": 1})

    def date(self, path: str) -> Json:
        return self._titled(
            path,
            {"type": ["string", "null"], "pattern": DATE_PATTERN, "description": "Ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2023-07-12."},
        )

    def count(self, path: str) -> Json:
        return self._titled(path, {"type": ["integer", "null"], "minimum": 0})

    def number(self, path: str) -> Json:
        return self._titled(path, {"type": ["number", "null"], "minimum": 0})

    def enum(self, path: str, values: list[str], nullable: bool = False) -> Json:
        vals: list[Any] = list(values) + ([None] if nullable else [])
        return self._titled(path, {"enum": vals})

    def texts(self, path: str) -> Json:
        return self._titled(path, {"type": ["array", "null"], "items": {"type": "string", "minLength": 1}})

    def obj(self, path: str, props: dict[str, Json], required: tuple[str, ...] = (), nullable: bool = True) -> Json:
        schema: Json = {
            "type": ["object", "null"] if nullable else "object",
            "properties": props,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = list(required)
        return self._titled(path, schema)

    def items(self, path: str, item: Json) -> Json:
        return self._titled(path, {"type": ["array", "null"], "items": item})


def build_schema(config: Config | None = None) -> Json:
    """The JSON Schema of a dossier's front matter."""
    c = config or default_config()
    b = _Builder(c)
    tiers = list(c.tiers)
    criteria = {key: b.text(f"criteria.{key}") for key in sorted(c.all_criteria_keys())}
    for kind, crits in c.criteria.items():
        for crit in crits:
            criteria[crit.key] = {**criteria[crit.key], "description": crit.clause}
    props: dict[str, Json] = {
        "title": b.text("title", nullable=False),
        "period": b.enum("period", list(c.periods)),
        "fields": b._titled(
            "fields",
            {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(c.fields)}},
        ),
        "summary": b.text("summary", nullable=False),
        "holder": b.obj(
            "holder",
            {
                "kind": b.enum("holder.kind", list(c.holder_kinds)),
                "name": b.text("holder.name", nullable=False),
                "title": b.text("holder.title"),
                "party_body": b.text("holder.party_body"),
            },
            required=("kind", "name"),
            nullable=False,
        ),
        "contact": b.obj(
            "contact",
            {
                "unit": b.text("contact.unit"),
                "phone": b.text("contact.phone"),
                "email": b.text("contact.email"),
                "official": b._titled("contact.official", {"type": ["boolean", "null"]}),
            },
        ),
        "locality": b.obj(
            "locality",
            {
                "province": b.text("locality.province", nullable=False),
                "district": b.text("locality.district"),
                "commune": b.text("locality.commune"),
                "current_province": b.text("locality.current_province"),
                "current_commune": b.text("locality.current_commune"),
            },
            required=("province",),
            nullable=False,
        ),
        "idea": b.obj(
            "idea",
            {
                "problem": b.text("idea.problem"),
                "scope": b.text("idea.scope"),
                "conditions": b.text("idea.conditions"),
                "core_team": b.texts("idea.core_team"),
                "funding": b.obj(
                    "idea.funding",
                    {"amount_vnd": b.count("idea.funding.amount_vnd"), "sources": b.texts("idea.funding.sources")},
                ),
                "targets": b.items(
                    "idea.targets",
                    b.obj(
                        "idea.targets[]",
                        {
                            "id": b._titled("idea.targets[].id", {"type": "string", "pattern": SLUG_PATTERN}),
                            "indicator": b.text("idea.targets[].indicator", nullable=False),
                            "target": b._titled("idea.targets[].target", {"type": "number", "minimum": 0}),
                            "unit": b.text("idea.targets[].unit"),
                            "better": b.enum("idea.targets[].better", ["higher", "lower"], nullable=True),
                        },
                        required=("id", "indicator", "target"),
                        nullable=False,
                    ),
                ),
                "benefits": b.text("idea.benefits"),
                "difficulties": b.text("idea.difficulties"),
                "interests": b.obj(
                    "idea.interests",
                    {k: b.text(f"idea.interests.{k}") for k in c.interests},
                ),
                "registered": b.obj(
                    "idea.registered",
                    {"date": b.date("idea.registered.date"), "with": b.text("idea.registered.with")},
                ),
            },
        ),
        "rollout": b.obj(
            "rollout",
            {
                "steering_committee": b.obj(
                    "rollout.steering_committee",
                    {
                        "date": b.date("rollout.steering_committee.date"),
                        "members": b.count("rollout.steering_committee.members"),
                    },
                ),
                "survey": b.obj(
                    "rollout.survey",
                    {"date": b.date("rollout.survey.date"), "findings": b.text("rollout.survey.findings")},
                ),
                "assignment": b.obj(
                    "rollout.assignment",
                    {"date": b.date("rollout.assignment.date"), "notice": b.text("rollout.assignment.notice")},
                ),
                "commitment": b.obj(
                    "rollout.commitment",
                    {
                        "date": b.date("rollout.commitment.date"),
                        "signatories": b.count("rollout.commitment.signatories"),
                    },
                ),
                "plan": b.obj(
                    "rollout.plan",
                    {
                        "date": b.date("rollout.plan.date"),
                        "activities": b.texts("rollout.plan.activities"),
                        "budget_vnd": b.count("rollout.plan.budget_vnd"),
                    },
                ),
            },
        ),
        "monitoring": b.items(
            "monitoring",
            b.obj(
                "monitoring[]",
                {
                    "date": b.date("monitoring[].date"),
                    "activity": b.text("monitoring[].activity", nullable=False),
                    "findings": b.text("monitoring[].findings"),
                    "actions": b.text("monitoring[].actions"),
                },
                required=("date", "activity"),
                nullable=False,
            ),
        ),
        "evaluation": b.obj(
            "evaluation",
            {
                "date": b.date("evaluation.date"),
                "results": b.items(
                    "evaluation.results",
                    b.obj(
                        "evaluation.results[]",
                        {
                            "target": b._titled("evaluation.results[].target", {"type": "string", "pattern": SLUG_PATTERN}),
                            "actual": b._titled("evaluation.results[].actual", {"type": "number", "minimum": 0}),
                            "note": b.text("evaluation.results[].note"),
                        },
                        required=("target", "actual"),
                        nullable=False,
                    ),
                ),
                "self_assessment": b.enum("evaluation.self_assessment", list(c.self_assessment), nullable=True),
                "process": b.text("evaluation.process"),
                "spread": b.text("evaluation.spread"),
                "sustainability": b.text("evaluation.sustainability"),
                "funding_actual_vnd": b.count("evaluation.funding_actual_vnd"),
                "lessons": b.text("evaluation.lessons"),
                "replicability": b.obj(
                    "evaluation.replicability",
                    {
                        "scope": b.enum("evaluation.replicability.scope", tiers, nullable=True),
                        "how": b.text("evaluation.replicability.how"),
                    },
                ),
            },
        ),
        "criteria": b.obj("criteria", criteria),
        "recognitions": b.items(
            "recognitions",
            b.obj(
                "recognitions[]",
                {
                    "tier": b.enum("recognitions[].tier", tiers),
                    "body": b.text("recognitions[].body", nullable=False),
                    "report": b.obj(
                        "recognitions[].report",
                        {"form": b.enum("recognitions[].report.form", ["2a"]), "date": b.date("recognitions[].report.date")},
                    ),
                    "vote": b.obj(
                        "recognitions[].vote",
                        {
                            "date": b.date("recognitions[].vote.date"),
                            "members": b.count("recognitions[].vote.members"),
                            "in_favor": b.count("recognitions[].vote.in_favor"),
                        },
                    ),
                    "notice": b.obj(
                        "recognitions[].notice",
                        {
                            "number": b.text("recognitions[].notice.number"),
                            "date": b.date("recognitions[].notice.date"),
                        },
                    ),
                },
                required=("tier", "body"),
                nullable=False,
            ),
        ),
        "awards": b.items(
            "awards",
            b.obj(
                "awards[]",
                {
                    "year": b._titled("awards[].year", {"type": "integer", "minimum": 2000, "maximum": 2100}),
                    "by": b.text("awards[].by", nullable=False),
                    "form": b.text("awards[].form", nullable=False),
                    "decision": b.text("awards[].decision"),
                    "typical": b._titled("awards[].typical", {"type": ["boolean", "null"]}),
                },
                required=("year", "by", "form"),
                nullable=False,
            ),
        ),
        "replication": b.obj(
            "replication",
            {
                "plan": b.text("replication.plan"),
                "sites": b.items(
                    "replication.sites",
                    b.obj(
                        "replication.sites[]",
                        {
                            "unit": b.text("replication.sites[].unit", nullable=False),
                            "locality": b.text("replication.sites[].locality"),
                            "year": b._titled("replication.sites[].year", {"type": ["integer", "null"], "minimum": 2000, "maximum": 2100}),
                        },
                        required=("unit",),
                        nullable=False,
                    ),
                ),
                "derived_from": b._titled("replication.derived_from", {"type": ["string", "null"], "pattern": SLUG_PATTERN}),
            },
        ),
        "attachments": b.items(
            "attachments",
            b.obj(
                "attachments[]",
                {"path": b.text("attachments[].path", nullable=False), "caption": b.text("attachments[].caption")},
                required=("path",),
                nullable=False,
            ),
        ),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Hồ sơ mô hình “Dân vận khéo”",
        "description": "Phần thông tin đầu tệp (YAML front matter) của một hồ sơ mô hình “Dân vận khéo”.",
        "type": "object",
        "properties": props,
        "required": ["title", "period", "fields", "summary", "holder", "locality"],
        "additionalProperties": False,
    }
