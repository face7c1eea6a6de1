"""Drives recorded conformance cases through generated Python clients, one step at a time, for
run.ts. Reads one JSON command per line on stdin, answers one JSON line on stdout:
  {"package": "client_3", "dir": "/tmp/x", "function": "F", "args": [...], "path": "parse_stream",
   "chunks": [...], "env": {...}, "abort_after_partials": 2, "type_builder": [...] | null}
and answers with what that path observed, normalized like ../shared/conformance/normalize.ts."""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
import typing

import baml_py
from baml_py._values import dump

MESSAGE_LIMIT = 600


def norm_error(e: BaseException) -> typing.Dict[str, typing.Any]:
    message = e.message if isinstance(e, baml_py.BamlError) else str(e)
    out: typing.Dict[str, typing.Any] = {"$error": type(e).__name__, "message": message}
    if isinstance(getattr(e, "raw_output", None), str):
        out["raw_output"] = e.raw_output  # type: ignore[attr-defined]
    if isinstance(getattr(e, "status_code", None), int):
        out["status_code"] = e.status_code  # type: ignore[attr-defined]
    if len(out["message"]) > MESSAGE_LIMIT:
        out["message"] = out["message"][:MESSAGE_LIMIT] + "…"
    out["$chain"] = [c.__name__ for c in type(e).__mro__ if c not in (object, BaseException)]
    return out


def norm_value(v: typing.Any) -> typing.Any:
    return json.loads(json.dumps(dump(v, exclude_unset=True)))


def client(cmd: typing.Dict[str, typing.Any]) -> typing.Any:
    if cmd["dir"] not in sys.path:
        sys.path.insert(0, cmd["dir"])
    return importlib.import_module(cmd["package"] + ".async_client").b


def build_type_builder(package: str, ops: typing.List[typing.Dict[str, typing.Any]]) -> typing.Any:
    """The case's TypeBuilder operations (written against the TypeScript client, see
    ../shared/conformance/drive.ts) made through the Python client's API:
    addClass -> add_class, addProperty -> add_property, property(...).setType(t) ->
    property(...).type(t), literalString -> literal_string, and so on."""
    tb = importlib.import_module(package + ".type_builder").TypeBuilder()
    added: typing.Dict[str, typing.Any] = {}

    def holder(name: str) -> typing.Any:
        return added[name] if name in added else getattr(tb, name)

    def type_of(t: typing.Any) -> typing.Any:
        if isinstance(t, str):
            if t not in ("string", "int", "float", "bool", "null"):
                raise ValueError(f"type_builder: unknown type {t}")
            return getattr(tb, t)()
        if "literal" in t:
            v = t["literal"]
            if isinstance(v, bool):
                return tb.literal_bool(v)
            return tb.literal_string(v) if isinstance(v, str) else tb.literal_int(v)
        if "list" in t:
            return type_of(t["list"]).list() if t.get("via") == "type" else tb.list(type_of(t["list"]))
        if "optional" in t:
            return type_of(t["optional"]).optional()
        if "map" in t:
            return tb.map(type_of(t["map"][0]), type_of(t["map"][1]))
        if "union" in t:
            return tb.union([type_of(u) for u in t["union"]])
        if "class" in t:
            return holder(t["class"]).type()
        if "enum" in t:
            return holder(t["enum"]).type()
        raise ValueError(f"type_builder: bad type {t!r}")

    for o in ops:
        op = o["op"]
        if op in ("addClass", "addEnum"):
            added[o["name"]] = (tb.add_class if op == "addClass" else tb.add_enum)(o["name"])
        elif op == "addBaml":
            tb.add_baml("\n".join(o["baml"]) if isinstance(o["baml"], list) else o["baml"])
        elif op == "removeProperty":
            holder(o["class"]).remove_property(o["name"])
        elif op in ("addProperty", "property"):
            if op == "addProperty":
                p = holder(o["class"]).add_property(o["name"], type_of(o["type"]))
            else:
                p = holder(o["class"]).property(o["name"])
                if o.get("type") is not None:
                    p.type(type_of(o["type"]))
            if "description" in o:
                p.description(o["description"])
            if "alias" in o:
                p.alias(o["alias"])
        elif op in ("addValue", "value"):
            v = (holder(o["enum"]).add_value if op == "addValue" else holder(o["enum"]).value)(o["value"])
            if "description" in o:
                v.description(o["description"])
            if "alias" in o:
                v.alias(o["alias"])
            if "skip" in o:
                v.skip(o["skip"])
        else:
            raise ValueError(f"type_builder: unknown op {o!r}")
    return tb


async def run_path(cmd: typing.Dict[str, typing.Any]) -> typing.Any:
    b = client(cmd)
    fn = cmd["function"]
    args = cmd["args"]
    opts: typing.Dict[str, typing.Any] = {"env": cmd["env"]}
    path = cmd["path"]
    # A fresh TypeBuilder per path, as drive.ts does; what building it raises is every
    # path's observation.
    tb_error: typing.Optional[typing.Dict[str, typing.Any]] = None
    if cmd.get("type_builder") is not None:
        try:
            opts["tb"] = build_type_builder(cmd["package"], cmd["type_builder"])
        except Exception as e:  # noqa: BLE001
            tb_error = norm_error(e)
    if tb_error is not None:
        return tb_error_paths(path, tb_error, len(cmd["chunks"]))

    def sync_call(f: typing.Callable[[], typing.Any]) -> typing.Any:
        try:
            return norm_value(f())
        except Exception as e:  # noqa: BLE001 - every failure is an observation
            return norm_error(e)

    if path == "parse_stream":
        parse = getattr(b.parse_stream, fn)
        out = {"parse_stream_empty": sync_call(lambda: parse("", baml_options=opts))}
        acc, partials = "", []
        for ch in cmd["chunks"]:
            acc += ch
            text = acc
            partials.append(sync_call(lambda: parse(text, baml_options=opts)))
        out["parse_stream"] = partials
        return out
    if path == "parse":
        text = "".join(cmd["chunks"])
        return {"parse": sync_call(lambda: getattr(b.parse, fn)(text, baml_options=opts))}
    if path == "stream":
        st: typing.Dict[str, typing.Any] = {"partials": []}
        ctrl = baml_py.AbortController()
        stream = None
        try:
            stream = getattr(b.stream, fn)(*args, baml_options={**opts, "abort_controller": ctrl})
            async for p in stream:
                st["partials"].append(norm_value(p))
                if cmd.get("abort_after_partials") is not None and len(st["partials"]) == cmd["abort_after_partials"]:
                    ctrl.abort("conformance-abort")
        except Exception as e:  # noqa: BLE001
            st["error"] = norm_error(e)
        try:
            if stream is None:
                raise RuntimeError("b.stream did not return a stream")
            st["final"] = norm_value(await stream.get_final_response())
        except Exception as e:  # noqa: BLE001
            st["final"] = norm_error(e)
        return {"stream": st}
    if path == "call":
        try:
            final = norm_value(await getattr(b, fn)(*args, baml_options=opts))
        except Exception as e:  # noqa: BLE001
            final = norm_error(e)
        return {"call": {"final": final}}
    if path == "request":
        try:
            r = await getattr(b.stream_request, fn)(*args, baml_options=opts)
            return {"stream_request": {"url": r.url, "method": r.method, "body": r.body.json()}}
        except Exception as e:  # noqa: BLE001
            return {"stream_request": norm_error(e)}
    raise ValueError(f"unknown path {path}")


def tb_error_paths(path: str, error: typing.Dict[str, typing.Any], chunks: int) -> typing.Any:
    if path == "parse_stream":
        return {"parse_stream_empty": error, "parse_stream": [error] * chunks}
    if path == "parse":
        return {"parse": error}
    if path == "stream":
        return {"stream": {"partials": [], "error": error, "final": error}}
    if path == "call":
        return {"call": {"final": error}}
    return {"stream_request": error}


async def main() -> None:
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        cmd = json.loads(line)
        try:
            out = await asyncio.wait_for(run_path(cmd), 30)
        except Exception as e:  # noqa: BLE001
            out = {"$driver_error": repr(e)}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


asyncio.run(main())
