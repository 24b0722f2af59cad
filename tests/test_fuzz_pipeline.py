"""Fuzzing the whole pipeline: mutated dossiers give diagnostics, never a traceback or a hang.

Examples per strategy: DVK_FUZZ_EXAMPLES (default 150, kept small for the suite; a longer
campaign is `DVK_FUZZ_EXAMPLES=3000 pytest tests/test_fuzz_pipeline.py`).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SHIPPED_DOSSIER, make_dvk_project
from dvk_build.config import default_config
from dvk_build.model import build_catalogue
from dvk_build.export import site_files
from dvk_build.render.model_page import model_contents
from dvk_build.render.site import RenderedPages, SiteRenderer
from dvk_build.search.pages import search_pages
from dvk_build.site_context import Site, SiteContext
from dvk_build.validate.engine import check_paths
from dvk_build.validate.registry import RULES

EXAMPLES = int(os.environ.get("DVK_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=5000, derandomize=True, database=None,
                    phases=[Phase.explicit, Phase.generate, Phase.shrink],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
SHIPPED = SHIPPED_DOSSIER.read_text(encoding="utf-8")
TODAY = dt.date(2025, 6, 1)
CONFIG = default_config()
# Characters that mean something to YAML, Markdown or HTML, and text that real dossiers hold.
PIECES = ["\n", "\t", " ", ":", "- ", "#", "&a", "*a", "!!str ", "|", ">", "'", '"', "%", "@", "`", "[", "]", "{", "}",
          ",", "---", "...", "\ufeff", "\u200b", "\x00", "\r", "0", "05", "1e3", "2023-02-30", "yes", "~", "null",
          "Đảng ủy", "Xã Phú An", "<script>", "](javascript:x)", "0912345678", "079185001234", "a@gmail.com",
          "tier: tinh", "recognitions:", "  - ", "\u0301", "𝔘", "ấp"]


def pipeline(text: str | bytes, folder: Path) -> None:
    """Load, validate, model and render one dossier; every problem must be a well-formed diagnostic."""
    path = folder / "mau.md"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    report = check_paths([path], CONFIG, TODAY, root=folder)
    for p in report.problems:
        assert p.code in RULES, p
        assert p.line >= 1 and p.col >= 1 and p.message, p
    render_site(build_catalogue(report))


def render_site(catalogue) -> RenderedPages:  # type: ignore[no-untyped-def]
    """Every page and file of the site in memory, as the plugin composes them (no MkDocs)."""
    ctx = SiteContext(catalogue, Site(CONFIG))
    pages = SiteRenderer(ctx).render()
    pages.add(search_pages(ctx)).add(site_files.outputs(ctx))
    model_contents(catalogue)
    return pages


# Crashes this fuzzing found, each fixed at its root: a list or mapping where a word is expected
# was looked up in a dict (TypeError: unhashable), a result without `target` next to a target
# without `id` (KeyError), and a template that assumed a field the schema leaves optional.
# Each is replayed by test_former_crash_goes_through, so a regression fails the suite.
DELETE = object()
FORMER_CRASHES: dict[str, tuple[str, list[tuple[tuple[Any, ...], Any]]]] = {
    # id: (where it crashed, the data edits that replay it)
    "dvk201-field-list": ("validate/rules/dvk201_field_not_in_period.py", [(("fields", 0), [])]),
    "dvk202-kind-list": ("validate/rules/dvk202_missing_criterion.py", [(("holder", "kind"), [])]),
    "dvk301-tier-list": ("validate/rules/dvk301_tier_not_in_period.py", [(("recognitions", 0, "tier"), [])]),
    "dvk303-scope-list": ("validate/rules/dvk303_replication_scope.py", [(("evaluation", "replicability", "scope"), [])]),
    "dvk406-assessment-list": ("validate/rules/dvk406_self_assessment.py", [(("evaluation", "self_assessment"), [])]),
    "assessment-id-list": ("assessment.py", [(("idea", "targets", 0, "id"), [])]),
    "assessment-result-without-target": ("assessment.py",
                                         [(("idea", "targets", 2), {}), (("evaluation", "results", 1, "target"), DELETE)]),
    # a valid dossier whose funding has sources but no amount (the model page template failed)
    "render-funding-without-amount": ("templates/model.html.j2", [(("idea", "funding", "amount_vnd"), DELETE)]),
}


def fuzz_pipeline(text: str | bytes, folder: Path) -> None:
    """pipeline() on a generated input: any exception fails the property test."""
    pipeline(text, folder)


@pytest.fixture(scope="module")
def folder() -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def test_shipped_dossier_goes_through(folder: Path) -> None:
    pipeline(SHIPPED, folder)


# --- strategy 1: edits of the text --------------------------------------------------------------


@st.composite
def text_edits(draw: st.DrawFn) -> str:
    text = SHIPPED
    for _ in range(draw(st.integers(1, 6))):
        n = len(text)
        at = draw(st.integers(0, n))
        op = draw(st.sampled_from(["delete", "insert", "piece", "dup-line", "swap-lines", "indent", "truncate"]))
        if op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif op == "insert":
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
        elif op == "piece":
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
        elif op in ("dup-line", "swap-lines", "indent"):
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if op == "dup-line":
                lines.insert(i, lines[i])
            elif op == "swap-lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = draw(st.sampled_from([" ", "  ", "\t", ""])) + lines[i].lstrip(" ")
            text = "\n".join(lines)
        else:
            text = text[:at]
    return text


@SETTINGS
@given(text_edits())
def test_text_edits_give_diagnostics(folder: Path, text: str) -> None:
    fuzz_pipeline(text, folder)


@SETTINGS
@given(st.binary(max_size=200), st.integers(0, len(SHIPPED.encode())))
def test_raw_bytes_give_diagnostics(folder: Path, junk: bytes, at: int) -> None:
    raw = SHIPPED.encode()
    fuzz_pipeline(raw[:at] + junk + raw[at:], folder)


# --- strategy 2: edits of the data ---------------------------------------------------------------

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["", "tinh", "huyen", "co-so", "2023-02-30", "2024-04-22",
                                                          "ca-nhan", "tap-the", "vuot", "<b>x</b>"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=8)
DATA, BODY = yaml.safe_load(SHIPPED.split("---\n")[1]), SHIPPED.split("---\n", 2)[2]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, path + (i,))
    return out


ALL_PATHS = [p for p in _paths(DATA) if p]


@st.composite
def data_edits(draw: st.DrawFn) -> str:
    import copy

    data = copy.deepcopy(DATA)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(ALL_PATHS))
        node: Any = data
        try:
            for step in path[:-1]:
                node = node[step]
            op = draw(st.sampled_from(["replace", "delete", "add-key"]))
            if op == "replace":
                node[path[-1]] = draw(VALUES)
            elif op == "delete":
                del node[path[-1]]
            elif isinstance(node, dict):
                node[draw(st.text(min_size=1, max_size=10))] = draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or retyped the parent
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{BODY}"


@SETTINGS
@given(data_edits())
def test_data_edits_give_diagnostics(folder: Path, text: str) -> None:
    fuzz_pipeline(text, folder)


def _edited(edits: list[tuple[tuple[Any, ...], Any]]) -> str:
    import copy

    data = copy.deepcopy(DATA)
    for path, value in edits:
        node = data
        for step in path[:-1]:
            node = node[step]
        if value is DELETE:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    return f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n{BODY}"


@pytest.mark.parametrize("crash", sorted(FORMER_CRASHES))
def test_former_crash_goes_through(folder: Path, crash: str) -> None:
    """Each crash fuzzing once found goes through the whole pipeline with diagnostics only."""
    _site, edits = FORMER_CRASHES[crash]
    pipeline(_edited(edits), folder)


def test_funding_without_amount_shows_its_sources() -> None:
    """A valid dossier with funding sources and no amount: the page lists the sources, no stray dash."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "mau.md").write_text(_edited(FORMER_CRASHES["render-funding-without-amount"][1]), encoding="utf-8")
        report = check_paths([folder / "mau.md"], CONFIG, TODAY, root=folder)
        assert not [p for p in report.problems if p.is_error], report.problems
        html = next(iter(model_contents(build_catalogue(report)).values())).html
    sources = ", ".join(DATA["idea"]["funding"]["sources"])
    assert f"{CONFIG.label('idea.funding')}</dt> <dd>{sources}</dd>" in html


# --- inputs built to be slow or deep: each finishes quickly with diagnostics ---------------------

LAUGHS = "---\na: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 10)}]\n" for a, b in zip("abcdefgh", "bcdefghi")) + "---\n"
PATHOLOGICAL = {
    "billion-laughs": LAUGHS,
    "deep-list": "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n",
    "deep-map": "---\n" + "".join(" " * i + f"k{i}:\n" for i in range(3000)) + "---\n",
    "long-line-of-lt": SHIPPED + "\n" + "<" * 200_000 + "\n",
    "many-tags": SHIPPED + "\n" + "<a href=x>" * 20_000 + "\n",
    "many-entities": SHIPPED + "\n" + "&#106;" * 50_000 + "\n",
    "many-braces": SHIPPED + "\n" + "{" * 50_000 + "\n",
    "unclosed-quotes": SHIPPED + "\n<b " + "\"'" * 50_000 + "\n",
    "many-digits": SHIPPED + "\n" + "0912 " * 20_000 + "\n",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_finishes_quickly(folder: Path, name: str) -> None:
    import time

    start = time.monotonic()
    pipeline(PATHOLOGICAL[name], folder)
    assert time.monotonic() - start < 10


# --- one broken dossier among a thousand ---------------------------------------------------------

N = 1000


def _generate(out: Path) -> Path:
    """A folder of N valid dossiers: bench/generate.py when it is there, else renamed copies of the shipped one."""
    from dvk_build.load.files import discover

    generator = ROOT / "bench" / "generate.py"
    if generator.is_file():
        proc = subprocess.run([sys.executable, str(generator), str(N), str(out)], capture_output=True, text=True,
                              timeout=600)
        source = out / "models" if (out / "models").is_dir() else out
        if proc.returncode == 0 and len(discover([source])) == N and not check_paths([source], CONFIG, TODAY).errors:
            return source
        shutil.rmtree(out, ignore_errors=True)  # not usable (yet): fall back to copies
    models = out / "models"
    models.mkdir(parents=True)
    for i in range(N):
        title = f"title: Tuyến đường tự quản số {i + 1} ấp Phú Hòa"
        (models / f"mo-hinh-{i:04d}.md").write_text(re.sub(r"^title: .*$", title, SHIPPED, count=1, flags=re.M),
                                                    encoding="utf-8")
    return models


def _break(file: Path, rng: random.Random) -> int:
    """Put one error on a line of the file's body; returns that 1-based line."""
    lines = file.read_text(encoding="utf-8").split("\n")
    closing = [i for i, line in enumerate(lines) if line == "---"][1]
    at = rng.randint(closing + 2, len(lines))
    lines.insert(at, "Liên hệ chị Lan qua số 0912 345 678.")
    file.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def test_one_broken_dossier_among_a_thousand_fails_the_build_naming_it(tmp_path: Path) -> None:
    project = tmp_path / "du-an"
    config = make_dvk_project(project, {})
    models = project / "models"
    shutil.rmtree(models)
    shutil.copytree(_generate(tmp_path / "gen"), models)
    from dvk_build.load.files import discover

    files = [f.file for f in discover([models])]
    assert len(files) == N
    rng = random.Random(7)
    victim = rng.choice(files)
    line = _break(victim, rng)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0
    errors = re.findall(r"^(\S+\.md):(\d+):(\d+): (DVK\d+) ", proc.stderr, re.M)
    assert errors == [(victim.relative_to(project).as_posix(), str(line), "24", "DVK503")], proc.stderr[-2000:]
    assert "1 lỗi" in proc.stderr
