"""`dvk build`: build the site into a temporary folder beside the target and swap it in atomically.

A failed or interrupted build leaves the previous site as it was; two builds of the same
content are byte-identical (SOURCE_DATE_EPOCH is fixed from the content's last commit).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import os
import secrets
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from .content_time import source_date_epoch

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
EXAMPLE_HOST = "dvk.example"  # the shipped mkdocs.yml's site_url: a placeholder, not a real address
TMP_MARK = ".dvk-tmp-"  # `.site.dvk-tmp-<pid>-<token>`: a build in progress (or killed)
RENAME_EXCHANGE = 2  # linux/fs.h


def arguments(p: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """The arguments of `dvk build` (cli.py lists the command)."""
    p.description = ("Kiểm tra hồ sơ và xây dựng trang vào một thư mục tạm cạnh thư mục đích, "
                     "rồi thay thế trang cũ trong một bước; nếu có lỗi, trang cũ giữ nguyên.")
    p.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="TỆP", help="Tệp cấu hình MkDocs (mặc định: mkdocs.yml).")
    p.add_argument("-d", "--site-dir", metavar="THƯ-MỤC", help="Thư mục đích (mặc định: site_dir trong cấu hình).")
    p.add_argument("--strict", action="store_true", help="Coi cảnh báo của MkDocs là lỗi.")
    return run


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(target: Path) -> None:
    """Remove temporary folders that killed builds left beside the target."""
    for tmp in target.parent.glob(f".{target.name}{TMP_MARK}*"):
        pid = tmp.name[len(f".{target.name}{TMP_MARK}"):].split("-")[0]
        if tmp.is_dir() and not tmp.is_symlink() and (not pid.isdigit() or not _pid_alive(int(pid))):
            shutil.rmtree(tmp, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name or not sys.platform.startswith("linux"):
        return False
    fn = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None)
    if fn is None:
        return False
    at_fdcwd = -100
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE) == 0


def swap_in(new: Path, target: Path) -> None:
    """Put the new site at target; the old one (if any) is removed only after the new one is in place."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # now holds the old site
        return
    old = target.with_name(f".{target.name}{TMP_MARK}{os.getpid()}-old")
    os.rename(target, old)  # two renames: the window without a site is two system calls wide
    os.rename(new, target)
    shutil.rmtree(old)


def _read_config(config_file: Path) -> tuple[Path, list[Path]]:
    """The configured site folder, and the content folders (pages, dossiers) whose time the build takes."""
    from mkdocs.config import load_config

    cfg = load_config(str(config_file))
    paths = [Path(cfg.docs_dir)]
    plugin = cfg.plugins.get("dvk")
    if plugin is not None:
        paths.append((config_file.parent / plugin.config.models_dir).resolve())
    return Path(cfg.site_dir), paths


def _dies_with(parent: int) -> Callable[[], None]:
    """What the MkDocs child runs before exec: it is killed when `dvk build` ends, even by SIGKILL.

    Without it a killed `dvk build` left MkDocs writing a whole site into a folder nobody keeps.
    """
    def arm() -> None:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
        if os.getppid() != parent:  # the parent ended before prctl took effect
            os._exit(1)

    return arm


def _raise_on_term(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def warn_example_site_url(config_file: Path) -> None:
    """Warn (stderr) while `site_url` is still the example host: every absolute link would lead nowhere."""
    from .site_context import site_url_from_mkdocs

    url = site_url_from_mkdocs(config_file) or ""
    host = urlparse(url).hostname or ""
    if host == EXAMPLE_HOST or host.endswith("." + EXAMPLE_HOST):
        sys.stderr.write(
            f"dvk build: cảnh báo: site_url trong {config_file.name} vẫn là địa chỉ mẫu {url}. Các đường dẫn đầy đủ "
            "trong dữ liệu mở (CSV, Excel, JSON), nguồn tin, bản in và khi chia sẻ lên Zalo, Facebook sẽ trỏ tới "
            "địa chỉ không có thật. Hãy đặt site_url là địa chỉ thật của trang (xem README.md, mục site_url).\n")


def run(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file).resolve()
    if not config_file.is_file():
        sys.stderr.write(f"dvk build: không tìm thấy tệp cấu hình `{args.config_file}`.\n")
        return EXIT_USAGE
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir, content = _read_config(config_file)
    target = Path(args.site_dir).resolve() if args.site_dir else site_dir
    root = config_file.parent.resolve()
    if target == root or target in root.parents:
        sys.stderr.write(f"dvk build: thư mục đích `{target}` chứa cả dự án; chọn một thư mục riêng (ví dụ site/).\n")
        return EXIT_USAGE
    warn_example_site_url(config_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(target)
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", str(source_date_epoch(content)))
    tmp = target.with_name(f".{target.name}{TMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(tmp)]
    if args.strict:
        cmd.append("--strict")
    proc = subprocess.Popen(cmd, cwd=config_file.parent, env=env, preexec_fn=_dies_with(os.getpid()))
    signal.signal(signal.SIGTERM, _raise_on_term)  # a stopped build cleans up like Ctrl-C
    try:
        rc = proc.wait()
    except BaseException:  # Ctrl-C or a signal: stop MkDocs, keep the old site
        proc.send_signal(signal.SIGTERM)
        proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if rc != 0 or not (tmp / "index.html").is_file():
        shutil.rmtree(tmp, ignore_errors=True)
        kept = f"trang cũ ở `{target}` được giữ nguyên" if target.exists() else f"chưa có trang nào ở `{target}`"
        sys.stderr.write(f"dvk build: xây dựng không thành công; {kept}.\n")
        return EXIT_ERROR
    swap_in(tmp, target)
    sys.stdout.write(f"dvk build: đã xây dựng trang vào `{target}`.\n")
    return EXIT_OK
