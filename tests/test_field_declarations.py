"""Every declared dossier field reaches the model page and the exports (config.yaml `dossier:`).

For each field that holds a value, a dossier with every field filled is changed in that one field: the
model page must change, and so must the model's JSON record (and its CSV/Excel row, unless the
declaration keeps it to JSON). A field declared but shown or exported nowhere fails here.
"""

from __future__ import annotations

import copy
import datetime as dt
import types
from pathlib import Path
from typing import Any

import pytest

from dvk_build.config import Config, default_config
from dvk_build.site_context import Site
from dvk_build.export.records import json_columns, record, row, table_columns
from dvk_build.fields import FieldSpec, leaves
from dvk_build.model import Catalogue, Model, model_from
from dvk_build.render.model_page import model_contents


def _codes(config: Config, spec: FieldSpec) -> list[str]:
    return list(spec.values) if isinstance(spec.values, tuple) else list(getattr(config, spec.values))


def _sample(config: Config, spec: FieldSpec) -> Any:
    """A plausible value of the field's type, for a field the base dossier leaves empty."""
    kind = spec.type
    return {
        "line": f"Tên thử của {spec.label.lower()}", "text": f"Nội dung thử của {spec.label.lower()}", "texts": [f"Mục thử của {spec.label.lower()}"],
        "date": "2023-03-15", "count": 7, "vnd": 12_000_000, "number": 3.5, "year": 2024, "boolean": True,
        "slug": "mo-hinh-thu",
    }.get(kind) if kind not in ("code", "codes") else (
        _codes(config, spec)[0] if kind == "code" else _codes(config, spec)[:1])


def _other(config: Config, spec: FieldSpec, value: Any) -> Any:
    """A different valid value of the same field; None when the field allows only one."""
    kind = spec.type
    if kind in ("line", "text"):
        return f"{value} (đã sửa)"
    if kind == "texts":
        return [*value, "Mục đã thêm"]
    if kind == "date":
        return (dt.date.fromisoformat(str(value)[:10]) + dt.timedelta(days=1)).isoformat()
    if kind in ("count", "vnd", "number", "year"):
        return value + 1
    if kind == "boolean":
        return not value
    if kind == "slug":
        return f"{value}-khac"
    codes = _codes(config, spec)
    if kind == "code":
        others = [c for c in codes if c != value]
        return others[0] if others else None
    others = [c for c in codes if c not in value]
    return [*value, others[0]] if others else None


def _slots(data: dict[str, Any], path: str) -> tuple[dict[str, Any], str]:
    """The dict holding a field and its key; a list of records is entered at its first item (made if missing)."""
    parts = path.replace("[]", ".[]").split(".")
    node: Any = data
    for i, key in enumerate(parts[:-1]):
        if key == "[]":
            continue
        nxt = parts[i + 1]
        if nxt == "[]":
            if not node.get(key):
                node[key] = [{}]
            node = node[key][0]
        else:
            if not isinstance(node.get(key), dict):
                node[key] = {}
            node = node[key]
    return node, parts[-1]


def _full(config: Config, base: Model) -> dict[str, Any]:
    """The base dossier with every declared field given a value."""
    data = copy.deepcopy(base.data)
    for spec in leaves(config.dossier):
        node, key = _slots(data, spec.path)
        if node.get(key) in (None, "", []):
            node[key] = _sample(config, spec)
    data["contact"]["official"] = True  # a unit's own phone and e-mail are published
    target, result = data["idea"]["targets"][0], data["evaluation"]["results"][0]
    result.update(target=target["id"], actual=target["target"] + 1)  # `better` then decides the outcome
    return data


def _model(base: Model, data: dict[str, Any], slug: str | None = None) -> Model:
    ctx = types.SimpleNamespace(data=data, slug=slug or base.slug, path=base.source_path, body=base.body,
                                config=base.config,
                                period=base.config.periods.get(str(data.get("period") or "")))
    return model_from(ctx)  # type: ignore[arg-type]


def _pages(config: Config, models: list[Model]) -> dict[str, str]:
    """Each model's page content as rendered (one renderer for all of them)."""
    contents = model_contents(Catalogue(config=config, models=models, drafts=[]))
    return {slug: content.html for slug, content in contents.items()}


Change = tuple[bool, bool, bool]  # the model page, the JSON record, the CSV/Excel row changed


def _changes(config: Config, base: Model, parent: Model) -> dict[str, Change]:
    """For every field that can take another value: what changing it in `base` (alone) changes."""
    changed: dict[str, Model] = {}
    for i, spec in enumerate(leaves(config.dossier)):
        data = copy.deepcopy(base.data)
        node, key = _slots(data, spec.path)
        other = _other(config, spec, node[key])
        if other is not None:
            node[key] = other
            changed[spec.path] = _model(base, data, f"{base.slug}-f{i:03d}")
    pages = _pages(config, [base, parent, *changed.values()])
    ctx = Site(config=config, site_url="https://dvk.example/")
    jcols, tcols = json_columns(config), table_columns(config)

    def same_slug(m: Model, value: Any) -> Any:  # the changed copy's own slug, read as the base's
        return type(value)(str(value).replace(m.slug, base.slug)) if isinstance(value, str) else value

    out = {}
    for path, m in changed.items():
        page = pages[m.slug].replace(m.slug, base.slug)
        rec = {k: same_slug(m, v) for k, v in record(m, ctx, jcols).items()}
        cells = [same_slug(m, v) for v in row(m, ctx, tcols)]
        out[path] = (page != pages[base.slug], rec != record(base, ctx, jcols), cells != row(base, ctx, tcols))
    return out


@pytest.fixture(scope="module")
def changes(shipped_catalogue) -> list[dict[str, Change]]:  # type: ignore[no-untyped-def]
    """For each holder kind, a shipped model filled in completely (learning from another), changed field by field."""
    config = default_config()
    out = []
    for kind in config.holder_kinds:
        base = next(m for m in shipped_catalogue.models if m.holder_kind == kind)
        parent = next(m for m in shipped_catalogue.models if m.slug != base.slug)
        data = _full(config, base)
        data["replication"]["derived_from"] = parent.slug
        out.append(_changes(config, _model(base, data), parent))
    return out


def test_a_copy_under_another_slug_reads_the_same(shipped_catalogue) -> None:  # type: ignore[no-untyped-def]
    """The comparison itself: an unchanged copy differs only by its slug."""
    config = default_config()
    base, parent = shipped_catalogue.models[0], shipped_catalogue.models[1]
    copy_ = _model(base, copy.deepcopy(base.data), f"{base.slug}-f000")
    pages = _pages(config, [base, parent, copy_])
    assert pages[copy_.slug].replace(copy_.slug, base.slug) == pages[base.slug]


def _in_tables(config: Config, path: str) -> bool:
    """Whether CSV and Excel carry the field: neither it nor a field around it is declared `export: json|tiers`."""
    spec: FieldSpec | None = config.dossier[path]
    while spec is not None:
        if spec.export != "both":
            return False
        spec = config.dossier.get(spec.parent)
    return True


@pytest.mark.parametrize("path", [s.path for s in leaves(default_config().dossier)])
def test_every_declared_field_is_shown_and_exported(changes: list[dict[str, Change]], path: str) -> None:
    config = default_config()
    results = [case[path] for case in changes if path in case]
    if not results:
        pytest.skip(f"{path} allows a single value")
    assert any(page for page, _, _ in results), f"{path} is declared but the model page does not show it (`show`)"
    assert any(js for _, js, _ in results), f"{path} is declared but the JSON export does not carry it"
    if _in_tables(config, path):
        assert any(tab for _, _, tab in results), f"{path} is declared but CSV and Excel do not carry it"


REPLICATED = [spec.path for spec in default_config().dossier.values() if spec.replicate]


def _aside(page: str) -> str:
    return page[page.index('<aside class="dvk-replicate"'):page.index("</aside>")]


@pytest.mark.parametrize("path", REPLICATED)
def test_a_field_the_box_repeats_is_in_the_box_by_its_declaration(shipped_catalogue, path: str) -> None:  # type: ignore[no-untyped-def]
    """`replicate:` in config.yaml puts a field in "Nhân rộng mô hình này" under that name; without a value it is not there."""
    config = shipped_catalogue.config
    spec = config.dossier[path]
    base = next(m for m in shipped_catalogue.models if not m.summary_record)
    data = _full(config, base)
    node, key = _slots(data, path)
    node[key] = _sample(config, spec)
    empty = copy.deepcopy(data)
    node, key = _slots(empty, path)
    node.pop(key, None)
    pages = _pages(config, [_model(base, data, "co"), _model(base, empty, "khong")])
    assert f"<dt>{spec.replicate}</dt>" in _aside(pages["co"])
    assert f"<dt>{spec.replicate}</dt>" not in _aside(pages["khong"])


def test_the_box_names_only_declared_fields() -> None:
    """The box's template names no dossier field itself beyond the derived ones: the declarations decide."""
    source = (Path(__file__).parent.parent / "dvk_build" / "templates" / "model.html.j2").read_text(encoding="utf-8")
    box = source[source.index('<aside class="dvk-replicate"'):source.index("</aside>")]
    for spec in default_config().dossier.values():
        if spec.replicate:
            assert spec.replicate not in box, spec.path
