"""A Word template with docxtpl placeholders, compiled once and filled many times (the site fills two per model)."""

from __future__ import annotations

import difflib
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import jinja2
from docxtpl import DocxTemplate
from jinja2 import meta
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

TEMPLATES = Path(__file__).with_name("docx")  # the default Word templates of Mẫu 2a and 2b
# The parts docxtpl fills: the body, headers and footers, footnotes; and the document's properties.
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$|^docProps/core\.xml$")


class TemplateProblem(Exception):
    """A template that cannot be used; the message is Vietnamese and names the file."""


def default_template(form: str) -> Path:
    return TEMPLATES / f"mau-{form}.docx"


def _environment() -> jinja2.Environment:
    # Sandboxed: a province's template is a file from outside the code. Autoescape: dossier text with
    # `&` or `<` must stay text in the XML. Strict: a misspelt placeholder fails instead of printing nothing.
    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


class FormTemplate:
    """A .docx whose placeholders are docxtpl tags, ready to be filled (`render`) as often as needed.

    docxtpl's own `render` loads the document with python-docx and compiles the Jinja source on each
    call (bench/README.md, `bench_forms.py`). Here docxtpl prepares the XML (`patch_xml`: tags split
    across Word runs joined, `{%p %}` paragraph and `{%tr %}` row tags) and Jinja compiles it once; each
    fill renders the parts that hold placeholders into a zip whose other parts were compressed once.
    What a fill produces is what `DocxTemplate.render` produces (tests compare both).
    """

    def __init__(self, source: Path | bytes, name: str | None = None, check_output: bool = True) -> None:
        self.name = name or (str(source) if isinstance(source, Path) else "mẫu")
        # A province's template may put a block tag where its removal leaves broken XML; parsing each
        # filled part catches that, at a cost per document: the shipped templates are checked by the tests instead.
        self.check_output = check_output
        try:
            data = source.read_bytes() if isinstance(source, Path) else source
        except OSError as exc:
            raise TemplateProblem(f"{self.name}: không đọc được tệp mẫu ({exc.strerror or exc}).") from None
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
        except (zipfile.BadZipFile, OSError, EOFError, KeyError):
            raise TemplateProblem(f"{self.name}: không phải tệp Word .docx (Word 2007 trở lên); "
                                  "hãy mở mẫu bằng Word và lưu lại dạng .docx.") from None
        if "word/document.xml" not in {name for name, _ in members}:
            raise TemplateProblem(f"{self.name}: tệp nén này không phải văn bản Word (thiếu word/document.xml).")
        env = _environment()
        patcher = DocxTemplate(io.BytesIO(data))  # only its XML preparation is used (no document is loaded)
        self._members: list[tuple[str, _Stored | jinja2.Template]] = []
        self.sources: dict[str, str] = {}
        for name, blob in members:
            if not _PARTS.match(name):
                self._members.append((name, _Stored.of(blob)))
                continue
            try:
                xml = etree.tostring(etree.fromstring(blob), encoding="unicode")
            except etree.XMLSyntaxError:
                raise TemplateProblem(f"{self.name}: phần {name} của tệp Word bị hỏng.") from None
            prepared = patcher.patch_xml(xml) if name.startswith("word/") else xml
            self.sources[name] = prepared
            try:
                compiled = env.from_string(prepared)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateProblem(f"{self.name}: placeholder viết sai cú pháp{_near(env, prepared)}: "
                                      f"{exc.message}. Placeholder viết dạng {{{{ ten_mo_hinh }}}}; "
                                      "khối lặp, điều kiện dạng {%p for ... %} … {%p endfor %}.") from None
            self._members.append((name, compiled))

    def variables(self) -> set[str]:
        """The top-level placeholder names the template uses."""
        env = _environment()
        return set().union(*(meta.find_undeclared_variables(env.parse(source)) for source in self.sources.values()))

    def check(self, known: Iterable[str]) -> None:
        """TemplateProblem naming each placeholder the template uses that dvk does not fill."""
        known = sorted(known)
        unknown = sorted(self.variables() - set(known))
        if unknown:
            def hint(name: str) -> str:
                close = difflib.get_close_matches(name, known, n=1)
                return f"{{{{ {name} }}}}" + (f" (có phải {{{{ {close[0]} }}}}?)" if close else "")

            raise TemplateProblem(f"{self.name}: mẫu dùng placeholder không có trong dvk: "
                                  + ", ".join(hint(n) for n in unknown)
                                  + ". Danh sách placeholder: docs/forms.md.")

    def render(self, context: Mapping[str, Any]) -> bytes:
        """The filled .docx."""
        filled = [(name, _Stored.of(self._fill(name, member, context), _FAST)) if isinstance(member, jinja2.Template)
                  else (name, member) for name, member in self._members]
        return _zip(filled)

    def _fill(self, part: str, template: jinja2.Template, context: Mapping[str, Any]) -> bytes:
        try:
            xml = template.render(context)
        except jinja2.UndefinedError as exc:
            raise TemplateProblem(f"{self.name}: {_undefined(exc)}. Danh sách placeholder: docs/forms.md.") from None
        except jinja2.TemplateError as exc:
            raise TemplateProblem(f"{self.name}: không điền được mẫu: {exc}.") from None
        if "{_" in xml or "_}" in xml:  # docxtpl's escape of literal braces
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if self.check_output:
            try:
                tree = etree.fromstring(xml.encode("utf-8"))
            except etree.XMLSyntaxError as exc:
                raise TemplateProblem(f"{self.name}: điền xong thì phần {part} không còn là XML hợp lệ ({exc}); "
                                      "có thể một thẻ {%p ... %} hay {%tr ... %} bị đặt chung đoạn với chữ khác.") from None
            if part == "word/document.xml" and "docPr" in xml:
                _renumber_drawings(tree)
                xml = etree.tostring(tree, encoding="unicode")
        return (_XML_DECLARATION + xml).encode("utf-8")


_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FAST, _SMALL = 3, 9  # zlib levels: filled parts (every document), fixed parts (once per template)
_DOS_DATE = (1 << 5) | 1  # 1 January 1980, 00:00: the same filled form twice is the same file


@dataclass(frozen=True)
class _Stored:
    """One zip member, deflated."""

    crc: int
    size: int
    data: bytes

    @classmethod
    def of(cls, raw: bytes, level: int = _SMALL) -> "_Stored":
        packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        return cls(zlib.crc32(raw), len(raw), packer.compress(raw) + packer.flush())


def _zip(members: list[tuple[str, _Stored]]) -> bytes:
    """A zip archive of already deflated members (zipfile would compress the fixed parts again for each document)."""
    out, directory = bytearray(), bytearray()
    for name, m in members:
        encoded = name.encode("utf-8")
        head = (20, 0x800, 8, 0, _DOS_DATE, m.crc, len(m.data), m.size, len(encoded))
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *head, 0, 0, 0, 0, 0, len(out)) + encoded
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *head, 0) + encoded + m.data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)


def _near(env: jinja2.Environment, source: str) -> str:
    """The words of the template around a Jinja syntax error (docxtpl's way: one line per paragraph)."""
    lined = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
    try:
        env.from_string(lined)
        return ""
    except jinja2.TemplateSyntaxError as exc:
        lineno = exc.lineno
    lines = lined.splitlines()[max(lineno - 2, 0): lineno + 1] if lineno else []
    text = " ".join(" ".join(re.sub(r"<[^>]+>", "", line).split()) for line in lines).strip()
    return f" (gần: “{text[:120]}”)" if text else ""


def _undefined(exc: jinja2.UndefinedError) -> str:
    """Jinja's message for a missing name, in Vietnamese."""
    match = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", str(exc))
    name = next((g for g in match.groups() if g), None) if match else None
    return f"mẫu dùng placeholder không có trong dvk: {name}" if name else f"mẫu dùng placeholder không có ({exc})"


def _renumber_drawings(tree: Any) -> None:
    """Unique ids for drawings a loop repeated (docxtpl's fix_docpr_ids): Word refuses duplicates."""
    ns = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
    for i, el in enumerate(tree.xpath("//wp:docPr", namespaces=ns), start=1001):
        el.attrib["id"] = str(i)
