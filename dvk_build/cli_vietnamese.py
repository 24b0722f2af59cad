"""Vietnamese argparse: help headings, the usage line and argparse's own error messages."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

EXIT_USAGE = 2

# argparse's messages (its gettext msgids, Python 3.10-3.13) and their Vietnamese. argparse builds
# its errors from these templates; `translate` reads a message back through them, so no copy of
# argparse's code is needed and an unknown message stays as it was.
MESSAGES: dict[str, str] = {
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "giá trị không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "invalid choice: %(value)s (choose from %(choices)s)": "giá trị không hợp lệ: %(value)s (chọn một trong %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "the following arguments are required: %s": "còn thiếu tham số bắt buộc: %s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ignored explicit argument %r": "tham số không nhận giá trị: %r",
    "not allowed with argument %s": "không dùng cùng tham số %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn không rõ: %(option)s có thể là %(matches)s",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (chọn một trong %(choices)s)",
    "option '%(option)s' is deprecated": "tùy chọn '%(option)s' không còn được dùng",
}

_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[sr]")


def _pattern(template: str) -> re.Pattern[str]:
    parts, last = [], 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last:m.start()]))
        parts.append(f"(?P<{m.group(1)}>.+?)" if m.group(1) else "(.+?)")
        last = m.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.S)


_PATTERNS = [(_pattern(en), vi) for en, vi in MESSAGES.items()]


def translate(message: str) -> str:
    """argparse's English message in Vietnamese (the inner message of `argument X: …` too)."""
    for pattern, vi in _PATTERNS:
        m = pattern.fullmatch(message)
        if not m:
            continue
        named, values = m.groupdict(), [translate(v) for v in m.groups()]
        if named:
            return _PLACEHOLDER.sub(lambda p: translate(named[p.group(1)]) if p.group(1) else "", vi)
        pieces = iter(values)
        return _PLACEHOLDER.sub(lambda p: next(pieces), vi)
    return message


class VietnameseHelpFormatter(argparse.HelpFormatter):
    """Help with the usage line in Vietnamese."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class VietnameseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Vietnamese; errors exit 2 with `dvk: lỗi cách dùng:`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", VietnameseHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "Tham số"
        self._optionals.title = "Tùy chọn"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="In hướng dẫn này rồi thoát.")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"dvk: lỗi cách dùng: {translate(message)}\n")
        raise SystemExit(EXIT_USAGE)
