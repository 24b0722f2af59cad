"""The rules reference (Vietnamese Markdown), generated from the rules' declarations (rules.yaml)."""

from __future__ import annotations

import re

from .registry import RULES
from .rule import Rule
from .traceability import SOURCE_LABELS, describe_source

# Families of codes, by their first digit (ruff/flake8 style groups): every rule is in one, every family has rules.
FAMILIES: tuple[tuple[str, str, str], ...] = (
    ("0", "Đọc tệp", "Tệp phải đọc được: mã UTF-8, có phần thông tin YAML đúng cú pháp, tên tệp dùng được làm địa chỉ."),
    ("1", "Các trường của hồ sơ", "Đúng tên trường, đúng kiểu, đúng dạng, đủ trường bắt buộc (theo lược đồ `dvk schema`)."),
    ("2", "Tiêu chí (mục 5.2.a)", "Lĩnh vực, tiêu chí của tập thể hoặc cá nhân, 03 lợi ích."),
    ("3", "Tiêu chuẩn theo cấp và công nhận (mục 5.1-5.3)", "Cấp công nhận, phạm vi nhân rộng, báo cáo, biểu quyết, thông báo."),
    ("4", "Các bước và thời gian (Bước 1-6)", "Các bước đã qua phải được ghi lại; ngày tháng theo đúng thứ tự; chỉ tiêu và kết quả."),
    ("5", "An toàn khi công bố", "Không mã HTML nguy hiểm, không dữ liệu cá nhân, tệp đính kèm an toàn."),
    ("6", "Liên kết giữa các hồ sơ", "Tên hồ sơ không trùng; quan hệ học tập (`derived_from`) đúng và không vòng tròn."),
)
_YAML_START = re.compile(r"^\s*(?:- )?[A-Za-z_]+:(?:\s|$)|^# .*:")


def _language(snippet: str) -> str:
    """`yaml` for front-matter snippets, `text` for file names and descriptions, `markdown` for body text."""
    first = snippet.lstrip("\n").split("\n", 1)[0]
    if first.startswith(("(", "content/")):
        return "text"
    return "yaml" if _YAML_START.match(first) else "markdown"


def _example(label: str, snippet: str) -> list[str]:
    if not snippet.strip():
        return [f"**{label}:** *(tệp rỗng)*", ""]
    fence = "````" if "```" in snippet else "```"
    return [f"**{label}:**", "", f"{fence}{_language(snippet)}", snippet.rstrip("\n"), fence, ""]


def render_rule(rule: Rule) -> str:
    """One rule's section: heading with a stable anchor, severity, what, why, a failing and a passing example."""
    lines = [
        f"### {rule.code} `{rule.name}` {{ #{rule.code.lower()} }}",
        "",
        f"**Mức:** {rule.severity.label} · **Nguồn:** {SOURCE_LABELS[rule.source]}"
        + ("" if rule.summary else " · Không áp dụng cho hồ sơ tóm tắt (`record: tom-tat`)"),
        "",
        f"**Căn cứ:** {describe_source(rule)}",
        "",
        f"**Kiểm tra:** {rule.title}",
        "",
        f"**Vì sao:** {rule.why}",
        "",
    ]
    lines += _example("Sai", rule.bad)
    lines += _example("Đúng", rule.good)
    return "\n".join(lines)


def render_markdown() -> str:
    """The whole rules reference page (Vietnamese), one section per registered rule, in code order."""
    rules = sorted(RULES.values(), key=lambda r: r.code)
    n_warn = sum(1 for r in rules if r.severity.value == "warning")
    out = [
        "# Quy tắc kiểm tra hồ sơ",
        "",
        f"Lệnh `dvk check` kiểm tra mỗi hồ sơ theo {len(rules)} quy tắc dưới đây, lấy từ hướng dẫn xây dựng mô hình "
        "“Dân vận khéo” và từ yêu cầu đăng công khai. Mỗi quy tắc có một mã cố định (như `DVK101`) và một tên ngắn; "
        "thông báo lỗi ghi mã, tệp, dòng và cột của giá trị cần sửa.",
        "",
        "- **Lỗi** chặn việc đăng hồ sơ và đề nghị hợp nhất (pull request) cho đến khi được sửa.",
        f"- **Cảnh báo** ({n_warn} quy tắc) được hiển thị nhưng hồ sơ vẫn được đăng; `dvk check --strict` coi cảnh báo là lỗi.",
        "- Hồ sơ chưa được công nhận (bản nháp) chỉ bị kiểm tra các bước đã làm đến.",
        "- Mỗi quy tắc ghi **nguồn** của nó: một điều khoản của hướng dẫn (có số dòng của văn bản), định dạng hồ sơ, "
        "một văn bản khác (có tên và điều khoản), cuộc sắp xếp chính quyền địa phương năm 2025, hoặc **cách đọc của "
        "dvk**. Quy tắc theo cách đọc của dvk không phải yêu cầu của hướng dẫn nên chỉ là cảnh báo.",
        "",
        "| Mã | Tên | Mức | Nguồn | Kiểm tra |",
        "|---|---|---|---|---|",
    ]
    for r in rules:
        title = r.title.replace("|", "\\|")
        out.append(f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.severity.label} | {SOURCE_LABELS[r.source]} | {title} |")
    out.append("")
    for digit, name, lead in FAMILIES:
        out += [f"## {name} (DVK{digit}xx)", "", lead, ""]
        out += [render_rule(r) for r in rules if r.code[3] == digit]
    return "\n".join(out).rstrip("\n") + "\n"
