"""The loader that resolves tags with fewer Python calls composes exactly the tree PyYAML's safe loader composes."""

from __future__ import annotations


import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from dvk_build.load import yamltree

REFERENCE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Plain scalars of every implicit type YAML 1.1 knows, and near misses of each.
TRICKY = ["", "~", "null", "Null", "NULL", "nul", "yes", "No", "on", "OFF", "y", "n", "true", "False", "0", "05", "-0",
          "+12", "0x1F", "0o17", "0b101", "1_000", "12:30", "190:20:30", "1.5", ".5", "-.inf", ".NaN", "1e3", "1.0e+400",
          "2024-01-01", "2024-1-1", "2024-01-01 10:00:00", "2001-12-14t21:59:43.10-05:00", "<<", "=", "Nguyễn Văn A",
          "Ấp 3", "9 hộ", "-", ".", "+", "đ", "Yên Thế", "Tỉnh Bến Tre", "on time", "null value", "true story"]


def same(a: yaml.Node | None, b: yaml.Node | None) -> bool:
    if a is None or b is None:
        return a is b
    if type(a) is not type(b) or a.tag != b.tag or (a.start_mark.line, a.start_mark.column) != (
            b.start_mark.line, b.start_mark.column):
        return False
    if isinstance(a, yaml.ScalarNode):
        return a.value == b.value and (a.style or None) == (b.style or None)
    if isinstance(a, yaml.MappingNode):
        return len(a.value) == len(b.value) and all(same(k, l) and same(v, w) for (k, v), (l, w) in zip(a.value, b.value))
    return len(a.value) == len(b.value) and all(same(x, y) for x, y in zip(a.value, b.value))


def check(text: str) -> None:
    assert same(yaml.compose(text, Loader=yamltree._Loader), yaml.compose(text, Loader=REFERENCE)), text


def test_every_dossier_of_the_repository_composes_alike() -> None:
    files = [*(ROOT / "tests" / "example-files").rglob("*.md"), *(ROOT / "content").rglob("*.md")]
    texts = [f.read_bytes().decode("utf-8", "replace") for f in files]  # a negative case is not UTF-8
    fronts = [t.split("---\n")[1] for t in texts if t.startswith("---\n") and t.count("---\n") >= 2]
    assert len(fronts) > 80
    for front in fronts:
        try:
            check(front)
        except yaml.YAMLError:
            pass  # a negative case with broken YAML: both loaders refuse it (checked below)


def test_tricky_scalars_compose_alike() -> None:
    for value in TRICKY:
        for style in ("{v}", '"{v}"', "'{v}'", "!!str {v}", "[{v}]", "- {v}", "{{k: {v}}}"):
            text = "a: " + style.format(v=value) if not style.startswith("-") else style.format(v=value)
            try:
                reference = yaml.compose(text, Loader=REFERENCE)
            except yaml.YAMLError:
                continue
            assert same(yaml.compose(text, Loader=yamltree._Loader), reference), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TRICKY) | st.text(min_size=0, max_size=8), st.sampled_from(TRICKY)),
                max_size=6))
def test_generated_mappings_compose_alike(pairs: list[tuple[str, str]]) -> None:
    text = "".join(f"{yaml.safe_dump(k).strip().removesuffix('...').strip() or repr('')}: {v}\n" for k, v in pairs)
    try:
        reference = yaml.compose(text, Loader=REFERENCE)
    except yaml.YAMLError:
        return
    assert same(yaml.compose(text, Loader=yamltree._Loader), reference), text
