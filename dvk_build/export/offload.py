"""Work done by a function in a fresh Python process while the build goes on (the second core)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from typing import Any, Callable, Iterable, Iterator

from ..children import die_with

# The exports (CSV, Excel, JSON) took about a fifth of a site build, all pure Python, and need only
# the models, which pickle in about a second at 10,000 dossiers. A separate interpreter makes them
# on the machine's other core while MkDocs renders the pages. Not a fork: a forked child maps the
# whole build's memory (counted again in its resident size) for as long as it runs.


class OffloadFailed(Exception):
    """The other process failed; the message says why, in Vietnamese."""


_PLAIN = (str, bytes, int, float, bool, type(None))


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


class Offloaded:
    """`function(shared, items)` run in a new interpreter; `result()` waits for what it returns.

    `shared` (a tuple) is pickled once; then each item alone, referring to the objects of `shared`
    it holds (every model holds the configuration), so the other process can take the items one at a
    time and let each go: it never holds them all. They go in an unlinked temporary file (the
    process's stdin) and the result comes back pickled in another (its stdout): no pipe to fill up,
    nothing left on disk however the build ends. Pickling happens here, before this returns (about a
    second for 10,000 models). Where no process can be started, the function runs here when
    `result()` is called.
    """

    _NOTHING = object()

    def __init__(self, what: str, function: Callable[[Any, Iterator[Any]], Any], shared: tuple[Any, ...],
                 items: Iterable[Any]) -> None:
        self.what = what  # what is being made, for messages
        self._inline: tuple[Callable[[Any, Iterator[Any]], Any], tuple[Any, ...], Iterable[Any]] | None = None
        self._data: Any = self._NOTHING
        self._proc: subprocess.Popen[bytes] | None = None
        self._out = self._err = None
        spool = tempfile.TemporaryFile()
        try:
            pickle.dump((function, shared), spool, protocol=pickle.HIGHEST_PROTOCOL)
            for item in items:
                _Pickler(spool, shared).dump(item)
            spool.seek(0)
            self._out, self._err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}  # this build's modules
            self._proc = subprocess.Popen([sys.executable, "-m", __name__, str(os.getpid())], stdin=spool,
                                          stdout=self._out, stderr=self._err, env=env)
        except OSError:  # no interpreter to start (or no temporary file): compute inline when asked
            self._close_files()
            self._inline = (function, shared, items)
        finally:
            spool.close()  # the child holds its own descriptor

    def result(self) -> Any:
        """What the function returned (waiting for it once); OffloadFailed if the process failed."""
        if self._data is not self._NOTHING:
            return self._data
        if self._inline is not None:
            function, shared, items = self._inline
            self._inline = None
            self._data = function(shared, iter(items))
            return self._data
        assert self._proc is not None and self._out is not None and self._err is not None
        code = self._proc.wait()
        self._out.seek(0)
        self._err.seek(0)
        data, err = self._out.read(), self._err.read().decode("utf-8", "replace").strip()
        self._proc = None
        self._close_files()
        if code != 0:
            last = err.splitlines()[-1] if err else f"mã thoát {code}"
            raise OffloadFailed(f"Không tạo được {self.what}: {last}")
        self._data = pickle.loads(data)
        return self._data

    def cancel(self) -> None:
        """Stop the process if it still runs (a failed build); harmless after `result`."""
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.kill()
            self._proc.wait()
            self._proc = None
        self._close_files()

    def _close_files(self) -> None:
        for f in (self._out, self._err):
            if f is not None:
                f.close()
        self._out = self._err = None


def _items(stream: Any, shared: tuple[Any, ...]) -> Iterator[Any]:
    while True:
        try:
            yield _Unpickler(stream, shared).load()
        except EOFError:
            return


def _main() -> None:
    """The other process: (function, shared) then the items pickled on stdin; the result pickled to stdout."""
    import gc

    die_with(int(sys.argv[1]))  # a stopped build (`dvk build` removes its folder) must not be written into after
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # stdout carries the result alone: a stray print must not corrupt it
    stream = sys.stdin.buffer
    function, shared = pickle.load(stream)
    gc.freeze()  # the shared objects live to the end: keep the collector from walking them again and again
    pickle.dump(function(shared, _items(stream, shared)), out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


if __name__ == "__main__":
    _main()
