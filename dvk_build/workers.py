"""The build's worker processes: one ProcessPoolExecutor per build for the work done beside MkDocs."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import tempfile
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

T = TypeVar("T")

# How often (seconds) a worker writing files asks whether the build still runs: a look at /proc/<pid>/stat costs
# about a small file's write, and the watcher thread (`_die_with_build`) ends the worker within 0.2 s anyway.
ALIVE_EVERY = 0.05
# Modules the workers need, imported once in the fork server rather than in each worker.
PRELOAD = ["dvk_build.export.site_files", "dvk_build.search.dvk_index"]
_PLAIN = (str, bytes, int, float, bool, type(None))


class WorkFailed(Exception):
    """A worker's job failed; the message says what could not be made, in Vietnamese."""


def _die_with_build(build: int) -> None:
    """Worker initializer: end as soon as the build process `build` ends, however it ends.

    Not PR_SET_PDEATHSIG: a worker's parent is the fork server, which itself waits for the workers
    (they hold its liveness pipe), so a killed build would leave both behind.
    """
    def watch() -> None:
        while alive(build):
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="dvk-build-watch", daemon=True).start()


def alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, ended but not yet waited for, does not)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


class SiteFolder:
    """Files a worker writes into the site folder, relative to it opened once.

    A worker stops as soon as the build process `build` has ended (`dvk build` then removes the
    folder), and a file written meanwhile cannot make a removed folder again.
    """

    def __init__(self, folder: str, build: int) -> None:
        self.fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        self.build = build
        self._checked = -ALIVE_EVERY  # monotonic time of the last look at the build: none yet
        self._folders: set[str] = set()  # made or found already: `mo-hinh/` is not asked for again per file

    def open(self, path: str) -> int:
        """A new file `path` (with its folders) under the site folder, opened for writing: its descriptor."""
        now = time.monotonic()
        if now - self._checked >= ALIVE_EVERY:
            if not alive(self.build):
                raise SystemExit(1)
            self._checked = now
        parts = path.split("/")
        for i in range(1, len(parts)):
            folder = "/".join(parts[:i])
            if folder not in self._folders:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(folder, dir_fd=self.fd)
                self._folders.add(folder)
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644, dir_fd=self.fd)

    def write(self, path: str, data: bytes) -> int:
        with open(self.open(path), "wb") as out:
            out.write(data)
        return len(data)

    def close(self) -> None:
        os.close(self.fd)


class _Pickler(pickle.Pickler):
    """Pickles one item; the objects of `shared` (sent once, first) are written as references to them."""

    def __init__(self, file: Any, shared: tuple[Any, ...]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ids = {id(x): i for i, x in enumerate(shared) if not isinstance(x, _PLAIN)}

    def persistent_id(self, obj: Any) -> int | None:
        return self._ids.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: Any, shared: tuple[Any, ...]) -> None:
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid: Any) -> Any:
        return self._shared[pid]


def write_spool(path: str, shared: tuple[Any, ...], items: Iterable[Any]) -> None:
    """`shared` once, then each item alone referring to it (every model holds the configuration).

    A worker reads the items one at a time (`read_spool`) and lets each go: it never holds them all,
    which a job argument (pickled whole into the call queue) would.
    """
    with open(path, "wb") as f:
        pickle.dump(shared, f, protocol=pickle.HIGHEST_PROTOCOL)
        for item in items:
            _Pickler(f, shared).dump(item)


def read_spool(path: str) -> Iterator[Any]:
    """The items of a spool file, in order, one at a time."""
    with open(path, "rb") as f:
        shared = pickle.load(f)
        while True:
            try:
                yield _Unpickler(f, shared).load()
            except EOFError:
                return


class BuildWorkers:
    """The pool of one build, and the spool of its models that the jobs read.

    `forkserver`: workers start from a clean process that imported PRELOAD once, not from a copy of
    the build's memory (a forked worker's resident size counts the build's pages again), and
    MkDocs' threads (`mkdocs serve`) are never copied mid-work.
    """

    def __init__(self, workers: int = 2) -> None:
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods()
                                         else "spawn")
        if ctx.get_start_method() == "forkserver":
            ctx.set_forkserver_preload(PRELOAD)
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_die_with_build,
                                        initargs=(os.getpid(),))
        self._dir = tempfile.TemporaryDirectory(prefix="dvk-build-")

    def spool(self, name: str, shared: tuple[Any, ...], items: Iterable[Any]) -> str:
        """Write a spool file for the jobs; its path."""
        path = os.path.join(self._dir.name, name)
        write_spool(path, shared, items)
        return path

    def submit(self, what: str, function: Callable[..., T], *args: Any) -> Job[T]:
        return Job(what, self.pool.submit(function, *args))

    def close(self, cancel: bool = False) -> None:
        """Stop the pool (its running jobs too when `cancel`: a failed build) and remove the spool files."""
        if cancel:
            # ProcessPoolExecutor cannot stop a running job before Python 3.14 (kill_workers)
            kill = getattr(self.pool, "kill_workers", None)
            if kill is not None:
                kill()
            else:
                for proc in list(getattr(self.pool, "_processes", {}).values()):
                    proc.kill()
        self.pool.shutdown(wait=True, cancel_futures=cancel)
        self._dir.cleanup()


class Job(Generic[T]):
    """A submitted job whose failure reads as a Vietnamese build error."""

    def __init__(self, what: str, future: Future[T]) -> None:
        self.what = what  # what the job makes, for messages
        self.future = future

    def result(self) -> T:
        """What the job returned (waiting for it); WorkFailed if it raised or its worker died."""
        try:
            return self.future.result()
        except Exception as exc:
            raise WorkFailed(f"Không tạo được {self.what}: {type(exc).__name__}: {exc}") from exc
