"""A batch on a dask.distributed cluster: one task per input (``extractor extract --dask``).

The client hands out as many inputs as the cluster has worker threads, collects them
with ``as_completed`` and yields them to :func:`extractor.batch.run_batch`, which writes
each report as it arrives. A task that raises, or whose worker dies more often than
dask's ``allowed-failures`` lets it retry (``KilledWorker``), fails only its input.

Time limit: dask cannot interrupt a running task, so ``timeout`` counts from when the
client hands the input to the cluster (only as many as there are threads are handed out
at a time, so this is close to when it starts). An input past the limit is reported as
timed out, its task is cancelled and the worker that ran it is restarted through its
nanny, so the hung thread goes with it.

Each dask worker process builds the spaCy pipeline once (``client.run`` warms the
workers present at the start; later ones build it on their first input) and reuses it;
the workers of ``--dask local`` fork from extractor's fork server, which has built it
already.
The workers must be able to open the input paths as given (a shared file system).
"""
from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections import deque
from typing import Any, Callable, Deque, Dict, Iterator, Optional, Sequence, Tuple

from .errors import ExtractorError
from .workers import Failure, default_context, seconds

POLL_S = 0.05


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise ExtractorError("--dask needs dask.distributed; install it with: "
                             "pip install 'extractor[dask]'") from None
    return distributed


def _local_workers_from_fork_server(stack: contextlib.ExitStack) -> None:
    """Local dask workers fork from extractor's fork server, which has the pipeline built.

    Spawned workers would each import spaCy and build the pipeline from scratch.
    """
    import multiprocessing

    import dask
    import distributed.utils

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    stack.enter_context(dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}))
    distributed.utils.get_mp_context()  # distributed sets its own preload list once; ours comes after
    default_context(preload=("extractor._preload", "distributed"))


def _connect(address: str, jobs: int, stack: contextlib.ExitStack):
    distributed = _import_distributed()
    if address == "local":
        _local_workers_from_fork_server(stack)
        cluster = distributed.LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.CRITICAL)
        return distributed.Client(cluster), cluster
    try:
        return distributed.Client(address, timeout="30s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise ExtractorError(f"cannot reach the dask scheduler at {address}: {exc}") from None


def _failure(future) -> Failure:
    if future.status == "cancelled":
        return Failure("its task was cancelled on the dask cluster")
    exc = future.exception()
    if type(exc).__name__ == "KilledWorker":
        return Failure("the dask workers running it died (KilledWorker)")
    return Failure(f"failed on the dask cluster ({type(exc).__name__}: {exc})".replace("\n", " "))


def _worker_of(client, key) -> Optional[str]:
    try:
        for address, keys in client.processing().items():
            if key in keys:
                return address
    except Exception:  # the scheduler could not tell; the task is cancelled all the same
        return None
    return None


def run_on_dask(address: str, job: Callable[..., Any], tasks: Sequence[tuple],
                timeout: Optional[float] = None, jobs: int = 1,
                initializer: Optional[Callable[[], Any]] = None) -> Iterator[Tuple[int, Any]]:
    """Yields ``(index, result)`` for each task as it finishes on the cluster at ``address``.

    ``address`` is a scheduler address or ``"local"`` (a LocalCluster of ``jobs`` worker
    processes with one thread each). ``result`` is what ``job`` returned or a
    :class:`~extractor.workers.Failure`.
    """
    distributed = _import_distributed()
    if not tasks:
        return
    stack = contextlib.ExitStack()
    try:
        client, cluster = _connect(address, jobs, stack)
    except BaseException:
        stack.close()
        raise
    timeout = timeout or None
    batch_id = uuid.uuid4().hex[:8]
    try:
        if initializer is not None:
            try:
                client.run(initializer)
            except Exception:  # a worker that cannot warm up reports the reason on its first input
                pass
        pending: Deque[int] = deque(range(len(tasks)))
        running: Dict[Any, Tuple[int, float]] = {}
        finished = distributed.as_completed()
        while pending or running:
            threads = sum(client.nthreads().values())
            while pending and len(running) < max(1, threads):
                index = pending.popleft()
                future = client.submit(job, *tasks[index], key=f"extractor-{batch_id}-{index}", pure=False)
                running[future] = (index, time.monotonic())
                finished.add(future)
            ready = finished.next_batch(block=False) if finished.has_ready() else []
            for future in ready:
                if future not in running:
                    continue  # cancelled by us after a timeout, reported already
                index, _ = running.pop(future)
                yield index, (future.result() if future.status == "finished" else _failure(future))
            if timeout is not None:
                now = time.monotonic()
                for future, (index, started) in list(running.items()):
                    if now - started >= timeout:
                        del running[future]
                        worker = _worker_of(client, future.key)
                        future.cancel()
                        if worker is not None:
                            try:
                                client.restart_workers([worker], raise_for_error=False)
                            except Exception:  # no nanny: the hung thread stays, the batch goes on
                                pass
                        yield index, Failure(f"timed out after {seconds(timeout)} s on the dask cluster")
            if not ready:
                time.sleep(POLL_S)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        stack.close()
