"""Fuzzing the validator: random edits to a valid dossier give diagnostics, never an exception or a hang.

Edits are textual (delete a key, change a scalar, duplicate a line, truncate, insert bytes, shift
indentation) and structural (any value replaced by any JSON-like value). Every run goes through
loading, every rule and all three output formats. Examples per test: DVK_FUZZ_VALIDATOR (default 300).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from dvk_build import report as reporting
from dvk_build.config import default_config
from dvk_build.load.source import decode, split
from dvk_build.validate.engine import check_paths
from dvk_build.load.yamltree import parse
from dvk_build.schema import build_schema
from dvk_build.validate.fastschema import compile_schema
from dvk_build.validate.registry import RULES

EXAMPLES = int(os.environ.get("DVK_FUZZ_VALIDATOR", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=2000, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
POSITIVE = ROOT / "tests" / "example-files" / "positive"
BASES = [
    (POSITIVE / "hien-dat-mo-duong-xa-long-thanh.md").read_text(encoding="utf-8"),
    (POSITIVE / "bi-thu-chi-bo-van-dong-xoa-nha-tam.md").read_text(encoding="utf-8"),
    (POSITIVE / "dan-van-kheo-xa-phuoc-vinh-2026.md").read_text(encoding="utf-8"),
]
TODAY = dt.date.today()
CONFIG = default_config()

# Values an editor (or a broken editor) could leave where a scalar was.
SCALARS = st.one_of(
    st.sampled_from(["", "~", "null", "yes", "no", "on", "0", "05", "-1", "1e9", "0x1F", "1_000", "12:30", "3.5",
                     "2023-02-30", "2023-13-01", "99999-01-01", "[]", "{}", "[a, [b]]", "{a: {b: c}}", "&x a", "*x",
                     "!!binary aGk=", "!tag x", "'", '"', "|", ">", "- a", "? a", "a: b: c", "# c", "%YAML 1.1",
                     "<script>alert(1)</script>", "javascript:alert(1)", "079085001234", "0912 345 678",
                     "a\u2028b", "a\x85b", "a\u2029", "\ufeff", "\u0301a", "a\rb", "\x00", "\x1b[31m",
                     "co-so", "huyen", "tinh", "xa", "tap-the", "ca-nhan", "vuot", "bang", "kem", "2021-2025"]),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
)


@st.composite
def text_edit(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    if len(lines) < 3:  # an earlier edit left almost nothing: grow it back a little
        lines += draw(st.lists(SCALARS, min_size=2, max_size=2))
    # edits mostly inside the front matter, where the rules look (an earlier edit may have cut it)
    close = lines.index("---", 1) if "---" in lines[1:] else len(lines) - 1
    i = draw(st.integers(min_value=1, max_value=max(1, close - 1)))
    kind = draw(st.sampled_from(["delete", "scalar", "duplicate", "truncate", "bytes", "indent", "swap"]))
    if kind == "delete":
        del lines[i]
    elif kind == "scalar":
        head, sep, _ = lines[i].partition(": ")
        lines[i] = (head + sep if sep else lines[i] + ": ") + draw(SCALARS)
    elif kind == "duplicate":
        lines.insert(draw(st.integers(min_value=1, max_value=close)), lines[i])
    elif kind == "truncate":
        return text[: draw(st.integers(min_value=0, max_value=len(text)))]
    elif kind == "bytes":
        at = draw(st.integers(min_value=0, max_value=len(text)))
        junk = draw(st.binary(min_size=1, max_size=8)).decode("latin-1")
        return text[:at] + junk + text[at:]
    elif kind == "indent":
        stripped = lines[i].lstrip(" ")
        lines[i] = " " * draw(st.sampled_from([0, 1, 2, 3, 4, 6, 8])) + draw(st.sampled_from(["", "\t"])) + stripped
    else:
        j = draw(st.integers(min_value=1, max_value=max(1, close - 1)))
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


@st.composite
def edited_text(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(BASES))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        text = draw(text_edit(text))
    return text


JSON_LIKE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**6, max_value=10**6),
              st.floats(allow_nan=True, allow_infinity=True), SCALARS),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8) | SCALARS, inner, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


def _edit(draw: st.DrawFn, data: Any) -> None:
    """Replace or delete one to three values anywhere in `data`, in place."""
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(list(_paths(data))[1:]))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(JSON_LIKE)


@st.composite
def edited_data(draw: st.DrawFn) -> str:
    source = split(draw(st.sampled_from(BASES)))
    data = yaml.safe_load(source.front_matter)
    _edit(draw, data)
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n{source.body}"


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def check(raw: bytes, folder: Path) -> None:
    """Validate one file and print every format; each problem must be a well-formed diagnostic."""
    path = folder / "mau.md"
    path.write_bytes(raw)
    report = check_paths([path], CONFIG, TODAY, root=folder)
    try:
        text = decode(raw)
    except Exception:  # not UTF-8: DVK001, positions in bytes
        text = None
    lines = text.split("\n") if text is not None else None
    for p in report.problems:
        assert p.code in RULES and p.name == RULES[p.code].name and p.severity == RULES[p.code].severity, p
        assert p.message and p.path == "mau.md", p
        assert "\n" not in p.message + p.hint, p  # one problem, one output line
        assert p.line >= 1 and p.col >= 1, p
        if lines is not None:
            assert p.line <= len(lines), (p, len(lines))
            assert p.col <= len(lines[p.line - 1]) + 1, (p, lines[p.line - 1])
    for write in (reporting.write_json, reporting.write_github, reporting.write_text):
        write(report, io.StringIO())


@SETTINGS
@given(text=edited_text())
def test_text_edits_give_diagnostics(folder: Path, text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"), folder)


@SETTINGS
@given(base=st.sampled_from(BASES), junk=st.binary(min_size=1, max_size=16), at=st.integers(min_value=0, max_value=10**5))
def test_random_bytes_give_diagnostics(folder: Path, base: str, junk: bytes, at: int) -> None:
    raw = base.encode("utf-8")
    at %= len(raw) + 1
    check(raw[:at] + junk + raw[at:], folder)


@SETTINGS
@given(text=edited_data())
def test_data_edits_give_diagnostics(folder: Path, text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"), folder)


def test_the_bases_are_valid(folder: Path) -> None:
    for base in BASES:
        path = folder / "mau.md"
        path.write_text(base, encoding="utf-8")
        assert check_paths([path], CONFIG, TODAY, root=folder).problems == []


SCHEMA = build_schema(CONFIG)
QUICK = compile_schema(SCHEMA)


@st.composite
def edited_values(draw: st.DrawFn) -> Any:
    """The data of a valid dossier (as the loader builds it) with a few values replaced or deleted."""
    source = split(draw(st.sampled_from(BASES)))
    data = parse(source.front_matter, source.fm_first_line).data
    _edit(draw, data)
    return data


@SETTINGS
@given(data=edited_values())
def test_quick_schema_check_never_accepts_what_jsonschema_refuses(data: Any) -> None:
    """form.py trusts a True from the quick check and skips jsonschema: it must never be wrong."""
    import jsonschema

    if QUICK(data):
        assert jsonschema.Draft202012Validator(SCHEMA).is_valid(data), data


def test_quick_schema_check_accepts_the_valid_bases() -> None:
    for base in BASES:
        source = split(base)
        assert QUICK(parse(source.front_matter, source.fm_first_line).data)
