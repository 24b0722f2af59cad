"""Work done by a function in a fresh Python process while the build goes on (the second core)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from typing import Any, Callable

from ..children import die_with

# The exports (CSV, Excel, JSON, feed) took about a fifth of a site build, all pure Python, and need
# only the catalogue, which pickles in well under a second even at 10,000 dossiers. A separate
# interpreter makes them on the machine's other core while MkDocs renders the pages. Not a fork: a
# forked child would keep the whole build's memory mapped (and counted) for as long as it runs.


class OffloadFailed(Exception):
    """The other process failed; the message says why, in Vietnamese."""


class Offloaded:
    """`function(argument)` run in a new interpreter; `result()` waits for what it returns.

    The argument is pickled to an unlinked temporary file (the process's stdin) and the result comes
    back pickled in another (its stdout): no pipe to fill up, nothing left on disk however the build
    ends. Where no process can be started, the function runs here when `result()` is called.
    """

    _NOTHING = object()

    def __init__(self, what: str, function: Callable[[Any], Any], argument: Any) -> None:
        self.what = what  # what is being made, for messages
        self._inline: tuple[Callable[[Any], Any], Any] | None = None
        self._data: Any = self._NOTHING
        self._proc: subprocess.Popen[bytes] | None = None
        self._out = self._err = None
        spool = tempfile.TemporaryFile()
        try:
            pickle.dump((function, argument), spool, protocol=pickle.HIGHEST_PROTOCOL)
            spool.seek(0)
            self._out, self._err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}  # this build's modules
            self._proc = subprocess.Popen([sys.executable, "-m", __name__, str(os.getpid())], stdin=spool, stdout=self._out,
                                          stderr=self._err, env=env)
        except OSError:  # no interpreter to start: compute inline when asked
            self._close_files()
            self._inline = (function, argument)
        finally:
            spool.close()  # the child holds its own descriptor

    def result(self) -> Any:
        """What the function returned (waiting for it once); OffloadFailed if the process failed."""
        if self._data is not self._NOTHING:
            return self._data
        if self._inline is not None:
            function, argument = self._inline
            self._inline = None
            self._data = function(argument)
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


def _main() -> None:
    """The other process: (function, argument) pickled on stdin, what the function returns pickled to stdout."""
    import gc

    die_with(int(sys.argv[1]))  # a stopped build (`dvk build` removes its folder) must not be written into after
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # stdout carries the result alone: a stray print must not corrupt it
    function, argument = pickle.load(sys.stdin.buffer)
    gc.freeze()  # the argument (the catalogue) lives to the end: keep the collector from walking it again and again
    pickle.dump(function(argument), out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


if __name__ == "__main__":
    _main()
