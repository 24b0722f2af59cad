"""Reading a dossier file: decoding, BOM/CRLF, NFC and the front-matter split."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


class SourceError(Exception):
    """The file cannot be read as a dossier; carries a code and a 1-based position."""

    def __init__(self, code: str, message: str, line: int = 1, col: int = 1, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.col = col
        self.hint = hint


_YAML_ONLY_BREAKS = {0x85: " ", 0x2028: " ", 0x2029: " "}


@dataclass(frozen=True)
class Source:
    front_matter: str
    fm_first_line: int  # 1-based file line of the front matter's first line
    body: str
    body_first_line: int  # 1-based file line where the body starts


def decode(raw: bytes) -> str:
    """Decode UTF-8 (a BOM is fine), unify line ends and normalize to NFC."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise SourceError(
            "DVK001",
            f"Tệp không lưu bằng bảng mã UTF-8: byte 0x{raw[exc.start]:02X} ở đây không đọc được.",
            line,
            col,
            "Lưu lại tệp với bảng mã UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8).",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Vietnamese typed on some systems arrives decomposed (NFD); one form only.
    return unicodedata.normalize("NFC", text)


def split(text: str) -> Source:
    """Split `---` YAML front matter from the Markdown body."""
    if not text.strip():
        raise SourceError("DVK002", "Tệp rỗng: chưa có nội dung hồ sơ.", 1, 1,
                          "Tạo hồ sơ mới bằng lệnh `dvk new <tên-tệp>` rồi điền thông tin.")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise SourceError(
            "DVK003",
            "Thiếu phần thông tin đầu tệp (front matter): dòng đầu tiên phải là `---`.",
            1,
            1,
            "Đặt các trường YAML giữa hai dòng `---` ở đầu tệp.",
        )
    for idx in range(1, len(lines)):
        if lines[idx].rstrip() in ("---", "..."):
            # YAML counts NEL/LS/PS as line breaks (a Word soft break pasted into a value): as spaces,
            # they neither break the value nor shift the line numbers of everything below them
            fm = "\n".join(lines[1:idx]) + "\n"
            if "\x85" in fm or "\u2028" in fm or "\u2029" in fm:  # rare; translate() is slow on long text
                fm = fm.translate(_YAML_ONLY_BREAKS)
            body = "\n".join(lines[idx + 1 :])
            return Source(fm, 2, body, idx + 2)
    raise SourceError(
        "DVK003",
        "Phần thông tin đầu tệp (front matter) không có dòng `---` đóng lại.",
        len(text.rstrip("\n").split("\n")),  # the file's last line, not the empty one after its final newline
        1,
        "Thêm một dòng `---` sau trường YAML cuối cùng, trước phần nội dung.",
    )
