"""A batch's extraction on a Dask distributed cluster (`--executor tcp://scheduler:8786`).

Extraction is independent per file, so each file is a task: the client sends the file's bytes
(the workers need no access to the client's folders), a worker extracts it in a process of its
own under the same time and memory limits as a local run, and the report comes back to the
client, which writes the raw files as each one arrives — the raw folder, its lock and the
manifests stay on the machine that runs the batch. At most a few tasks per worker thread are in
flight, so the client never holds the whole folder in memory.
"""

from __future__ import annotations

import pickle
import resource
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .isolation import Limits

IN_FLIGHT_PER_THREAD = 2


def _memory_limit(megabytes: int):
    def apply() -> None:  # in the child, before it runs: its heap may not grow past the limit
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))

    return apply


def _extract_remotely(name: str, content: bytes, sha256: str, limits: Limits) -> tuple[str, object]:
    """On a worker: the file written to a private folder under its own name (the suffix decides
    the reader), then extracted by a child process. A child process, not multiprocessing: Dask's
    worker processes are daemons, which may not have children of their own."""
    with tempfile.TemporaryDirectory(prefix="fiscal-extract-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        command = [sys.executable, "-m", "extract.distributed", str(path), sha256]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=limits.seconds, preexec_fn=_memory_limit(limits.memory_mb)
            )
        except subprocess.TimeoutExpired:
            return "failure", f"time limit exceeded ({limits.seconds:g} s)"
    if done.returncode != 0:
        cause = f"killed by signal {-done.returncode}" if done.returncode < 0 else f"exit status {done.returncode}"
        return "failure", f"worker died ({cause}; out of memory?)"
    return "result", pickle.loads(done.stdout)


def run_on_cluster(address: str, tasks: list[tuple[Path, str]], limits: Limits) -> Iterator[tuple[int, str, object]]:
    """(task index, "result" or "failure", value) for each (path, sha256) task as it ends,
    like isolation.run_isolated; a report's source_path is the client's path again."""
    from distributed import Client, as_completed  # only a batch that asks for a cluster needs it

    with Client(address, timeout="30s") as client:
        threads = max(1, sum(client.nthreads().values()))
        waiting = list(enumerate(tasks))
        running = as_completed()
        indices = {}

        def submit_next() -> None:
            index, (path, sha256) = waiting.pop(0)
            future = client.submit(_extract_remotely, path.name, path.read_bytes(), sha256, limits, pure=False)
            indices[future.key] = index
            running.add(future)

        for _ in range(min(len(waiting), threads * IN_FLIGHT_PER_THREAD)):
            submit_next()
        for future in running:
            index = indices.pop(future.key)
            try:
                kind, value = future.result()
            except Exception as exc:  # a worker lost, a task that could not run: this file fails, not the batch
                kind, value = "failure", f"cluster task failed: {type(exc).__name__}: {exc}"
            if kind == "result" and value[0] is not None:
                value[0].source_path = tasks[index][0]
            future.release()
            if waiting:
                submit_next()
            yield index, kind, value


if __name__ == "__main__":  # the child of _extract_remotely: one file, its outcome pickled to stdout
    from .outcome import extract_or_reason

    sys.stdout.buffer.write(pickle.dumps(extract_or_reason(Path(sys.argv[1]), sys.argv[2])))
