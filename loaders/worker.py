"""`python -m loaders.worker MEMORY_BYTES`: one workbook reader process, driven by loaders/isolation.py.

It limits its own address space, imports the loaders, says it is ready, reads one request from stdin, answers
on stdout (loaders/wire.py frames) and exits. Anything else it would print goes to stderr.
"""

from __future__ import annotations

import resource
import sys


def main() -> int:
    channel_in, channel_out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the channel
    memory = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    import fastexcel  # noqa: F401 - imported now, so the load itself pays no import

    from loaders import wire
    from loaders.guard import UnreadableWorkbook
    from loaders.orchestrator import load_workbook

    def send(frames: list[bytes]) -> None:
        for frame in frames:
            wire.write_frame(channel_out, frame)
        channel_out.flush()

    send([b"ready"])
    try:
        head, data = wire.read_frame(channel_in), wire.read_frame(channel_in)
    except wire.WireError:
        return 0
    filename, anio, settings = wire.read_request(head)
    try:
        send(wire.result(load_workbook(data, filename=filename, anio=anio, settings=settings)))
    except UnreadableWorkbook as error:
        send(wire.refusal(error.issue))
    except BaseException as exc:  # noqa: BLE001 - MemoryError and the like: say what, then exit
        send(wire.failure(type(exc).__name__))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the server went away (a restart, the end of a test run): nothing to tell anyone
        sys.exit(0)
