"""Output formats for problems: text (for people), github (annotations), json."""

from __future__ import annotations

import json
from typing import TextIO

from .problem import Problem
from .validate.engine import Report

_RED, _YELLOW, _DIM, _BOLD, _RESET = "\033[31m", "\033[33m", "\033[2m", "\033[1m", "\033[0m"


def summary(report: Report) -> str:
    if not report.problems:
        return f"Đã kiểm tra {report.files} hồ sơ: không có lỗi."
    return f"Đã kiểm tra {report.files} hồ sơ: {len(report.errors)} lỗi, {len(report.warnings)} cảnh báo."


def write_text(report: Report, out: TextIO, color: bool = False) -> None:
    last_path = None
    for p in report.problems:
        if last_path is not None and p.path != last_path:
            out.write("\n")
        last_path = p.path
        level = f"[{p.severity.label}]"
        if color:
            level = (_RED if p.is_error else _YELLOW) + _BOLD + level + _RESET
        out.write(f"{p.path}:{p.line}:{p.col}: {p.code} {level} {p.message}\n")
        if p.hint:
            hint = f"    Cách sửa: {p.hint}"
            out.write((_DIM + hint + _RESET if color else hint) + "\n")
    if report.problems:
        out.write("\n")
    out.write(summary(report) + "\n")


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_escape(text).replace(":", "%3A").replace(",", "%2C")


def write_github(report: Report, out: TextIO) -> None:
    for p in report.problems:
        kind = "error" if p.is_error else "warning"
        msg = p.message + (f" Cách sửa: {p.hint}" if p.hint else "")
        out.write(
            f"::{kind} file={_gh_prop(p.path)},line={p.line},col={p.col},title={_gh_prop(p.code + ' ' + p.name)}::{_gh_escape(msg)}\n"
        )
    out.write(summary(report) + "\n")


def write_json(report: Report, out: TextIO) -> None:
    payload = {
        "files": report.files,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": [p.to_dict() for p in report.problems],
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


def format_problem(p: Problem) -> str:
    """One line `path:line:col: CODE message`, as build errors show it."""
    return f"{p.path}:{p.line}:{p.col}: {p.code} {p.message}"
