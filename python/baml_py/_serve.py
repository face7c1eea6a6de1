"""Calls and streams through a running `tsbaml serve` instead of a child engine: set
TSBAML_SERVE_URL (e.g. http://baml.internal:2024) and optionally TSBAML_SERVE_PASSWORD. The server
holds no state between requests, so any number of replicas can sit behind a load balancer.

A ServeLink offers the EngineLink interface (`send` returns a Pending, `notify` handles abort) and
answers in the engine protocol's shapes, so the rest of baml_py does not know the difference.
Only `call` and `stream` go over HTTP; parsing and request building still use the local engine.
Tags and, when collectors are given, `collect` travel in `__baml_options__` (tsbaml serve's own
fields); the call's log comes back with the answer and feeds the collectors.
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import threading
import typing
import urllib.parse

from ._engine import Pending

# tsbaml serve's error kinds (docs/serve.md) → BAML error classes.
_KINDS = {
    "validation_failure": "BamlValidationError",
    "finish_reason_error": "BamlClientFinishReasonError",
    "client_http_error": "BamlClientHttpError",
    "client_error": "BamlClientError",
    "invalid_argument": "BamlInvalidArgumentError",
    "function_not_found": "BamlInvalidArgumentError",
}


def _wire_error(body: typing.Any, status: int) -> typing.Dict[str, typing.Any]:
    if not isinstance(body, dict):
        return {"type": "BamlError", "message": f"tsbaml serve answered {status}: {str(body)[:500]}"}
    out = dict(body)
    out.pop("log", None)  # the call's log (asked with `collect`) goes to the collectors instead
    out["type"] = _KINDS.get(str(body.get("error")), "BamlError")
    out["message"] = str(body.get("message", f"tsbaml serve answered {status}"))
    return out


class ServeLink:
    def __init__(self, url: str, password: typing.Optional[str]) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError(f"TSBAML_SERVE_URL must be an http(s) URL, got {url!r}")
        self.parsed = parsed
        self.password = password
        self.dead: typing.Optional[str] = None
        self._lock = threading.Lock()
        self._next = 1
        self._open: typing.Dict[int, typing.Any] = {}  # id → the request's socket
        self._cancelled: typing.Set[int] = set()

    def _connection(self) -> http.client.HTTPConnection:
        cls = http.client.HTTPSConnection if self.parsed.scheme == "https" else http.client.HTTPConnection
        return cls(self.parsed.hostname or "", self.parsed.port, timeout=600)

    def send(self, message: typing.Dict[str, typing.Any]) -> Pending:
        with self._lock:
            id = self._next
            self._next += 1
        pending = Pending(id, typing.cast(typing.Any, self))
        threading.Thread(target=self._run, args=(pending, message), daemon=True, name="tsbaml-serve").start()
        return pending

    def notify(self, message: typing.Dict[str, typing.Any]) -> None:
        if message.get("op") == "abort":
            with self._lock:
                self._cancelled.add(int(message["target"]))
                sock = self._open.pop(int(message["target"]), None)
            if sock is not None:
                # Wakes the thread blocked reading the response; the server then sees the
                # client go away and aborts the LLM request.
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def _run(self, pending: Pending, message: typing.Dict[str, typing.Any]) -> None:
        op = message["op"]
        options = message.get("options") or {}
        body: typing.Dict[str, typing.Any] = dict(message.get("args") or {})
        baml_options: typing.Dict[str, typing.Any] = {}
        if options.get("client_registry") or options.get("client"):
            registry = dict(options.get("client_registry") or {"clients": []})
            if options.get("client"):
                registry["primary"] = options["client"]
            baml_options["client_registry"] = registry
        if options.get("env_overrides"):
            baml_options["env"] = options["env_overrides"]
        # tsbaml serve's own options: the call's tags, and its log back for the collectors.
        if options.get("tags"):
            baml_options["tags"] = options["tags"]
        collect = bool(options.get("collectors"))
        if collect:
            baml_options["collect"] = True
            if options.get("tick"):  # on_tick: the log so far before each partial
                baml_options["tick"] = True
        if baml_options:
            body["__baml_options__"] = baml_options
        path = f"{self.parsed.path.rstrip('/')}/{'call' if op == 'call' else 'stream'}/{urllib.parse.quote(message['fn'])}"
        if op == "stream":
            path += "?protocol=events"
        headers = {"content-type": "application/json"}
        if self.password:
            headers["authorization"] = "Basic " + base64.b64encode(f"baml:{self.password}".encode()).decode()
        conn = self._connection()
        aborted = {"type": "BamlAbortError", "message": "Operation was aborted", "iterator_error": None}
        try:
            conn.connect()
            with self._lock:
                if pending.id in self._cancelled:
                    raise OSError("aborted before the request was sent")
                self._open[pending.id] = conn.sock
            conn.request("POST", path, body=json.dumps(body).encode("utf-8"), headers=headers)
            resp = conn.getresponse()
            if op == "call" or not resp.headers.get("content-type", "").startswith("text/event-stream"):
                raw = resp.read()
                try:
                    data = json.loads(raw)
                except ValueError:
                    data = raw.decode("utf-8", "replace")
                if resp.status == 200:
                    if collect and op == "call" and isinstance(data, dict):
                        pending._finish({"value": data.get("value"), **_logs(data)}, None)
                    else:
                        pending._finish({"value": data}, None)
                else:
                    err = _wire_error(data, resp.status)
                    err["iterator_error"] = dict(err)
                    pending._finish(None, {**err, **_logs(data)})
                return
            self._read_events(pending, resp)
        except (OSError, http.client.HTTPException, ValueError) as e:
            if self._aborted(pending):
                pending._finish(None, aborted)
            else:
                pending._finish(None, {"type": "BamlEngineError", "message": f"tsbaml serve at {self.parsed.geturl()}: {e}"})
        finally:
            with self._lock:
                self._open.pop(pending.id, None)
                self._cancelled.discard(pending.id)
            conn.close()

    def _read_events(self, pending: Pending, resp: http.client.HTTPResponse) -> None:
        event: str = "message"
        data: typing.List[str] = []
        logs: typing.Dict[str, typing.Any] = {}  # the `log` event, sent before final / error
        tick: typing.Any = None  # with `tick`, a `log` event also comes before each partial
        for raw in resp:
            line = raw.decode("utf-8").rstrip("\r\n")
            if line == "":
                if data:
                    payload = json.loads("\n".join(data))
                    if event == "partial":
                        pending._set_partial(payload, tick)
                        tick = None
                    elif event == "log":
                        logs = _logs({"log": payload})
                        tick = payload
                    elif event == "final":
                        pending._finish({"value": payload, **logs}, None)
                        return
                    elif event == "error":
                        err = _wire_error(payload, int(payload.get("status", 500)))
                        err["iterator_error"] = dict(err)
                        pending._finish(None, {**err, **logs})
                        return
                event, data = "message", []
            elif line.startswith(":"):
                continue
            elif line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip())
        if self._aborted(pending):
            pending._finish(None, {"type": "BamlAbortError", "message": "Operation was aborted", "iterator_error": None})
        else:
            pending._finish(None, {"type": "BamlEngineError", "message": "tsbaml serve closed the stream before its end", "iterator_error": None})

    def _aborted(self, pending: Pending) -> bool:
        with self._lock:
            return pending.id in self._cancelled


def _logs(body: typing.Any) -> typing.Dict[str, typing.Any]:
    """`{"logs": [log]}` from an answer carrying the call's `log` (asked with `collect`), else {}."""
    log = body.get("log") if isinstance(body, dict) else None
    return {"logs": [log]} if isinstance(log, dict) else {}


_links: typing.Dict[str, ServeLink] = {}
_links_lock = threading.Lock()


def serve_link(url: str, password: typing.Optional[str]) -> ServeLink:
    """The ServeLink for `url` (one per URL and process)."""
    with _links_lock:
        link = _links.get(url)
        if link is None or link.password != password:
            link = _links[url] = ServeLink(url, password)
        return link
