"""Each input extracted in a process of its own, under a time and a memory limit.

One pathological file (a page of millions of glyphs, nested XObjects) must cost only itself:
a worker over its time or memory limit is killed and that input fails with the reason; a
worker the operating system kills fails its one input, not the batch. Results come back as
each file finishes, so the batch writes them as it goes.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

POLL_SECONDS = 0.05
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    seconds: float = 120.0
    memory_mb: int = 2048


@dataclass
class _Worker:
    index: int
    process: multiprocessing.Process
    connection: Connection
    started: float


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no orphan keeps working)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:  # not Linux: the parent's own cleanup has to do
        pass


def _child(connection: Connection, work: Callable, arguments: tuple) -> None:
    die_with_parent()
    # What the worker inherits is not its garbage: its collections skip the parent's objects
    # (a few per cent of a PDF's reading) and leave their memory shared, not copied.
    gc.freeze()
    connection.send(work(*arguments))
    connection.close()


_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


def _resident_mb(pid: int) -> float:
    """All the worker's resident memory, its share of its parent's included (cheap to read)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE_MB
    except (OSError, ValueError, IndexError):
        return float("inf")  # unknown: ask the exact measure


def _over_memory(pid: int, limit_mb: float) -> bool:
    """Whether the worker's own memory is over the limit. Its resident memory bounds it from
    above and costs one line to read; the exact measure (smaps_rollup walks every mapping,
    a millisecond a call, polled twenty times a second) is read only when that bound is over."""
    return _resident_mb(pid) > limit_mb and _private_mb(pid) > limit_mb


def _private_mb(pid: int) -> float:
    """Memory the worker holds of its own: what a forked worker shares with its parent (until
    either writes it) is not its cost, so resident size would overstate it."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return sum(int(line.split()[1]) for line in rollup if line.startswith("Private_")) / 1024
    except (OSError, ValueError):
        return 0.0


def _verdict(worker: _Worker, limits: Limits) -> tuple[bool, object]:
    """(finished, outcome): the worker's result, or the reason it was stopped."""
    if worker.connection.poll():
        try:
            return True, ("result", worker.connection.recv())
        except (EOFError, OSError):
            pass  # it died while sending: judged below
    if not worker.process.is_alive():
        code = worker.process.exitcode
        cause = f"killed by signal {-code}" if code and code < 0 else f"exit status {code}"
        return True, ("failure", f"worker died ({cause}; out of memory?)")
    if time.monotonic() - worker.started > limits.seconds:
        return True, ("failure", f"time limit exceeded ({limits.seconds:g} s)")
    if _over_memory(worker.process.pid, limits.memory_mb):
        return True, ("failure", f"memory limit exceeded ({limits.memory_mb} MB)")
    return False, None


def _stop(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join()
    worker.connection.close()


def _start(context, index: int, work: Callable, arguments: tuple) -> _Worker:
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sending, work, arguments), daemon=True)
    process.start()
    sending.close()
    return _Worker(index, process, receiving, time.monotonic())


def run_isolated(work: Callable, tasks: list[tuple], jobs: int, limits: Limits) -> Iterator[tuple[int, str, object]]:
    """(task index, "result" or "failure", value) for each task as it ends; work(*task) runs
    in a forked process, at most `jobs` at a time. The next tasks start before a finished
    one's result is handed over, so the batch writes it while they run; a result is picked
    up as soon as it is sent, and the limits are checked every POLL_SECONDS meanwhile."""
    context = multiprocessing.get_context("fork")
    pending = list(enumerate(tasks))
    running: list[_Worker] = []
    try:
        while pending or running:
            finished = []
            for worker in list(running):
                done, outcome = _verdict(worker, limits)
                if done:
                    running.remove(worker)
                    _stop(worker)
                    finished.append((worker.index, *outcome))
            while pending and len(running) < max(1, jobs):
                index, arguments = pending.pop(0)
                running.append(_start(context, index, work, arguments))
            yield from finished
            if running and not finished:
                handles = [handle for worker in running for handle in (worker.connection, worker.process.sentinel)]
                wait(handles, timeout=POLL_SECONDS)
    finally:
        for worker in running:
            _stop(worker)
