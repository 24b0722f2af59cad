"""`mkdocs serve` with dossier errors: every page served opens with the list of errors, until they are fixed."""

from __future__ import annotations

import html
import re
from typing import Any, Callable, Iterable

from .problem import Problem
from .report import format_problem

_BODY_RE = re.compile(r"<body\b[^>]*>", re.I)
# Inline style: the box must show even on a page whose CSS is broken; it exists only in `mkdocs serve`.
_STYLE = ("position:relative;z-index:100;margin:0;padding:1rem 1.25rem;background:#fff4f4;color:#5c0a0a;"
          "border-bottom:4px solid #b71c1c;font:15px/1.5 system-ui,sans-serif;max-height:50vh;overflow:auto")


def banner(errors: list[Problem], limit: int = 50) -> str:
    """The box listing `path:line:col: CODE message`, in Vietnamese."""
    items = "".join(f"<li><code>{html.escape(format_problem(p))}</code></li>" for p in errors[:limit])
    more = f"<p>… và {len(errors) - limit} lỗi khác (chạy <code>dvk check</code>).</p>" if len(errors) > limit else ""
    return (f'<section class="dvk-build-errors" role="alert" style="{_STYLE}">'
            f"<h2 style=\"margin:0 0 .5rem;font-size:1.1rem\">Hồ sơ còn {len(errors)} lỗi: phần sửa có lỗi chưa được "
            "đưa lên trang xem thử (trang đã có giữ bản đúng gần nhất). Sửa và lưu tệp, trang sẽ tự dựng lại.</h2>"
            f'<ul style="margin:0;padding-left:1.25rem">{items}</ul>{more}</section>')


def inject(page: str, box: str) -> str:
    """The page with the box first in its body (or first of all, for a page without one)."""
    m = _BODY_RE.search(page)
    return page[: m.end()] + box + page[m.end():] if m else box + page


def with_box(app: Callable[..., Iterable[bytes]], box: Callable[[], str]) -> Callable[..., Iterable[bytes]]:
    """The server's WSGI app, the current box put into every HTML page as it is served.

    Put in when served, not when written: a fix or a new error shows on the next load of any page
    without rewriting the 10,000 pages written before (preview.py).
    """
    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        current = box()
        if not current:
            return app(environ, start_response)
        said: list[Any] = []
        body = app(environ, lambda status, headers, exc_info=None: said.append((status, headers, exc_info)))
        status, headers, exc_info = said[0]
        if not any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
            start_response(status, headers, exc_info)
            return body
        try:
            page = inject(b"".join(body).decode("utf-8", "replace"), current).encode("utf-8")
        finally:
            getattr(body, "close", lambda: None)()
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"] + [("Content-Length", str(len(page)))]
        start_response(status, headers, exc_info)
        return [page]

    return serve
