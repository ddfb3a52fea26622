"""Read untrusted workbooks in worker processes with a memory and a time limit.

The guard refuses what it can see coming, but a native reader may still fail in ways no check foresees (an
allocation it aborts on, a loop). A worker (`python -m loaders.worker`) runs `load_workbook` under an
address-space limit; if it dies or overruns its time, that costs one worker, and the caller gets one Spanish
refusal instead of a dead server. Results come back as JSON and Arrow (loaders/wire.py), never pickle.

Workers are started ahead of need and have imported everything before a workbook arrives, so a load costs
a few milliseconds of transfer, not an interpreter start. Each worker reads one workbook and is replaced, so
that no memory or state carries over from one workbook to the next.
"""

from __future__ import annotations

import logging
import os
import queue
import select
import subprocess
import sys
import time
from pathlib import Path

from domain.plan import LoadResult
from loaders import wire
from loaders.guard import UnreadableWorkbook, refuse
from loaders.orchestrator import read_source
from settings import Settings, get_settings

_LOG = logging.getLogger(__name__)
_ROOT = Path(__file__).resolve().parents[1]
_ENV = {**os.environ, "RUST_BACKTRACE": "0"}  # a native crash leaves one line in the log, not fifty


class _Deadline:
    """Reads from a pipe that must answer before a moment: a late or silent worker is never waited for long."""

    def __init__(self, pipe, seconds: float) -> None:
        self.fd = pipe.fileno()
        self.until = time.monotonic() + seconds

    def read(self, size: int) -> bytes:
        parts, missing = [], size
        while missing:
            left = self.until - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self.fd, min(missing, 1 << 20))
            if not chunk:
                break  # the worker is gone
            parts.append(chunk)
            missing -= len(chunk)
        return b"".join(parts)


class IsolatedReader:
    """A few pre-started reader processes; `load` is thread-safe (Streamlit serves sessions from threads)."""

    def __init__(self, settings: Settings | None = None, *, workers: int | None = None) -> None:
        self.settings = settings or get_settings()
        self._idle: queue.Queue[subprocess.Popen] = queue.Queue()
        for _ in range(max(1, workers or self.settings.parse_workers)):
            self._idle.put(self._start())

    def _start(self) -> subprocess.Popen:
        memory = self.settings.parse_memory_mb * 1024 * 1024
        return subprocess.Popen([sys.executable, "-m", "loaders.worker", str(memory)], cwd=_ROOT, env=_ENV,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)

    def load(self, source: bytes | str | Path, *, anio: int | None = None, filename: str | None = None) -> LoadResult:
        """`load_workbook` in a worker: the same result, or one UnreadableWorkbook whatever happens inside."""
        data, name = read_source(source, self.settings)
        worker = self._idle.get()
        try:
            return self._run(worker, data, filename or name, anio)
        finally:
            self._retire(worker)
            self._idle.put(self._start())

    def _run(self, worker: subprocess.Popen, data: bytes, filename: str | None, anio: int | None) -> LoadResult:
        seconds = self.settings.parse_seconds
        reader = _Deadline(worker.stdout, seconds + 30)  # a worker still starting gets its start-up time too
        try:
            if wire.read_frame(reader) != b"ready":
                raise wire.WireError("not ready")
            reader = _Deadline(worker.stdout, seconds)
            for frame in wire.request(data, filename, anio, self.settings):
                wire.write_frame(worker.stdin, frame)
            worker.stdin.flush()
            status, payload = wire.read_response(lambda: wire.read_frame(reader))
        except TimeoutError as exc:
            raise refuse("lectura_demasiado_larga", seconds=f"{seconds:g}") from exc
        except (wire.WireError, OSError, ValueError) as exc:  # the worker died or sent garbage
            worker.kill()
            _LOG.warning("workbook reader died (exit code %s): %s", worker.wait(), exc)
            raise refuse("lectura_abortada", memory=f"{self.settings.parse_memory_mb:,}") from exc
        if status == "ok":
            return payload
        if status == "refused":
            raise UnreadableWorkbook(payload)
        _LOG.warning("workbook reader failed: %s", payload)
        raise refuse("lectura_abortada", memory=f"{self.settings.parse_memory_mb:,}")

    @staticmethod
    def _retire(worker: subprocess.Popen) -> None:
        if worker.poll() is None:
            worker.kill()
        worker.wait()
        for pipe in (worker.stdin, worker.stdout):
            if pipe is not None:
                pipe.close()

    def close(self) -> None:
        while not self._idle.empty():
            self._retire(self._idle.get_nowait())
