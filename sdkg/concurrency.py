"""Doing the heavy work fast on this kind of machine: on every core, and without needless garbage collection.

pyoxigraph lets go of the interpreter while it answers a query, so SPARQL queries on threads run on all the
cores; so does a Java process that a thread waits for. Python's cycle collector, left on, walks the millions
of objects a large dataset makes again and again; they hold no cycles, and reference counting frees them.
"""

import gc
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def workers() -> int:
    """How many threads to run side by side: one per core."""
    return max(1, os.cpu_count() or 1)


def parallel(function: Callable[[T], R], items: list[T]) -> list[R]:
    """`function` on every item, on every core; the results in the order of the items."""
    if len(items) <= 1:
        return [function(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(len(items), workers())) as pool:
        return list(pool.map(function, items))


def in_background(function: Callable[[], R], name: str) -> "Future[R]":
    """`function()` begun on a thread of its own, its result or error in the future returned. The thread does
    not hold up the process's exit: whoever no longer needs the result (a load that failed) can stop at once."""
    future: Future[R] = Future()

    def run() -> None:
        future.set_running_or_notify_cancel()
        try:
            future.set_result(function())
        except BaseException as error:  # noqa: BLE001 - handed to whoever asks for the result
            future.set_exception(error)

    threading.Thread(target=run, name=name, daemon=True).start()
    return future


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cycle collection within the block (reference counting still frees what is let go)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
