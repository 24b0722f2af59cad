"""Shared fixtures: the project root and one real `mkdocs build` of the shipped content."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built once per test session with the real `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],  # (no -q: it drops the warnings strict counts)
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


# --- browser: a local server for a built site and headless Debian chromium ---------------

CHROMIUM = "/usr/bin/chromium"
# No sandbox (containers), and no background traffic of the browser's own (updates, sync,
# safe browsing) that would look like a request from the site to another host.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def serve_directory(directory: Path) -> tuple[str, "object"]:
    """Serve a folder on 127.0.0.1 (free port) in a daemon thread; returns (base URL, server)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep pytest output readable
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/", httpd


@pytest.fixture(scope="session")
def site_server(built_site: Path):  # type: ignore[no-untyped-def]
    """Base URL (ending in `/`) of `built_site` served over HTTP on 127.0.0.1."""
    base, httpd = serve_directory(built_site)
    yield base
    httpd.shutdown()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Headless Debian chromium driven by Playwright (never `playwright install`)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def shipped_catalogue():  # type: ignore[no-untyped-def]
    """The catalogue of the shipped content, computed by the validator and the model (the expectations of site tests)."""
    import datetime as dt

    from dvk_build.model import build_catalogue
    from dvk_build.validate.engine import check_paths

    report = check_paths([ROOT / "content"], today=dt.date.today(), root=ROOT)
    return build_catalogue(report)


# --- temporary projects: the real theme and plugin over dossiers a test writes ---------------

SHIPPED_DOSSIER = ROOT / "content" / "models" / "tuyen-duong-tu-quan-ap-phu-hoa.md"


def make_dvk_project(tmp: Path, dossiers: dict[str, str], strict: bool = False) -> Path:
    """A project in tmp with `dossiers` ({path under models/: text}); returns its mkdocs.yml.

    It inherits the real mkdocs.yml (theme, overrides, plugin) but has its own two small pages,
    so other work in content/pages cannot make a test of the dossiers fail.
    """
    import yaml

    models, pages = tmp / "models", tmp / "pages"
    for rel, text in dossiers.items():
        (models / rel).parent.mkdir(parents=True, exist_ok=True)
        (models / rel).write_text(text, encoding="utf-8")
    models.mkdir(parents=True, exist_ok=True)
    pages.mkdir(parents=True, exist_ok=True)
    for name, title in (("huong-dan.md", "Hướng dẫn"), ("dong-gop.md", "Đóng góp")):
        (pages / name).write_text(f"# {title}\n\nTrang thử.\n", encoding="utf-8")
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(pages),
        "site_dir": str(tmp / "site"),
        "strict": strict,
        "theme": {"name": "material", "language": "vi", "custom_dir": str(ROOT / "overrides")},
        "plugins": [{"dvk": {"models_dir": str(models)}}],
    }
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp / "mkdocs.yml"


def generated_dossiers(tmp: Path, n: int) -> dict[str, str]:
    """n dossiers from bench/generate.py (deterministic), as make_dvk_project takes them."""
    out = tmp / "generated"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(n), str(out)], check=True,
                   capture_output=True, timeout=120)
    return {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.md")}


def move_to_farthest_field(dossier: Path) -> str:
    """Rewrite a generated dossier's `fields:` to the one field farthest from its own in the listings' order
    (every tier listing page between them shifts); that field's slug."""
    import re

    from dvk_build.config import default_config

    text = dossier.read_text(encoding="utf-8")
    fields = re.search(r"(?m)^fields:\n((?:- .*\n)+)", text)
    assert fields, text[:500]
    order = list(default_config().fields)
    own = [order.index(f) for f in re.findall(r"- (\S+)", fields.group(1))]
    other = max(order, key=lambda f: min(abs(order.index(f) - i) for i in own))
    dossier.write_text(text.replace(fields.group(0), f"fields:\n- {other}\n", 1), encoding="utf-8")
    return other


def article(html: str) -> str:
    """The `<article>` of a built page (what the page says, without menu, header and scripts)."""
    start = html.find("<article")
    return html[start:html.find("</article>", start)] if start >= 0 else ""
