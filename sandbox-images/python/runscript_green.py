"""Threads for the sandbox: `threading` and `concurrent.futures` on one OS thread, with WebAssembly
stack switching (JSPI) doing the switching.

Pyodide has no OS threads (`Thread.start()` raises "can't start new thread"), but it can suspend a
Python call stack while a JavaScript promise is pending (`pyodide.ffi.run_sync`) and run other event
loop callbacks, each on its own stack, meanwhile. `install()` uses that to make Python's own
`threading` module work as green threads:

- `Thread.start()` schedules the thread's bootstrap as an event-loop callback (its own stack);
- a blocking wait (`Lock.acquire`, hence `Condition`, `Event`, `Semaphore`, `queue.Queue`,
  `Thread.join`, `Future.result`, `as_completed`, `time.sleep`) suspends only the waiting thread;
- an AWS call (`runscript_aws`) suspends its thread while the host makes the call, so N threads keep
  N calls in flight (the host bounds them with the run's concurrency budget).

CPython's own `concurrent.futures.ThreadPoolExecutor`, `as_completed`, `wait` and `executor.map`
then work unchanged. Threads switch only where they block (cooperative), which is where an audit
script's threads spend their time; a thread that computes without blocking keeps the others waiting.

`threading.get_ident()` is per green thread (a context variable), so `current_thread()`, `RLock`
ownership and `threading.local` behave per thread. At the end of a run the runner calls
`threading._shutdown()`, which, as in CPython at exit, runs the threading atexit hooks and waits for
non-daemon threads (bounded by the run's timeout).

Installed before the memory snapshot (pure Python state only); `pyodide.ffi` is used lazily.
"""

import _thread
import asyncio
import collections
import contextvars
import itertools
import queue
import sys
import threading
import time
import _threading_local

__all__ = ["GreenLock", "block_on", "can_switch", "get_ident", "install", "sleep"]

_real_get_ident = _thread.get_ident
_real_sleep = time.sleep
_ident_var = contextvars.ContextVar("runscript_green_ident", default=None)
_idents = itertools.count(0x5EED0001)
_live_non_daemon = set()
_installed = False


def get_ident():
    """The current (green) thread's identifier; the OS thread's for the main thread."""
    ident = _ident_var.get()
    return _real_get_ident() if ident is None else ident


def can_switch():
    """True when the current stack can be suspended (then other threads run while it waits)."""
    try:
        from pyodide.ffi import can_run_sync
    except ImportError:
        return False
    return can_run_sync()


def block_on(awaitable):
    """Waits for `awaitable` (an asyncio awaitable or a JavaScript promise) and returns its result.

    Only the current thread waits: other threads (event-loop callbacks) run meanwhile. The caller
    checks `can_switch()` first.
    """
    from pyodide.ffi import run_sync

    return run_sync(awaitable)


def _loop():
    return asyncio.get_event_loop()


# A sleeping thread wakes at least this often, so the run's timeout (a KeyboardInterrupt, which Python
# notices only while it runs) ends a long `time.sleep` cooperatively instead of by a hard kill.
_SLEEP_SLICE = 0.1


def sleep(seconds):
    """`time.sleep` that lets other threads run (falls back to a plain sleep where it cannot)."""
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
        return _real_sleep(seconds)  # the same TypeError as time.sleep
    if seconds < 0:
        return _real_sleep(seconds)  # the same ValueError as time.sleep
    if not can_switch():
        return _real_sleep(seconds)
    deadline = time.monotonic() + seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        block_on(asyncio.sleep(min(remaining, _SLEEP_SLICE)))


class GreenLock:
    """`threading.Lock` for green threads: a blocking `acquire` suspends only the waiting thread.

    Ownership passes directly to the longest waiter on `release()` (FIFO).
    """

    __slots__ = ("__weakref__", "_locked", "_waiters")

    def __init__(self):
        self._locked = False
        self._waiters = collections.deque()

    def acquire(self, blocking=True, timeout=-1):
        if not blocking and timeout != -1:
            raise ValueError("can't specify a timeout for a non-blocking call")
        if timeout < 0 and timeout != -1:
            raise ValueError("timeout value must be a non-negative number")
        if not self._locked:
            self._locked = True
            return True
        if not blocking:
            return False
        if not can_switch():
            if timeout == -1:
                raise RuntimeError(
                    "deadlock: this lock is held and nothing else can run from here (a blocking "
                    "acquire in a place where the sandbox cannot switch threads)"
                )
            _real_sleep(timeout)
            return False
        waiter = _loop().create_future()
        self._waiters.append(waiter)
        try:
            if timeout == -1:
                block_on(waiter)
                return True
            try:
                block_on(asyncio.wait_for(asyncio.shield(waiter), timeout))
                return True
            except asyncio.TimeoutError:
                # Ownership may have been handed over just as the timeout fired.
                return waiter.done() and not waiter.cancelled()
        finally:
            if not waiter.done():
                waiter.cancel()
            try:
                self._waiters.remove(waiter)
            except ValueError:
                pass

    def release(self):
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(True)  # the lock stays locked: it now belongs to the waiter
                return
        self._locked = False

    def locked(self):
        return self._locked

    def _at_fork_reinit(self):
        self._locked = False
        self._waiters.clear()

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()

    acquire_lock = acquire
    release_lock = release
    locked_lock = locked

    def __repr__(self):
        state = "locked" if self._locked else "unlocked"
        return f"<{state} {type(self).__module__}.{type(self).__qualname__} object at {hex(id(self))}>"


class GreenThreadHandle:
    """`_thread._ThreadHandle` for a green thread: `ident`, `join(timeout)`, `is_done()`."""

    def __init__(self, ident=None, done=False):
        self._ident = ident
        self._done = done
        self._joiners = []

    @property
    def ident(self):
        return self._ident

    def is_done(self):
        return self._done

    def _set_done(self):
        self._done = True
        joiners, self._joiners = self._joiners, []
        for fut in joiners:
            if not fut.done():
                fut.set_result(None)

    def join(self, timeout=None):
        if self._done:
            return
        if self._ident is not None and self._ident == get_ident():
            raise RuntimeError("Cannot join current thread")
        if not can_switch():
            raise RuntimeError("cannot wait for a thread here: the sandbox cannot switch threads from this place")
        fut = _loop().create_future()
        self._joiners.append(fut)
        if timeout is None:
            block_on(fut)
            return
        try:
            block_on(asyncio.wait_for(asyncio.shield(fut), max(timeout, 0)))
        except asyncio.TimeoutError:
            pass


def _report_unhandled(function, exc):
    hook = getattr(sys, "unraisablehook", None)
    if hook is None:
        return
    args = type("UnraisableHookArgs", (), {})()
    args.exc_type, args.exc_value, args.exc_traceback = type(exc), exc, exc.__traceback__
    args.err_msg = f"Exception ignored in thread started by {function!r}"
    args.object = None
    hook(args)


def _run_thread(function, args, kwargs, handle, daemon):
    try:
        function(*args, **kwargs)
    except SystemExit:
        pass
    except BaseException as exc:  # noqa: BLE001 - as CPython's _thread: report, do not propagate
        _report_unhandled(function, exc)
    finally:
        _live_non_daemon.discard(handle)
        handle._set_done()


def _start(function, args, kwargs, handle, daemon):
    ident = next(_idents)
    handle._ident = ident
    # The thread's identity lives in a context variable, set in the context its bootstrap runs in
    # and in the Thread object's own context (where `run()` is called).
    boot = contextvars.Context()
    boot.run(_ident_var.set, ident)
    owner_context = getattr(getattr(function, "__self__", None), "_context", None)
    if isinstance(owner_context, contextvars.Context):
        try:
            owner_context.run(_ident_var.set, ident)
        except RuntimeError:
            pass  # a context shared with a running thread: identity still comes from the bootstrap
    if not daemon:
        _live_non_daemon.add(handle)
    _loop().call_soon(_run_thread, function, args, kwargs, handle, daemon, context=boot)
    return handle


def start_joinable_thread(function, handle=None, daemon=True):
    """`_thread.start_joinable_thread`: runs `function()` as a green thread; returns its handle."""
    return _start(function, (), {}, handle if handle is not None else GreenThreadHandle(), daemon)


def start_new_thread(function, args, kwargs=None):
    """`_thread.start_new_thread`: runs `function(*args, **kwargs)` as a (daemon) green thread."""
    if not isinstance(args, tuple):
        raise TypeError("2nd arg must be a tuple")
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError("optional 3rd arg must be a dictionary")
    return _start(function, args, kwargs or {}, GreenThreadHandle(), True).ident


def _shutdown_threads():
    """`_thread._shutdown`: waits for every non-daemon green thread (as CPython does at exit)."""
    while _live_non_daemon:
        handle = next(iter(_live_non_daemon))
        if not can_switch():
            return
        handle.join()
        _live_non_daemon.discard(handle)


def reset():
    """Forgets threads of a previous run (the sandbox is fresh per run; kept for tests)."""
    _live_non_daemon.clear()
    main = threading.main_thread()
    main._os_thread_handle = GreenThreadHandle(main._ident, done=False)
    threading._SHUTTING_DOWN = False


def install():
    """Switches `threading`, `_thread`, `queue`, `time.sleep` over to green threads (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    threading._start_joinable_thread = start_joinable_thread
    threading._ThreadHandle = GreenThreadHandle
    threading._allocate_lock = GreenLock
    threading.Lock = GreenLock
    threading._CRLock = None  # threading.RLock() -> the pure-Python RLock, built on GreenLock
    threading.get_ident = get_ident
    threading._thread_shutdown = _shutdown_threads
    threading.local = _threading_local.local
    main = threading.main_thread()
    main._os_thread_handle = GreenThreadHandle(main._ident, done=False)
    _thread.start_new_thread = start_new_thread
    _thread.start_new = start_new_thread
    _thread.start_joinable_thread = start_joinable_thread
    _thread.allocate_lock = GreenLock
    _thread.allocate = GreenLock
    _thread.get_ident = get_ident
    queue.SimpleQueue = queue._PySimpleQueue
    time.sleep = sleep
