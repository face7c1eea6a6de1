"""The same client against a running `tsbaml serve` (TSBAML_SERVE_URL) instead of a child engine."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import time
import typing
import urllib.request

import pytest

from conftest import TSBAML
from conftest import as_dict
from loopback import LoopbackLlm
from test_client import RESUME, TEXT, chunks


@pytest.fixture()
def serve(client_dir: str, llm: LoopbackLlm) -> typing.Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        ["node", TSBAML, "serve", "--from", "baml_src", "--port", str(port), "--host", "127.0.0.1"],
        cwd=client_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/_debug/ping", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        os.environ["TSBAML_SERVE_URL"] = url
        yield url
    finally:
        os.environ.pop("TSBAML_SERVE_URL", None)
        proc.terminate()
        proc.wait(10)


def test_calls_and_streams_go_through_serve(serve: str, llm: LoopbackLlm) -> None:
    from baml_client import b, stream_types, types
    from baml_client.async_client import b as ab
    from baml_py import BamlValidationError

    llm.set(chunks(TEXT))
    n = len(llm.requests)
    assert as_dict(b.ExtractResume("x")) == RESUME
    assert len(llm.requests) == n + 1

    async def stream() -> typing.Tuple[typing.List[stream_types.Resume], types.Resume]:
        s = ab.stream.ExtractResume("x")
        seen = [p async for p in s]
        return seen, await s.get_final_response()

    llm.set(chunks(TEXT), delay_s=0.03)
    seen, final = asyncio.run(stream())
    assert seen and all(isinstance(p, stream_types.Resume) for p in seen)
    assert as_dict(final) == RESUME

    llm.set(["no json here"])
    with pytest.raises(BamlValidationError) as info:
        b.ExtractResume("x")
    assert info.value.raw_output == "no json here"


def test_abort_through_serve(serve: str, llm: LoopbackLlm) -> None:
    from baml_client import b
    from baml_py import AbortController, BamlAbortError

    llm.set(chunks(TEXT * 50, 5), delay_s=0.01)
    controller = AbortController()
    stream = b.stream.ExtractResume("x", baml_options={"abort_controller": controller})
    for i, _ in enumerate(stream):
        if i == 1:
            controller.abort()
    with pytest.raises(BamlAbortError):
        stream.get_final_response()
    assert llm.closed_early.wait(5), "the server did not close the provider request"


def test_serve_env_overrides_reach_the_server(serve: str, llm: LoopbackLlm) -> None:
    from baml_client import b
    from baml_py.errors import BamlError

    # The server's own LOOPBACK_BASE_URL is replaced for this call only: it then fails to connect.
    with pytest.raises(BamlError):
        b.ExtractResume("x", baml_options={"env": {"LOOPBACK_BASE_URL": "http://127.0.0.1:9/v1"}})
    llm.set(chunks(TEXT))
    assert b.ExtractResume("x").name == json.loads(TEXT)["name"]


def test_a_type_builder_is_refused_rather_than_dropped(serve: str, llm: LoopbackLlm) -> None:
    from baml_client import b
    from baml_client.async_client import b as ab
    from baml_client.type_builder import TypeBuilder
    from baml_py.errors import BamlInvalidArgumentError

    tb = TypeBuilder()
    tb.Pet.add_property("legs", tb.int())
    tb.add_baml("dynamic class Pet {\n  tricks string[]\n}")  # read on the local engine
    assert [n for n, _ in tb.Pet.list_properties()] == ["name", "legs", "tricks"]
    n = len(llm.requests)
    with pytest.raises(BamlInvalidArgumentError, match="TSBAML_SERVE_URL"):
        b.DescribePet("a dog", baml_options={"tb": tb})
    with pytest.raises(BamlInvalidArgumentError, match="TypeBuilder"):
        ab.stream.DescribePet("a dog", baml_options={"tb": tb})
    assert len(llm.requests) == n  # nothing reached the server or the provider
    # Parsing runs on the local engine, where the builder applies.
    assert b.parse.DescribePet('{"name": "Rex", "legs": 4, "tricks": []}', baml_options={"tb": tb}).name == "Rex"


def test_tags_and_collectors_through_serve(serve: str, llm: LoopbackLlm) -> None:
    from baml_client import b
    from baml_client.async_client import b as ab
    from baml_py import BamlValidationError, Collector

    first, second = Collector("a"), Collector("b")
    llm.set(chunks(TEXT))
    out = b.ExtractResume("x", baml_options={"tags": {"user": "u1"}, "collector": [first, second]})
    assert as_dict(out) == RESUME
    log = first.last
    assert log is not None and second.last is not None and second.last.id == log.id
    assert log.function_name == "ExtractResume" and log.log_type == "call" and log.tags == {"user": "u1"}
    assert log.usage.input_tokens == 10 and log.raw_llm_response == TEXT
    # The provider request in the log has no API key (the server's secrets stay there).
    assert "sk-test" not in json.dumps(vars(log.calls[0].http_request.headers))

    async def stream() -> typing.Any:
        s = ab.stream.ExtractResume("x", baml_options={"collector": first, "tags": {"run": "2"}})
        _ = [p async for p in s]
        return await s.get_final_response()

    llm.set(chunks(TEXT), delay_s=0.01)
    assert as_dict(asyncio.run(stream())) == RESUME
    log = first.last
    assert log is not None and log.log_type == "stream" and log.tags == {"run": "2"} and log.raw_llm_response == TEXT
    assert len(first.logs) == 2 and len(second.logs) == 1

    # A failed call is logged too, with what the LLM said.
    llm.set(["no json here"])
    with pytest.raises(BamlValidationError):
        b.ExtractResume("x", baml_options={"collector": first})
    assert len(first.logs) == 3 and first.last is not None and first.last.raw_llm_response == "no json here"
    # Without a collector nothing is asked for: the plain value comes back.
    llm.set(chunks(TEXT))
    assert as_dict(b.ExtractResume("x", baml_options={"tags": {"user": "u2"}})) == RESUME


def test_on_tick_through_serve(serve: str, llm: LoopbackLlm) -> None:
    from baml_client.async_client import b

    ticks: typing.List[typing.Any] = []
    llm.set(chunks(TEXT), delay_s=0.03)
    out = asyncio.run(b.ExtractResume("x", baml_options={"on_tick": lambda reason, log: ticks.append((reason, log))}))
    assert as_dict(out) == RESUME
    assert ticks and all(reason == "Unknown" for reason, _ in ticks)
    assert all(log.function_name == "ExtractResume" and log.log_type == "stream" for _, log in ticks)
    assert len({log.id for _, log in ticks}) == 1  # the one call's log, so far, at each partial
    assert all(isinstance(log.timing.start_time_utc_ms, int) for _, log in ticks)
