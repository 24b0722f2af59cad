"""Take screenshots of built pages at desktop and phone widths (a tool for people, not a test)."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def main(site: str, out: str, pages: list[str], full_page: bool = True) -> None:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=site)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, width, height in (("desktop", 1280, 900), ("phone", 390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in pages:
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(500)  # search results and facets render after their fetches
                slug = path.strip("/").replace("/", "_") or "home"
                page.screenshot(path=f"{out}/{slug}-{name}.png", full_page=full_page)
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    # --top: the first screen only (what a visitor sees before scrolling)
    args = [a for a in sys.argv[1:] if a != "--top"]
    main(args[0], args[1], args[2:], full_page="--top" not in sys.argv)
