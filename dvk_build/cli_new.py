"""`dvk new`: scaffold a draft dossier with every section, commented in Vietnamese."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import jinja2

from .config import Config, default_config
from .fields import FieldSpec, children
from .schema import SCHEMA_ID, SLUG_PATTERN
from .validate.rules.dvk107_placeholder_left import PLACEHOLDER

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
TEMPLATE_DIR = Path(__file__).with_name("templates")
TEMPLATE_NAME = "new_dossier.md.j2"
SCHEMA_FILE = Path("schema") / "dossier.schema.json"
SLUG_RE = re.compile(SLUG_PATTERN)

Ask = Callable[[str], str]


@dataclass(frozen=True)
class Answers:
    """Everything the template needs that the editor chooses."""

    slug: str
    title: str
    kind: str
    period: str
    fields: tuple[str, ...]


class NewError(Exception):
    """A refusal with its exit code and a Vietnamese message."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def slugify(text: str) -> str:
    """ASCII slug of a Vietnamese title: `Tuyến đường Xanh` -> `tuyen-duong-xanh`."""
    text = text.replace("đ", "d").replace("Đ", "D")  # đ has no decomposition
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def current_period(config: Config, today: dt.date) -> str:
    """The period containing today, else the latest one."""
    current = next((p for p in config.periods.values() if p.start <= today <= p.end), None)
    return (current or max(config.periods.values(), key=lambda p: p.start)).slug


def check_slug(slug: str | None) -> str:
    if not slug:
        raise NewError(EXIT_USAGE, "dvk new: thiếu tên tệp của hồ sơ. Ví dụ: dvk new tuyen-duong-tu-quan-phu-hoa")
    if not SLUG_RE.match(slug):
        hint = slugify(slug)
        suggestion = f" Gợi ý: {hint}" if hint else ""
        raise NewError(
            EXIT_USAGE,
            f"dvk new: tên tệp `{slug}` không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu `-`"
            f" (không có khoảng trắng, không có .md).{suggestion}",
        )
    return slug


def target_paths(directory: Path, slug: str) -> tuple[Path, Path]:
    """The single-file and bundle forms of a dossier; either one taken means the slug is taken."""
    return directory / f"{slug}.md", directory / slug / "index.md"


def schema_ref(directory: Path) -> str:
    """A path to the committed schema relative to the new file, else the published URL.

    yaml-language-server resolves a relative path from the file's own folder, so it works offline in this
    repository; a unit's own repository has no `schema/` and gets the public URL.
    """
    start = directory.resolve()
    for folder in (start, *start.parents):
        candidate = folder / SCHEMA_FILE
        if candidate.is_file():
            return Path(os.path.relpath(candidate, start)).as_posix()
    return SCHEMA_ID


def _choose(ask: Ask, question: str, options: Sequence[tuple[str, str]], default: str, many: bool = False) -> list[str]:
    """Ask until the answer names options by number or slug; empty means the default."""
    lines = [question] + [f"  {i}. {label} ({slug})" for i, (slug, label) in enumerate(options, 1)]
    prompt = "\n".join(lines) + f"\nChọn số{' (nhiều số cách nhau bởi dấu phẩy)' if many else ''}, Enter = {default}: "
    slugs = [slug for slug, _ in options]
    while True:
        raw = ask(prompt).strip()
        if not raw:
            return [default]
        picked: list[str] = []
        for part in raw.split(",") if many else [raw]:
            part = part.strip()
            if part.isdigit() and 1 <= int(part) <= len(options):
                picked.append(slugs[int(part) - 1])
            elif part in slugs:
                picked.append(part)
            else:
                picked = []
                break
        if picked:
            return list(dict.fromkeys(picked))
        sys.stderr.write("Lựa chọn không hợp lệ, xin chọn lại.\n")


def refuse_taken(directory: Path, slug: str) -> None:
    for taken in target_paths(directory, slug):
        if taken.exists():
            raise NewError(EXIT_ERROR, f"dvk new: đã có hồ sơ {taken.as_posix()}; không ghi đè."
                                       " Chọn tên khác hoặc sửa trực tiếp tệp đó.")


def gather(args: argparse.Namespace, config: Config, today: dt.date, ask: Ask | None) -> Answers:
    """Fill in what the command line left out: ask on a terminal, else use defaults."""
    slug = args.slug
    while slug is None and ask is not None:
        typed = ask("Tên tệp của hồ sơ (chữ thường không dấu, nối bằng dấu -): ").strip()
        try:
            slug = check_slug(typed)
        except NewError as exc:  # on a terminal a typo costs a retry, not a restart
            sys.stderr.write(exc.message + "\n")
    slug = check_slug(slug)
    refuse_taken(Path(args.dir), slug)  # before any other question: no wasted answers

    title = unicodedata.normalize("NFC", args.title.strip()) if args.title else ""
    if not title and ask is not None:
        title = unicodedata.normalize("NFC", ask("Tên mô hình (Enter để điền sau): ").strip())

    kind = args.holder_kind
    if kind is None:
        kind = "tap-the"
        if ask is not None:
            kind = _choose(ask, "Chủ thể mô hình là:", list(config.holder_kinds.items()), kind)[0]

    period = args.period
    if period is None:
        period = current_period(config, today)
        if ask is not None:
            options = [(p.slug, p.label) for p in config.periods.values()]
            period = _choose(ask, "Giai đoạn:", options, period)[0]

    allowed = config.periods[period].fields
    fields = list(args.field or [])
    wrong = [f for f in fields if f not in allowed]
    if wrong:
        raise NewError(EXIT_USAGE, f"dvk new: lĩnh vực {', '.join(wrong)} không thuộc giai đoạn {period}."
                                   f" Chọn trong: {', '.join(allowed)}.")
    if not fields and ask is not None:
        options = [(f, config.fields[f].label) for f in allowed]
        fields = _choose(ask, "Lĩnh vực của mô hình:", options, allowed[0], many=True)
    elif not fields:  # the schema needs at least one field: say loudly that this one is a guess
        fields = [allowed[0]]
        sys.stderr.write(f"dvk new: chưa chọn lĩnh vực (--field), tạm ghi `{allowed[0]}`; hãy sửa lại cho đúng.\n")
    return Answers(slug=slug, title=title, kind=kind, period=period, fields=tuple(fields))


def _yaml_string(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: safe for `:`, `#`, quotes.
    return json.dumps(value, ensure_ascii=False)


_PLACE = re.compile(r"\{(\w+)\}")


class _Scaffold:
    """The front matter of a new dossier, written from the field declarations of config.yaml.

    Every declared field gets a line (`null`, or the editor's answer) with its hint as a comment;
    lists of records get their `example` as a commented block; objects list all their keys.
    """

    def __init__(self, answers: Answers, config: Config, today: dt.date) -> None:
        self.config = config
        self.kind = answers.kind
        self.period = period = config.periods[answers.period]
        example = min(today, period.end)
        person = answers.kind == "ca-nhan"
        self.words = {
            "periods": " hoặc ".join(config.periods),
            "fields": ", ".join(period.fields),
            "tiers": ", ".join(period.tiers),
            "first_tier": period.tiers[0],
            "holder_kinds": " | ".join(f"{k} ({label.lower()})" for k, label in config.holder_kinds.items()),
            "holder": "cá nhân" if person else "tập thể",
            "holder_name": "Tên cá nhân" if person else "Tên tập thể (chi hội, ấp, cơ quan...)",
            "holder_title": "Chức vụ, vai trò của cá nhân" if person else "Chỉ ghi khi chủ thể là cá nhân",
            "self_assessment": ", ".join(f"{k} ({v['label'].lower()})" for k, v in config.self_assessment.items()),
            "example_date": example.isoformat(),
            "example_year": str(example.year),
        }
        # What the editor chose, and the required values no answer gives (marked for replacement).
        self.values = {
            "title": _yaml_string(answers.title or f"{PLACEHOLDER}: tên mô hình"),
            "period": period.slug,
            "fields": f"[{', '.join(answers.fields)}]",
            "summary": _yaml_string(f"{PLACEHOLDER}: tóm tắt mô hình giải quyết vấn đề gì, cho ai, kết quả ra sao"),
            "holder.kind": answers.kind,
            "holder.name": _yaml_string(f"{PLACEHOLDER}: tên {self.words['holder']}"),
            "locality.province": _yaml_string(f"{PLACEHOLDER}: tỉnh, thành phố"),
        }
        if person:  # DVK205: an individual's position is required
            self.values["holder.title"] = _yaml_string(f"{PLACEHOLDER}: chức vụ, vai trò")

    def fill(self, text: str, spec: FieldSpec | None = None) -> str:
        """A hint or example line with its {words} filled in; `{...}` that names nothing stays as typed."""

        def word(match: re.Match[str]) -> str:
            name = match.group(1)
            if name == "locality" and spec is not None:
                level = self.period.localities.get(spec.key)
                if level:
                    return level[0].upper() + level[1:]
                return f"Giai đoạn này không có cấp {spec.label.split(',')[0].lower()}: để null"
            return self.words.get(name, match.group(0))

        return _PLACE.sub(word, text)

    def hint(self, spec: FieldSpec, step: int | None) -> str:
        text = self.fill(spec.hint, spec) if spec.hint else spec.label
        if not step:
            return text
        # the direct children of a step's group say which step they belong to; a label reads on lowercase
        return f"Bước {step}: {text if spec.hint else text[0].lower() + text[1:]}"

    def lines(self, path: str = "", indent: str = "", step: int | None = None) -> list[str]:
        out: list[str] = []
        top = not path
        for spec in children(self.config.dossier, path):
            # a `keys: criteria` object lists only the criteria of the holder's kind
            kids = [(c.key, c.label) for c in self.config.criteria[self.kind]] if spec.keys == "criteria" else []
            if top and spec.type in ("object", "records"):
                out.append("")
            if spec.type == "records":
                comment = f"{self.hint(spec, step)}. Thay `null` bằng danh sách, ví dụ:"
                out += [f"{indent}# {line}" for line in textwrap.wrap(comment, 96 - len(indent))]
                out.append(f"{indent}#   {spec.key}:")
                out += [f"{indent}#     {self.fill(line)}" for line in spec.example]
                out.append(f"{indent}{spec.key}: null")
            elif spec.type == "object":
                if top and spec.step:
                    out.append(f"# {self.fill(spec.hint) if spec.hint else self.config.steps[spec.step]['long']}")
                    out.append(f"{spec.key}:")
                else:
                    out.append(f"{indent}{spec.key}:  # {self.hint(spec, step)}")
                if kids:
                    out += [f"{indent}  {key}: null  # {label}" for key, label in kids]
                else:
                    out += self.lines(spec.path, indent + "  ", spec.step if top else None)
            else:
                value = self.values.get(spec.path, "null")
                out.append(f"{indent}{spec.key}: {value}  # {self.hint(spec, step)}")
        return out


def template_env() -> jinja2.Environment:
    """The environment of the dossier templates (`dvk new`, and `dvk import` for summary records)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is YAML/Markdown, not HTML
    )
    env.filters["yaml"] = _yaml_string
    return env


def render(answers: Answers, config: Config, today: dt.date, schema: str, display_path: str) -> str:
    """The scaffold's text: front matter with every declared field, then the body headings."""
    return template_env().get_template(TEMPLATE_NAME).render(
        schema_ref=schema,
        today=today.isoformat(),
        display_path=display_path,
        placeholder=PLACEHOLDER,
        front_matter="\n".join(_Scaffold(answers, config, today).lines()),
    )


def create(args: argparse.Namespace, config: Config, today: dt.date, ask: Ask | None) -> Path:
    directory = Path(args.dir)
    answers = gather(args, config, today, ask)
    single, _bundle = target_paths(directory, answers.slug)
    text = render(answers, config, today, args.schema or schema_ref(directory), single.as_posix())
    return write_new(directory, answers.slug, text)


def write_new(directory: Path, slug: str, text: str) -> Path:
    """Write a new single-file dossier in NFC; refuse a slug taken in either form (never overwrite)."""
    refuse_taken(directory, slug)
    single, _bundle = target_paths(directory, slug)
    directory.mkdir(parents=True, exist_ok=True)
    try:
        # "x": never overwrite, even if the file appeared since the check above.
        with open(single, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(unicodedata.normalize("NFC", text))
    except FileExistsError:
        raise NewError(EXIT_ERROR, f"dvk new: đã có hồ sơ {single.as_posix()}; không ghi đè.") from None
    return single


def _terminal_ask() -> Ask | None:
    """input() on an interactive terminal; None otherwise, so nothing ever waits."""
    return input if sys.stdin.isatty() else None


def _cmd_new(args: argparse.Namespace) -> int:
    try:
        path = create(args, default_config(), dt.date.today(), _terminal_ask())
    except NewError as exc:
        sys.stderr.write(exc.message + "\n")
        return exc.code
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\ndvk new: đã hủy, chưa tạo tệp nào.\n")
        return EXIT_USAGE
    sys.stdout.write(
        f"Đã tạo {path.as_posix()}.\n"
        f"Tiếp theo: thay các chỗ “{PLACEHOLDER}”, điền dần từng bước, rồi chạy: dvk check {path.as_posix()}\n"
    )
    return EXIT_OK


def arguments(new: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """The arguments of `dvk new` (cli.py lists the command)."""
    config = default_config()
    new.description = ("Tạo content/models/<tên-tệp>.md với đủ các mục của hồ sơ. "
                       "Trên cửa sổ dòng lệnh, lệnh hỏi những gì còn thiếu.")
    new.add_argument("slug", nargs="?", metavar="TÊN-TỆP", help="Tên tệp: chữ thường không dấu, chữ số và dấu -.")
    new.add_argument("--title", metavar="TÊN-MÔ-HÌNH", help="Tên mô hình.")
    new.add_argument("--holder-kind", choices=list(config.holder_kinds), help="Chủ thể: tập thể hoặc cá nhân.")
    new.add_argument("--period", choices=list(config.periods), help="Giai đoạn (mặc định: giai đoạn hiện tại).")
    new.add_argument("--field", action="append", choices=list(config.fields), metavar="LĨNH-VỰC",
                     help="Lĩnh vực; dùng nhiều lần nếu mô hình thuộc nhiều lĩnh vực: " + ", ".join(config.fields) + ".")
    new.add_argument("--dir", default="content/models", metavar="THƯ-MỤC", help="Thư mục hồ sơ (mặc định: content/models).")
    new.add_argument("--schema", metavar="ĐỊA-CHỈ", help="Đường dẫn hoặc URL của JSON Schema ghi vào dòng yaml-language-server.")
    return _cmd_new
