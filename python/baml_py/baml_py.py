"""The objects BAML's native module (`baml_py.baml_py`) provides, in pure Python: AbortController,
ClientRegistry, Collector and its logs, HTTPRequest, and the TypeBuilder handles."""

from __future__ import annotations

import json
import re
import threading
import typing

from .errors import BamlAbortError
from .type_builder import (
    ClassBuilder,
    ClassPropertyBuilder,
    EnumBuilder,
    EnumValueBuilder,
    FieldType,
    TypeBuilder,
)

if typing.TYPE_CHECKING:
    from ._engine import EngineLink


class AbortController:
    """Cancels the calls it is passed to (`baml_options={"abort_controller": c}`): the engine closes
    the provider's HTTP request, streams stop, and the call raises BamlAbortError."""

    def __init__(self, timeout_ms: typing.Optional[int] = None) -> None:
        self._aborted = False
        self._reason: typing.Any = None
        self._lock = threading.Lock()
        self._targets: typing.Set[typing.Tuple["EngineLink", int]] = set()
        self._timer: typing.Optional[threading.Timer] = None
        if timeout_ms is not None:
            self._timer = threading.Timer(timeout_ms / 1000, self.abort, args=("timeout",))
            self._timer.daemon = True
            self._timer.start()

    @property
    def aborted(self) -> bool:
        return self._aborted

    @property
    def reason(self) -> typing.Any:
        return self._reason

    def abort(self, reason: typing.Any = None) -> None:
        with self._lock:
            if self._aborted:
                return
            self._aborted = True
            self._reason = reason
            targets = list(self._targets)
            self._targets.clear()
        for link, id in targets:
            link.notify({"op": "abort", "target": id, "reason": "aborted" if reason is None else str(reason)})

    def _watch(self, link: "EngineLink", id: int) -> None:
        with self._lock:
            if not self._aborted:
                self._targets.add((link, id))
                return
        link.notify({"op": "abort", "target": id, "reason": str(self._reason or "aborted")})

    def _unwatch(self, link: "EngineLink", id: int) -> None:
        with self._lock:
            self._targets.discard((link, id))


class ClientRegistry:
    """Clients added at run time; `set_primary` makes one of them replace every function's client."""

    def __init__(self) -> None:
        self._clients: typing.Dict[str, typing.Dict[str, typing.Any]] = {}
        self._primary: typing.Optional[str] = None

    def add_llm_client(
        self,
        name: str,
        provider: str,
        options: typing.Dict[str, typing.Any],
        retry_policy: typing.Optional[str] = None,
    ) -> None:
        entry: typing.Dict[str, typing.Any] = {"name": name, "provider": provider, "options": dict(options)}
        if retry_policy is not None:
            entry["retry_policy"] = retry_policy
        self._clients[name] = entry

    def set_primary(self, name: str) -> None:
        self._primary = name

    def _to_wire(self) -> typing.Dict[str, typing.Any]:
        out: typing.Dict[str, typing.Any] = {"clients": list(self._clients.values())}
        if self._primary is not None:
            out["primary"] = self._primary
        return out


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class _LogObject:
    """A log record from the engine, with snake_case attributes (`usage.input_tokens`)."""

    def __init__(self, data: typing.Mapping[str, typing.Any]) -> None:
        for k, v in data.items():
            setattr(self, _snake(k), _wrap(v))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({vars(self)!r})"


def _wrap(v: typing.Any) -> typing.Any:
    if isinstance(v, dict):
        return _LogObject(v)
    if isinstance(v, list):
        return [_wrap(x) for x in v]
    return v


class Usage(_LogObject):
    input_tokens: typing.Optional[int]
    output_tokens: typing.Optional[int]
    cached_input_tokens: typing.Optional[int]


class Timing(_LogObject):
    start_time_utc_ms: int
    duration_ms: typing.Optional[int]


class FunctionLog(_LogObject):
    """One call of a BAML function: timing, usage, the LLM calls, the raw response, tags."""

    id: str
    function_name: str
    log_type: str
    timing: Timing
    usage: Usage
    calls: typing.List[typing.Any]
    raw_llm_response: typing.Optional[str]
    tags: typing.Dict[str, str]

    def __init__(self, data: typing.Mapping[str, typing.Any]) -> None:
        super().__init__(data)
        self.tags = dict(data.get("tags") or {})


class Collector:
    """Records a FunctionLog for every call it is passed to (`baml_options={"collector": c}`)."""

    def __init__(self, name: typing.Optional[str] = None) -> None:
        self.name = name or "collector"
        self._logs: typing.List[FunctionLog] = []
        self._lock = threading.Lock()

    @property
    def logs(self) -> typing.List[FunctionLog]:
        with self._lock:
            return list(self._logs)

    @property
    def last(self) -> typing.Optional[FunctionLog]:
        with self._lock:
            return self._logs[-1] if self._logs else None

    def id(self, id: str) -> typing.Optional[FunctionLog]:
        return next((log for log in self.logs if log.id == id), None)

    def clear(self) -> int:
        with self._lock:
            n = len(self._logs)
            self._logs.clear()
            return n

    @property
    def usage(self) -> Usage:
        total: typing.Dict[str, typing.Optional[int]] = {
            "inputTokens": None,
            "outputTokens": None,
            "cachedInputTokens": None,
        }
        for log in self.logs:
            for key, attr in (("inputTokens", "input_tokens"), ("outputTokens", "output_tokens"), ("cachedInputTokens", "cached_input_tokens")):
                v = getattr(log.usage, attr, None)
                if v is not None:
                    total[key] = (total[key] or 0) + v
        return Usage(total)

    def _add(self, log: typing.Mapping[str, typing.Any]) -> None:
        with self._lock:
            self._logs.append(FunctionLog(log))


class HTTPRequestBody:
    def __init__(self, text: str) -> None:
        self._text = text

    def text(self) -> str:
        return self._text

    def json(self) -> typing.Any:
        return json.loads(self._text)

    def raw(self) -> bytes:
        return self._text.encode("utf-8")


class HTTPRequest:
    """The provider request `b.request.Fn` / `b.stream_request.Fn` build (not sent)."""

    def __init__(self, data: typing.Mapping[str, typing.Any]) -> None:
        self.id: str = str(data.get("id", ""))
        self.url: str = data["url"]
        self.method: str = data["method"]
        self.headers: typing.Dict[str, str] = dict(data.get("headers") or {})
        self.body = HTTPRequestBody(data.get("body") or "")

    def __repr__(self) -> str:
        return f"HTTPRequest(method={self.method!r}, url={self.url!r})"


class RuntimeContextManager:
    """Per-call context (tags set with `set_tags`)."""

    def __init__(self, tags: typing.Optional[typing.Dict[str, str]] = None) -> None:
        self.tags = dict(tags or {})


FunctionResult = typing.Any
FunctionResultStream = typing.Any
SyncFunctionResultStream = typing.Any

__all__ = [
    "AbortController",
    "BamlAbortError",
    "ClassBuilder",
    "ClassPropertyBuilder",
    "ClientRegistry",
    "Collector",
    "EnumBuilder",
    "EnumValueBuilder",
    "FieldType",
    "FunctionLog",
    "HTTPRequest",
    "RuntimeContextManager",
    "TypeBuilder",
]
