"""The link to the tsbaml engine: one Node.js child process per Python process, started on first
use, shared by every call and thread, restarted if it dies, closed at exit. It speaks the NDJSON
protocol of docs/python-engine.md on the child's stdin/stdout.

A reader thread parses the engine's answers and hands each to the `Pending` of its request id;
sync callers wait on a condition, async callers are woken through their event loop.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import shutil
import subprocess
import threading
import typing

from .errors import BamlEngineError, BamlError, from_wire

PROTOCOL_VERSION = 1
MIN_NODE_MAJOR = 20
HANDSHAKE_TIMEOUT_S = 30.0

_NOTHING = object()


class Pending:
    """One request in flight: its partials (newest only) and its outcome."""

    __slots__ = ("id", "link", "cond", "partial", "done", "ok", "error", "wakers", "seq", "log")

    def __init__(self, id: int, link: "EngineLink") -> None:
        self.id = id
        self.link = link
        self.cond = threading.Condition()
        self.partial: typing.Any = _NOTHING
        self.done = False
        self.ok: typing.Any = None
        self.error: typing.Optional[typing.Dict[str, typing.Any]] = None
        self.wakers: typing.List[typing.Callable[[], None]] = []
        self.seq = 0
        self.log: typing.Any = None

    # called on the reader thread
    def _set_partial(self, value: typing.Any, log: typing.Any = None) -> None:
        with self.cond:
            self.partial = value
            if log is not None:
                self.log = log
            self.seq += 1
            self.cond.notify_all()
            wakers = list(self.wakers)
        for w in wakers:
            w()

    def _finish(self, ok: typing.Any, error: typing.Optional[typing.Dict[str, typing.Any]]) -> None:
        with self.cond:
            if self.done:
                return
            self.done, self.ok, self.error = True, ok, error
            self.cond.notify_all()
            wakers = list(self.wakers)
        for w in wakers:
            w()

    def take_partial(self) -> typing.Any:
        """The newest partial not taken yet, or _NOTHING (call with `cond` held)."""
        value, self.partial = self.partial, _NOTHING
        return value

    def wait_sync(self) -> None:
        """Blocks until a partial or the outcome is there."""
        with self.cond:
            while self.partial is _NOTHING and not self.done:
                self.cond.wait()

    async def wait_async(self) -> None:
        loop = asyncio.get_running_loop()
        event = asyncio.Event()

        def wake() -> None:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:  # the loop was closed while this request was in flight
                pass

        with self.cond:
            if self.partial is not _NOTHING or self.done:
                return
            self.wakers.append(wake)
        try:
            await event.wait()
        finally:
            with self.cond:
                self.wakers.remove(wake)

    def result(self) -> typing.Any:
        """The `ok` payload; raises the typed error (call once `done`)."""
        if self.error is not None:
            raise from_wire(self.error)
        return self.ok


def _find_engine(client_dir: typing.Optional[str]) -> typing.List[str]:
    """The command that starts the engine (without `engine --stdio`)."""
    node = os.environ.get("TSBAML_NODE") or "node"
    explicit = os.environ.get("TSBAML_ENGINE")
    candidates: typing.List[str] = []
    if explicit:
        candidates.append(explicit)
    start = client_dir or os.getcwd()
    here = os.path.abspath(start)
    while True:
        candidates.append(os.path.join(here, "node_modules", "tsbaml", "bin", "tsbaml.js"))
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    for c in candidates:
        if os.path.isfile(c):
            return [node, c] if c.endswith((".js", ".mjs")) else [c]
    on_path = shutil.which("tsbaml")
    if on_path:
        return [on_path]
    raise BamlEngineError(
        "Cannot find the tsbaml engine. Install tsbaml in the project that holds baml_client "
        "(npm install tsbaml) or set TSBAML_ENGINE to the path of tsbaml's bin/tsbaml.js."
    )


class EngineLink:
    """One running engine process and its reader thread."""

    def __init__(self, command: typing.List[str]) -> None:
        self.command = command
        self.write_lock = threading.Lock()
        self.pending: typing.Dict[int, Pending] = {}
        self.pending_lock = threading.Lock()
        self.next_id = 1
        self.loaded: typing.Set[str] = set()
        self.dead: typing.Optional[str] = None
        self.stderr_tail = b""
        try:
            self.proc = subprocess.Popen(
                command + ["engine", "--stdio"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                bufsize=0,
            )
        except FileNotFoundError as e:
            raise BamlEngineError(
                f"Cannot start the tsbaml engine: {e.filename or command[0]} was not found. "
                f"tsbaml needs Node.js >= {MIN_NODE_MAJOR} on PATH (or set TSBAML_NODE)."
            ) from None
        except OSError as e:
            raise BamlEngineError(f"Cannot start the tsbaml engine ({' '.join(command)}): {e}") from None
        self.reader = threading.Thread(target=self._read, name="tsbaml-engine-reader", daemon=True)
        self.reader.start()
        threading.Thread(target=self._read_stderr, name="tsbaml-engine-stderr", daemon=True).start()
        self._handshake()

    def _handshake(self) -> None:
        p = self.send({"op": "hello", "protocol": PROTOCOL_VERSION})
        with p.cond:
            if not p.cond.wait_for(lambda: p.done, HANDSHAKE_TIMEOUT_S):
                self.close()
                raise BamlEngineError(
                    f"The tsbaml engine did not answer within {HANDSHAKE_TIMEOUT_S:.0f} s ({' '.join(self.command)})."
                )
        try:
            hello = p.result()
        except BamlEngineError as e:
            raise BamlEngineError(f"{e.message}{self._node_hint()}") from None
        node = str(hello.get("node", "v0"))
        try:
            major = int(node.lstrip("v").split(".")[0])
        except ValueError:
            major = 0
        if major < MIN_NODE_MAJOR:
            self.close()
            raise BamlEngineError(f"tsbaml needs Node.js >= {MIN_NODE_MAJOR}; the engine runs on Node.js {node}.")
        if hello.get("protocol") != PROTOCOL_VERSION:
            self.close()
            raise BamlEngineError(
                f"The tsbaml engine speaks protocol {hello.get('protocol')}, this baml_py speaks {PROTOCOL_VERSION}: "
                "install the baml_py shipped with the same tsbaml version."
            )

    def _node_hint(self) -> str:
        try:
            out = subprocess.run(
                [self.command[0], "--version"], capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except Exception:
            return ""
        try:
            if int(out.lstrip("v").split(".")[0]) < MIN_NODE_MAJOR:
                return f" tsbaml needs Node.js >= {MIN_NODE_MAJOR}, found {out}."
        except ValueError:
            pass
        return ""

    # ---------------------------------------------------------------- sending

    def send(self, message: typing.Dict[str, typing.Any]) -> Pending:
        """Sends a request and returns its Pending (the id is assigned here)."""
        with self.pending_lock:
            if self.dead is not None:
                raise BamlEngineError(self.dead)
            id = self.next_id
            self.next_id += 1
            pending = Pending(id, self)
            self.pending[id] = pending
        message["id"] = id
        self._write(message)
        return pending

    def notify(self, message: typing.Dict[str, typing.Any]) -> None:
        """Sends a message that gets no answer (abort, ack)."""
        message.setdefault("id", 0)
        try:
            self._write(message)
        except BamlEngineError:
            pass

    def _write(self, message: typing.Dict[str, typing.Any]) -> None:
        data = (json.dumps(message, separators=(",", ":"), ensure_ascii=False) + "\n").encode("utf-8")
        try:
            with self.write_lock:
                stdin = self.proc.stdin
                assert stdin is not None
                stdin.write(data)
        except (BrokenPipeError, OSError, ValueError):
            self._die("The tsbaml engine exited")
            raise BamlEngineError(self.dead or "The tsbaml engine exited") from None

    # ---------------------------------------------------------------- receiving

    def _read(self) -> None:
        stdout = self.proc.stdout
        assert stdout is not None
        try:
            for raw in stdout:
                try:
                    msg = json.loads(raw)
                    id = msg["id"]
                except Exception:
                    self._die(f"The tsbaml engine sent a malformed message: {raw[:200]!r}")
                    self.proc.kill()
                    return
                if id is None:
                    # An error about a message the engine could not read: fail everything, it is a bug.
                    self._die(f"Engine protocol error: {msg.get('error', {}).get('message')}")
                    return
                with self.pending_lock:
                    pending = self.pending.get(id)
                if pending is None:
                    continue
                if "partial" in msg:
                    self.notify({"op": "ack", "target": id})
                    pending._set_partial(msg["partial"], msg.get("log"))
                    continue
                with self.pending_lock:
                    self.pending.pop(id, None)
                if "error" in msg:
                    pending._finish(None, msg["error"])
                else:
                    pending._finish(msg.get("ok"), None)
        except Exception:
            pass
        self._die("The tsbaml engine exited")

    def _read_stderr(self) -> None:
        stderr = self.proc.stderr
        assert stderr is not None
        for chunk in iter(lambda: stderr.read(4096), b""):
            self.stderr_tail = (self.stderr_tail + chunk)[-4000:]

    def _die(self, why: str) -> None:
        with self.pending_lock:
            if self.dead is None:
                code = self.proc.poll()
                tail = self.stderr_tail.decode("utf-8", "replace").strip()
                detail = f" (exit code {code})" if code is not None else ""
                self.dead = f"{why}{detail}." + (f" Its last output: {tail[-1000:]}" if tail else "")
            pending = list(self.pending.values())
            self.pending.clear()
        for p in pending:
            p._finish(None, {"type": "BamlProtocolError", "message": self.dead})

    def close(self) -> None:
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._die("The tsbaml engine was closed")


_link: typing.Optional[EngineLink] = None
_link_pid = 0
_link_lock = threading.Lock()


def get_link(client_dir: typing.Optional[str]) -> EngineLink:
    """The engine of this process, started (or restarted after it died, or after a fork) on demand."""
    global _link, _link_pid
    with _link_lock:
        if _link is None or _link.dead is not None or _link_pid != os.getpid():
            _link = EngineLink(_find_engine(client_dir))
            _link_pid = os.getpid()
        return _link


@atexit.register
def _close_at_exit() -> None:
    if _link is not None and _link_pid == os.getpid():
        _link.close()


def reset_for_tests() -> None:
    """Closes the engine; the next call starts a new one."""
    global _link
    with _link_lock:
        if _link is not None:
            _link.close()
        _link = None


__all__ = ["EngineLink", "Pending", "get_link", "BamlError"]
