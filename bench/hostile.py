"""Hostile dossiers through the whole pipeline: check, build, exports read back, feed, search, browser.

    python3 bench/hostile.py N [--seed S] [--browser K] [--out FILE] [--false-alarms M]

Generates N hostile dossiers (random and crafted: huge fields, text outside the BMP, control and
bidi characters, zero-width characters, weird numbers, YAML traps, odd file names, markup, personal
data in many spellings, formula-looking text in every exported column), checks them with `dvk
check` (in process, and the CLI's text and GitHub outputs), builds what the check accepted with a
real `mkdocs build`, then reads every output back: the JSON exports with a strict parser, the CSV
(formula guard), the Excel file with openpyxl, the Atom feed with feedparser, the search index, the
model pages' HTML, and K pages in headless chromium. Prints the counts (cases tried, refused by
check, published safely, tracebacks, invalid files published, personal data caught or leaked) and,
with --false-alarms M, the alarms of the privacy and hostile-input rules on the shipped dossiers
and on M dossiers of bench/generate.py. tests/test_hostile_pipeline.py runs it on a few cases.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import csv
import datetime as dt
import gzip
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHIPPED = (ROOT / "content/models/tuyen-duong-tu-quan-ap-phu-hoa.md").read_text(encoding="utf-8")
PII_CODES = frozenset({"DVK502", "DVK503", "DVK504", "DVK505"})
HOSTILE_CODES = frozenset({"DVK510", "DVK511", "DVK512", "DVK513"})
_FORMULA_CHARS = "=+-@\uff1d\uff0b\uff0d\uff20"

# --- the hostile values ---------------------------------------------------------------------------

NON_BMP = ["𡨸 chữ Nôm 𠀧", "𪚚𪚛", "😀", "👨‍👩‍👧 gia đình", "👍🏽", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🇻🇳", "Z̷̢̛a̶l̸g̴o̵ chữ",
           "مرحبا بالعالم", "שלום", "ភាសាខ្មែរ", "ภาษาไทย", "中文漢字", "हिन्दी", "\U0010FFFD", "𓀀𓁐"]
CONTROLS = ["\x1b[2J", "\x07", "\x1b[8mẩn", "\x00", "\x9b31m", "\x0c", "\r", "\t", "\x7f", "\x1b]0;tiêu đề\x07"]
INVISIBLE = ["\u202egpj.exe", "\u2066abc\u2069", "\u200b", "\u2060", "\ufeff", "\u00ad", "\u200d", "\u200c",
             "\u2028", "\u2029", "\x85"]
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[bấm](javascript:alert(1))",
          "![ảnh](https://evil.example/p.png)", '<img src="//evil.example/p.png">', "&lt;b&gt; &amp;",
          "**đậm** _nghiêng_", "> trích dẫn", "m<sup>2</sup>", '<abbr title="Ủy ban nhân dân">UBND</abbr>',
          "{: onclick=alert(1)}", "`<b>mã</b>`", "```\n<script>x</script>\n```", "<!-- chú thích -->",
          "<?xml version='1.0'?>", "]]>", "{{ 7*7 }}", "{% raw %}", "${7*7}", "%s%s%n", "dvkhtml000000n1",
          "\\", "\"'", "</title><script>alert(1)</script>", "</textarea>", "<svg onload=alert(1)>",
          "[liên kết](https://tayninh.gov.vn)", "<a href=\"https://x.example\" target=_blank>x</a>",
          "<details><summary>Mở</summary>nội dung</details>", "| a | b |\n|---|---|\n| 1 | 2 |"]
PII = ["CCCD 079185001234", "079-186-001-234", "căn cước 079 186 001 234", "CMND 025123456", "0912 345 678",
       "Zalo 84912345678", "(091) 234 5678", "+84 912 345 678", "lan.nguyen@gmail.com",
       "nguyenthilan1986 at gmail dot com", "nhà chị Lan ở 45 Nguyễn Huệ", "số nhà 25 đường Trần Phú",
       "SĐT: 086-555-1234", "thuhuong1985@yahoo.com.vn"]
FORMULAS = ["=1+1", "+1", "-1+2", "@SUM(A1)", " =1+1", "\n=1+1", "＝HYPERLINK(\"http://x\",\"bấm\")",
            "\t=1", "=cmd|' /C calc'!A0", "＋1", "－1", "＠x", "\u3000=1", "\u00a0@x"]
NUMBERS: list[Any] = [1e308, 1.7976931348623157e308, 1e-320, -0.0, 0.0, 10**15, 10**15 + 1, 10**8, 10**8 + 1,
                      2**63, 2**64, 10**40, 3.14159, 1e15, True, "12", -1, float("inf"), float("nan")]
YAML_TRAPS = ["yes", "no", "on", "off", "~", "null", "05", "0x1F", "1_000", "12:30:00", "2023-02-30",
              "!!python/object/apply:os.system ['true']", "&a x", "*a", "!!binary aGk=", "'chưa đóng",
              '"chưa đóng', "|", ">", "- a", "? x", "{a: b", "[a, b", "@x", "`x", "%YAML 1.1", "\tTab",
              "[" * 3000 + "]" * 3000, ".inf", "-.inf", ".nan", "1.0e+400", "9" * 400, "0o17", "+12", "1e3"]
ODD_NAMES = ["a\nb.md", "::error file=x.md,line=1::giả.md", "tên có dấu.md", "HOA.md", "-dau-gach.md", "a b.md",
             "..md", ".an.md", "_nhap.md", "a%2Fb.md", "a#b.md", "a?b.md", "\u202egpj.md", "bieu-tuong😀.md",
             "x" * 240 + ".md", "a\tb.md", "index.md", "README.md", "thu-muc.md/"]


def huge(rng: random.Random) -> str:
    """A text near or far past a limit (validate/limits.py): just under, at, just over, far over."""
    from dvk_build.validate.limits import ITEM_TEXT_MAX, LIST_TEXT_MAX, LONG_TEXT_MAX, SHORT_TEXT_MAX

    base = rng.choice([SHORT_TEXT_MAX, LONG_TEXT_MAX, ITEM_TEXT_MAX, LIST_TEXT_MAX, 143_003])
    n = max(1, base + rng.choice([-1, 0, 1, 50, 1000]))
    word = rng.choice(["Người dân cùng làm. ", "𡨸", "ấp ", "a"])
    return (word * (n // len(word) + 1))[:n]


def text_value(rng: random.Random) -> tuple[str, str]:
    """(kind, value) of one hostile text."""
    kind = rng.choice(["huge", "nonbmp", "control", "invisible", "markup", "pii", "formula", "mixed"])
    pool = {"nonbmp": NON_BMP, "control": CONTROLS, "invisible": INVISIBLE, "markup": MARKUP, "pii": PII,
            "formula": FORMULAS}
    if kind == "huge":
        return kind, huge(rng)
    if kind == "mixed":
        parts = [rng.choice(p) for p in rng.sample(list(pool.values()), 3)]
        return "mixed", " ".join(parts)
    value = rng.choice(pool[kind])
    if kind in ("formula",) or rng.random() < 0.4:
        return kind, value  # alone: the whole cell
    return kind, f"Chi hội {value} ấp Phú Hòa"


# --- cases ----------------------------------------------------------------------------------------


@dataclass
class Case:
    name: str  # file name under models/ (a trailing `/` makes a folder)
    text: str
    kinds: list[str]
    pii: bool = False

    @property
    def slug(self) -> str:
        return self.name[:-3] if self.name.endswith(".md") else self.name.rstrip("/")


def _split(text: str) -> tuple[dict[str, Any], str]:
    _, fm, body = text.split("---\n", 2)
    return yaml.safe_load(fm), body


def _join(data: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000) + "---\n" + body


def _paths(node: Any, path: tuple[Any, ...], want: Callable[[Any], bool]) -> list[tuple[Any, ...]]:
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, path + (k,), want))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, path + (i,), want))
    elif want(node):
        out.append(path)
    return out


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


_SKIP_TEXT = {"period", "tier", "kind", "id", "target", "form", "self_assessment", "scope", "date", "derived_from",
              "better"}


def make_case(i: int, rng: random.Random) -> Case:
    """One hostile dossier: the shipped one with one to three hostile edits."""
    data, body = _split(SHIPPED)
    kinds: list[str] = []
    pii = False
    name = f"hostile-{i:04d}.md"
    texts = _paths(data, (), lambda v: isinstance(v, str) and len(v) > 3)
    texts = [p for p in texts if p[-1] not in _SKIP_TEXT and not (isinstance(p[-1], str) and p[-1].endswith("date"))]
    numbers = _paths(data, (), lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    raw_trap: tuple[str, str] | None = None
    for _ in range(rng.choice([1, 1, 2, 3])):
        where = rng.random()
        if where < 0.45:
            kind, value = text_value(rng)
            path = rng.choice(texts)
            _set(data, path, value)
            kinds.append(f"{kind}@{'.'.join(map(str, path))}")
            pii |= kind == "pii" or (kind == "mixed" and any(p in value for p in PII))
        elif where < 0.6:
            value = rng.choice(NUMBERS)
            path = rng.choice(numbers)
            _set(data, path, value)
            kinds.append(f"number@{'.'.join(map(str, path))}={value!r}"[:80])
        elif where < 0.75:
            kind, value = text_value(rng)
            body += f"\n\n{value}\n"
            kinds.append(f"{kind}@body")
            pii |= kind == "pii" or (kind == "mixed" and any(p in value for p in PII))
        elif where < 0.85:
            # a formula in a list that becomes one cell (targets, activities, sources, sites)
            lst = rng.choice([("rollout", "plan", "activities"), ("idea", "funding", "sources"), ("idea", "core_team")])
            node = data
            for step in lst:
                node = node[step]
            node.append(rng.choice(FORMULAS))
            kinds.append(f"formula-list@{'.'.join(lst)}")
        elif where < 0.95:
            raw_trap = (rng.choice(["summary", "title", "  scope", "    amount_vnd", "  lessons"]), rng.choice(YAML_TRAPS))
            kinds.append(f"yaml@{raw_trap[0].strip()}={raw_trap[1][:20]!r}")
        else:
            name = rng.choice(ODD_NAMES)
            if name not in ("index.md", "README.md", "thu-muc.md/"):
                name = name.replace(".md", f"-{i}.md") if not name.startswith("..") else name
            kinds.append(f"name={name[:30]!r}")
    text = _join(data, body)
    if raw_trap is not None:
        key, trap = raw_trap
        lines = text.split("\n")
        for n, line in enumerate(lines):
            if line.startswith(key + ":") or line.startswith(key.strip() + ":") and key.startswith(" ") is False:
                lines[n] = f"{line.split(':', 1)[0]}: {trap}"
                break
        else:
            for n, line in enumerate(lines):
                if line.lstrip().startswith(key.strip() + ":"):
                    lines[n] = f"{line.split(':', 1)[0]}: {trap}"
                    break
        text = "\n".join(lines)
    return Case(name, text, kinds, pii)


def crafted() -> list[Case]:
    """The defects of issue 11, each as a case, plus a few more found while writing this."""
    data, body = _split(SHIPPED)

    def edit(path: tuple[Any, ...], value: Any, name: str, kind: str, pii: bool = False) -> Case:
        d = copy.deepcopy(data)
        _set(d, path, value)
        return Case(name, _join(d, body), [kind], pii)

    out = [
        edit(("summary",), "Nội dung rất dài. " * 8000, "crafted-summary-143k.md", "huge@summary"),
        edit(("title",), "Tuyến đường 𡨸 chữ Nôm 😀 ấp Phú Hòa", "crafted-non-bmp-title.md", "nonbmp@title"),
        edit(("evaluation", "results", 0, "actual"), float("inf"), "crafted-inf.md", "number=inf"),
        edit(("idea", "funding", "amount_vnd"), 10**399, "crafted-400-digits.md", "number=10**399"),
        edit(("holder", "name"), "Chi hội \x1b[2J\x1b[8m\x07", "crafted-esc.md", "control@holder.name"),
        edit(("summary",), "Tóm tắt. Zalo 84912345678, (091) 234 5678.", "crafted-pii-phone.md", "pii@summary", True),
        edit(("rollout", "plan", "activities", 0), " =1+1", "crafted-formula-space.md", "formula"),
        edit(("rollout", "plan", "activities", 0), "＝HYPERLINK(\"http://x\")", "crafted-formula-fullwidth.md", "formula"),
        Case("crafted-remote-image.md", SHIPPED + "\n![ảnh](https://other.host/p.png)\n", ["markup@body"]),
        Case("crafted-markdown.md", SHIPPED + "\n> trích dẫn\n\nm<sup>2</sup> <abbr title=\"Ủy ban\">UBND</abbr>\n",
             ["markup@body"]),
        Case("x\n::error file=gia.md::gia.md", SHIPPED, ["name=newline"]),
        Case("..md", SHIPPED, ["name=..md"]),
        Case("thu-muc.md/", SHIPPED, ["name=folder.md"]),
    ]
    targets = "".join(f"    - {{id: t{i}, indicator: Chỉ tiêu {i}, target: {i}}}\n" for i in range(10_000))
    out.append(Case("crafted-10000-targets.md", SHIPPED.replace("  targets:\n", "  targets:\n" + targets, 1),
                    ["huge@targets"]))
    return out


def write_cases(cases: list[Case], models: Path) -> list[Case]:
    """Write each case; the ones the file system refuses (a name too long) are dropped and returned."""
    dropped = []
    for case in cases:
        path = models / case.name
        try:
            if case.name.endswith("/"):
                path.mkdir(parents=True, exist_ok=True)
                (path / "ghi-chu.txt").write_text("không phải hồ sơ", encoding="utf-8")
            else:
                path.write_text(case.text, encoding="utf-8", errors="surrogatepass")
        except OSError:
            dropped.append(case)
    return dropped


# --- the pipeline ---------------------------------------------------------------------------------


@dataclass
class Result:
    tried: int = 0
    refused: int = 0
    accepted: int = 0
    published: int = 0
    published_safely: int = 0
    tracebacks: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # output files that are not what they claim
    build_failures: list[str] = field(default_factory=list)  # accepted by the check, failed the build
    pii_cases: int = 0
    pii_caught: int = 0
    pii_leaked: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)  # accepted by the check, no page (drafts)
    pii_missed: list[str] = field(default_factory=list)  # refused before a personal-data rule could say (YAML...)
    unsafe_output: list[str] = field(default_factory=list)  # check output lines with raw controls or forged
    dropped: int = 0
    browser_pages: int = 0
    refused_by_code: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {
            "cases tried": self.tried, "refused by check": self.refused, "accepted by check": self.accepted,
            "published (pages)": self.published, "published safely": self.published_safely,
            "tracebacks": len(self.tracebacks), "build failures on accepted input": len(self.build_failures),
            "invalid files published": len(self.invalid), "unsafe check-output lines": len(self.unsafe_output),
            "personal data cases": self.pii_cases, "personal data caught": self.pii_caught,
            "personal data leaked": len(self.pii_leaked), "browser pages loaded": self.browser_pages,
            "dropped by the file system": self.dropped,
            "refusals by rule": dict(sorted(self.refused_by_code.items())),
        }


def make_project(tmp: Path) -> Path:
    """A project inheriting the real mkdocs.yml, with its own two pages and a models/ folder."""
    (tmp / "models").mkdir(parents=True, exist_ok=True)
    pages = tmp / "pages"
    pages.mkdir(exist_ok=True)
    for name, title in (("huong-dan.md", "Hướng dẫn"), ("dong-gop.md", "Đóng góp")):
        (pages / name).write_text(f"# {title}\n\nTrang thử.\n", encoding="utf-8")
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(pages), "site_dir": str(tmp / "site"),
              "theme": {"name": "material", "language": "vi", "custom_dir": str(ROOT / "overrides")},
              "plugins": [{"dvk": {"models_dir": str(tmp / "models")}}]}
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp / "mkdocs.yml"


_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _check_outputs(models: Path, res: Result) -> None:
    """`dvk check` text and GitHub outputs: no raw control character, no line a value forged."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    for fmt in ("text", "github"):
        proc = subprocess.run([sys.executable, "-m", "dvk_build", "check", "--format", fmt, str(models)],
                              capture_output=True, env=env, timeout=600)
        out = proc.stdout.decode("utf-8", "replace")
        if "Traceback" in proc.stderr.decode("utf-8", "replace"):
            res.tracebacks.append(f"dvk check --format {fmt}: " + proc.stderr.decode()[-500:])
        for line in out.split("\n"):
            if _RAW_CONTROL.search(line):
                res.unsafe_output.append(f"{fmt}: {line[:120]!r}")
            if fmt == "github" and line and not line.startswith(("::error file=", "::warning file=", "Đã kiểm tra")):
                res.unsafe_output.append(f"{fmt}: forged line {line[:120]!r}")
            if fmt == "github" and line.startswith("::") and not re.match(r"::(error|warning) file=[^,\n]*,line=\d+,col=\d+,title=", line):
                res.unsafe_output.append(f"{fmt}: forged annotation {line[:120]!r}")


def _mkdocs_build(config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=config.parent,
                          env=env, capture_output=True, text=True, timeout=3600)


def _no_constants(name: str) -> Any:
    raise ValueError(f"non-finite number {name} in JSON")


class _Scripts(HTMLParser):
    """Inline scripts, script sources, event handlers and remote resources of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if k.startswith("on"):
                self.found.append(f"<{tag} {k}=>")
            if k in ("src", "href", "srcset", "poster", "data") and v and tag in ("img", "script", "iframe", "link", "source", "video", "audio", "object", "embed"):
                if re.match(r"(?i)\s*(https?:)?//", v):
                    self.found.append(f"<{tag} {k}={v[:60]}> loads another host")
                if re.match(r"(?i)\s*(javascript|data|vbscript):", v):
                    self.found.append(f"<{tag} {k}={v[:60]}>")
            if k == "href" and v and re.match(r"(?i)\s*(javascript|vbscript|data):", v):
                self.found.append(f"<{tag} href={v[:60]}>")
        if tag in ("iframe", "object", "embed", "form", "base", "math", "style"):  # (the theme's icons are svg)
            self.found.append(f"<{tag}>")
        self._in = tag

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data


def _read_back(site: Path, published: dict[str, Case], res: Result, baseline_scripts: set[str]) -> set[str]:
    """Every output read back by the library a user would use; returns the slugs whose files are bad."""
    import feedparser
    import openpyxl

    bad: set[str] = set()

    def invalid(what: str, slug: str | None = None) -> None:
        res.invalid.append(what)
        if slug:
            bad.add(slug)

    # JSON: the catalogue and each model's file, with a parser that refuses NaN and Infinity
    catalogue = json.loads((site / "du-lieu/mo-hinh.json").read_text(encoding="utf-8"), parse_constant=_no_constants)
    by_slug = {m["slug"]: m for m in catalogue["models"]}
    for slug in published:
        path = site / "mo-hinh" / slug / "mo-hinh.json"
        try:
            json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constants)
        except (OSError, ValueError) as exc:
            invalid(f"{path.relative_to(site)}: {exc}", slug)
        if slug not in by_slug:
            invalid(f"du-lieu/mo-hinh.json: {slug} missing", slug)
    # CSV: every text cell guarded where a spreadsheet would see a formula
    csv.field_size_limit(2**31 - 1)
    with open(site / "du-lieu/mo-hinh.csv", encoding="utf-8-sig", newline="") as f:  # a \r in a cell stays one
        rows = list(csv.DictReader(f))
    for row in rows:
        for col, cell in row.items():
            for piece in re.split(r"; | \| ", cell or ""):
                stripped = piece.lstrip(" \t\r\n\u00a0\u3000")
                if stripped[:1] in _FORMULA_CHARS and stripped[:1] and not piece.startswith("'"):
                    if re.fullmatch(r"-?\d+(\.\d+)?", stripped):
                        continue  # a number written as a number
                    invalid(f"du-lieu/mo-hinh.csv: {row.get('slug')}.{col} = {cell[:40]!r} unguarded", row.get("slug"))
    # Excel: as many rows, no formula, no cell past Excel's limit, same titles as the CSV
    wb = openpyxl.load_workbook(site / "du-lieu/mo-hinh.xlsx", read_only=True)
    ws = wb.worksheets[0]
    xrows = list(ws.iter_rows(values_only=True))
    header = list(xrows[0])
    if len(xrows) - 1 != len(rows):
        invalid(f"du-lieu/mo-hinh.xlsx: {len(xrows) - 1} rows, CSV {len(rows)}")
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            if cell.data_type == "f":
                invalid(f"du-lieu/mo-hinh.xlsx: formula in {cell.coordinate}")
            if isinstance(cell.value, str) and len(cell.value) > 32_767:
                invalid(f"du-lieu/mo-hinh.xlsx: {cell.coordinate} over 32,767 characters")
    if "title" in header:
        ti, si = header.index("title"), header.index("slug")
        from openpyxl.utils.escape import unescape  # OOXML writes a \r as `_x000D_`, which Excel decodes

        xtitles = {row[si]: unescape(row[ti]) if isinstance(row[ti], str) else row[ti] for row in xrows[1:]}
        from dvk_build.export.csv_export import text_of

        for row in rows:
            got = xtitles.get(row["slug"])  # Excel holds the text as typed; the CSV the same, guarded
            if text_of(got) != row["title"]:
                invalid(f"du-lieu/mo-hinh.xlsx: title of {row['slug']} differs from the CSV", row["slug"])
    wb.close()
    # Feed
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    if feed.bozo:
        invalid(f"feed.xml: {feed.bozo_exception}")
    # Search index: every file parses
    for path in sorted((site / "tim-kiem").rglob("*")):
        if path.is_file() and path.suffix in (".gz", ".json"):
            try:
                raw = path.read_bytes()
                json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw, parse_constant=_no_constants)
            except (OSError, ValueError, EOFError) as exc:
                invalid(f"{path.relative_to(site)}: {exc}")
    # Model pages: the title published as written, no front matter shown, nothing active
    for slug, case in published.items():
        page = site / "mo-hinh" / slug / "index.html"
        text = page.read_text(encoding="utf-8")
        parser = _Scripts()
        m = re.search(r"<title>(.*?)</title>", text, re.S)
        parser.title = m.group(1) if m else ""
        article = re.search(r"<article\b.*?</article>", text, re.S)  # what the dossier fills; the theme's own is fixed
        parser.feed(article.group(0) if article else text)
        try:  # the loader dvk uses (libyaml): PyYAML's pure-Python parser disagrees on a few hostile inputs
            data = yaml.load(case.text.split("---\n", 2)[1], Loader=yaml.CSafeLoader)
        except Exception:  # noqa: BLE001 - a value the constructor refuses (`2023-02-30`): no title to compare
            data = {}
        title = " ".join(str((data if isinstance(data, dict) else {}).get("title", "")).split())
        shown = " ".join(html.unescape(parser.title).split())
        if title and not shown.startswith(title[:60].strip()):
            invalid(f"mo-hinh/{slug}/index.html: <title> {shown[:50]!r}, dossier {title[:50]!r}", slug)
        if re.search(r"<p>\s*title: ", text) or "\\ud83" in text:
            invalid(f"mo-hinh/{slug}/index.html: front matter printed on the page", slug)
        scripts = set(re.findall(r"<script\b[^>]*>", text))
        if scripts - baseline_scripts:
            invalid(f"mo-hinh/{slug}/index.html: scripts {sorted(scripts - baseline_scripts)[:2]}", slug)
        for f in parser.found:
            invalid(f"mo-hinh/{slug}/index.html: {f}", slug)
    return bad


def _browser(site: Path, slugs: list[str], res: Result) -> None:
    """Load pages in Debian chromium: no script error, no request to another host, the title shown as h1."""
    # Playwright's sync API refuses to start in a thread where another sync_playwright is running
    # (the test suite's session browser), so the pages are loaded from a thread of their own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_load_pages, site, slugs, res).result()


def _load_pages(site: Path, slugs: list[str], res: Result) -> None:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory  # type: ignore[import-not-found]

    base, httpd = serve_directory(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for slug in slugs:
                page = browser.new_page()
                errors: list[str] = []
                outside: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) and not r.url.startswith("data:") else None)
                page.goto(f"{base}mo-hinh/{slug}/", wait_until="load")
                if not page.locator("h1").first.inner_text().strip():
                    res.invalid.append(f"browser mo-hinh/{slug}/: empty h1")
                for e in errors:
                    res.invalid.append(f"browser mo-hinh/{slug}/: script error {e[:80]}")
                for u in outside:
                    res.invalid.append(f"browser mo-hinh/{slug}/: request to {u[:80]}")
                res.browser_pages += 1
                page.close()
            browser.close()
    finally:
        httpd.shutdown()


def run(n: int, seed: int = 1, browser: int = 3, crafted_cases: bool = True, work: Path | None = None) -> Result:
    """Generate, check, build and read back; the counts."""
    from dvk_build.validate.engine import check_paths

    rng = random.Random(seed)
    cases = (crafted() if crafted_cases else []) + [make_case(i, rng) for i in range(n)]
    res = Result()
    tmp = Path(tempfile.mkdtemp(prefix="dvk-hostile-", dir=work))
    try:
        config = make_project(tmp)
        models = tmp / "models"
        dropped = write_cases(cases, models)
        res.dropped = len(dropped)
        cases = [c for c in cases if c not in dropped]
        res.tried = len(cases)
        try:
            report = check_paths([models], root=tmp)
        except Exception:  # noqa: BLE001 - the count is the point
            res.tracebacks.append("check_paths: " + traceback.format_exc()[-800:])
            return res
        _check_outputs(models, res)
        errors_by_path: dict[str, set[str]] = {}
        for p in report.errors:
            errors_by_path.setdefault(p.path, set()).add(p.code)
        by_slug = {c.slug: c for c in cases}
        accepted = [d for d in report.valid()]
        accepted_slugs = {d.slug for d in accepted}
        refused_names = set()
        from dvk_build.validate.engine import visible

        for case in cases:
            shown = visible(f"models/{case.name}".rstrip("/"))  # as the report shows it (escaped)
            codes = set().union(*[v for k, v in errors_by_path.items() if k == shown or k.startswith(shown + "/")]) \
                if any(k == shown or k.startswith(shown + "/") for k in errors_by_path) else set()
            if case.pii:
                res.pii_cases += 1
                if codes & PII_CODES:
                    res.pii_caught += 1
                else:
                    res.pii_missed.append(f"{case.name}: {case.kinds} refused by {sorted(codes)}")
            if codes:
                refused_names.add(case.name)
                for c in codes:
                    res.refused_by_code[c] = res.refused_by_code.get(c, 0) + 1
        res.refused = len(refused_names)
        res.accepted = len(accepted)
        # the build gets what the check accepted (a refused dossier would stop it, as designed)
        for case in cases:
            if case.name in refused_names:
                target = models / case.name
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists():
                    target.unlink()
        proc = _mkdocs_build(config)
        if "Traceback" in proc.stderr:
            res.tracebacks.append("mkdocs build: " + proc.stderr[-1500:])
        if proc.returncode != 0:
            res.build_failures.append(proc.stderr[-1500:])
            return res
        site = tmp / "site"
        published = {slug: by_slug[slug] for slug in sorted(accepted_slugs)
                     if slug in by_slug and (site / "mo-hinh" / slug / "index.html").is_file()}
        res.published = len(published)
        # accepted without a page: drafts (not recognized) are published nowhere, by design; a recognized one
        # without its page would be a dossier silently dropped (verify.py fails the build before that)
        res.unpublished = [f"{d.slug}: {'recognized, NO PAGE' if d.recognized else 'draft'}"
                           for d in accepted if d.slug not in published]
        for slug, case in published.items():
            if case.pii:
                res.pii_leaked.append(slug)
        baseline = set(re.findall(r"<script\b[^>]*>", (site / "index.html").read_text(encoding="utf-8")))
        baseline = {re.sub(r'src="(\.\./)+', 'src="', s) for s in baseline}
        try:
            bad = _read_back(site, published, res, _root_relative(site, baseline))
        except Exception:  # noqa: BLE001
            res.tracebacks.append("read back: " + traceback.format_exc()[-800:])
            bad = set(published)
        res.published_safely = len([s for s in published if s not in bad and not by_slug[s].pii])
        if browser:
            picks = sorted(published, key=lambda s: -len(by_slug[s].kinds))[:browser]
            try:
                _browser(site, picks, res)
            except Exception:  # noqa: BLE001
                res.tracebacks.append("browser: " + traceback.format_exc()[-800:])
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _root_relative(site: Path, baseline: set[str]) -> set[str]:
    """The home page's script tags as a model page (two folders down) writes them."""
    out = set()
    for tag in baseline:
        out.add(tag.replace('src="', 'src="../../', 1) if 'src="' in tag and 'src="http' not in tag else tag)
    return out


def false_alarms(generated: int, seed: int = 7) -> dict[str, Any]:
    """Alarms of the privacy and hostile-input rules (and the size limits) on dossiers that have none."""
    from dvk_build.validate.engine import check_paths

    watched = PII_CODES | HOSTILE_CODES | {"DVK105", "DVK006", "DVK002"}
    out: dict[str, Any] = {}
    shipped = check_paths([ROOT / "content"], root=ROOT)
    out["shipped dossiers"] = shipped.files
    out["alarms on shipped"] = [f"{p.path}:{p.line}:{p.col}: {p.code}" for p in shipped.problems if p.code in watched]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(ROOT / "bench/generate.py"), str(generated), tmp, "--seed", str(seed)],
                       check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        gen = check_paths([Path(tmp)], root=Path(tmp))
        out["generated dossiers"] = gen.files
        out["alarms on generated"] = [f"{p.path}:{p.line}:{p.col}: {p.code}" for p in gen.problems if p.code in watched]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="random hostile dossiers (the crafted ones come on top)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--browser", type=int, default=5, help="model pages loaded in chromium")
    parser.add_argument("--false-alarms", type=int, default=0, metavar="M", help="also check M generated dossiers")
    parser.add_argument("--out", help="write the full result (lists included) as JSON here")
    args = parser.parse_args(argv)
    started = dt.datetime.now()
    res = run(args.n, args.seed, args.browser)
    summary = res.summary()
    if args.false_alarms:
        fa = false_alarms(args.false_alarms)
        summary.update({"false alarms on shipped": len(fa["alarms on shipped"]), "shipped dossiers": fa["shipped dossiers"],
                        "false alarms on generated": len(fa["alarms on generated"]),
                        "generated dossiers": fa["generated dossiers"]})
    summary["seconds"] = round((dt.datetime.now() - started).total_seconds())
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    for name in ("tracebacks", "build_failures", "invalid", "pii_leaked", "pii_missed", "unpublished", "unsafe_output"):
        items = getattr(res, name)
        if items:
            print(f"\n{name}:")
            for item in items[:20]:
                print("  ", item[:300].replace("\n", "⏎"))
    if args.out:
        full = {**summary, "tracebacks_list": res.tracebacks, "build_failures_list": res.build_failures,
                "invalid_list": res.invalid, "pii_leaked_list": res.pii_leaked, "unsafe_output_list": res.unsafe_output}
        if args.false_alarms:
            full["false_alarms"] = fa
        Path(args.out).write_text(json.dumps(full, ensure_ascii=False, indent=2), encoding="utf-8")
    clean = not (res.tracebacks or res.build_failures or res.invalid or res.pii_leaked or res.unsafe_output)
    return 0 if clean else 1


if __name__ == "__main__":
    raise SystemExit(main())
