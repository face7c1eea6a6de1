"""BAML's Python examples, as written, against a loopback OpenAI-compatible server."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import typing
import urllib.request

import pydantic
import pytest

from conftest import as_dict
from loopback import LoopbackLlm

RESUME = {"name": "Vaibhav Gupta", "email": "vbv@boundaryml.com", "experience": ["Founder at BoundaryML"], "skills": ["Rust", "C++"]}
TEXT = json.dumps(RESUME)


def chunks(text: str, size: int = 7) -> typing.List[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def test_async_stream_then_final_response(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import partial_types, stream_types, types
    from baml_client.async_client import b

    llm.set(chunks(TEXT), delay_s=0.03)

    async def main() -> typing.Tuple[typing.List[stream_types.Resume], types.Resume]:
        stream = b.stream.ExtractResume("Vaibhav Gupta ...")
        seen = []
        async for partial in stream:
            seen.append(partial)
        final = await stream.get_final_response()
        return seen, final

    seen, final = asyncio.run(main())
    assert partial_types is stream_types
    assert isinstance(final, types.Resume)
    assert as_dict(final) == RESUME
    assert all(isinstance(p, stream_types.Resume) for p in seen)
    assert len(seen) >= 2 and seen[-1].skills == ["Rust", "C++"]
    names = [p.name for p in seen]
    assert names[0] != names[-1]  # the name grew while streaming
    assert llm.requests[-1]["stream"] is True


def test_sync_client_call_and_stream(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import b, types  # default_client_mode sync

    llm.set(chunks(TEXT))
    resume = b.ExtractResume("Vaibhav Gupta ...")
    assert isinstance(resume, types.Resume) and resume.email == "vbv@boundaryml.com"
    stream = b.stream.ExtractResume("Vaibhav Gupta ...")
    partials = [p for p in stream]
    assert partials and partials[-1].name == "Vaibhav Gupta"
    assert stream.get_final_response() == resume


def test_client_option_and_tags(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import b
    from baml_py import ClientRegistry, Collector

    # "provider/model" shorthand: the request goes to OpenAI with that model (built, not sent).
    req = b.request.ExtractResume("x", baml_options={"client": "openai/gpt-4o-mini", "tags": {"user": "u1"}})
    assert req.url == "https://api.openai.com/v1/chat/completions"
    assert req.body.json()["model"] == "gpt-4o-mini"
    # The same option sent to the loopback server through a registered client of that name.
    llm.set(chunks(TEXT))
    cr = ClientRegistry()
    cr.add_llm_client("openai/gpt-4o-mini", "openai", {"model": "gpt-4o-mini", "base_url": llm.base_url, "api_key": "k"})
    collector = Collector(name="c")
    out = b.ExtractResume(
        "x", baml_options={"client": "openai/gpt-4o-mini", "client_registry": cr, "tags": {"user": "u1"}, "collector": collector}
    )
    assert out.name == "Vaibhav Gupta"
    assert llm.requests[-1]["model"] == "gpt-4o-mini"
    log = collector.last
    assert log is not None and log.tags == {"user": "u1"} and log.function_name == "ExtractResume"
    assert log.usage.input_tokens == 10


def test_validation_error_carries_raw_output(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import b
    from baml_py import BamlValidationError
    from baml_py.errors import BamlValidationError as FromErrors

    assert BamlValidationError is FromErrors
    llm.set(["I cannot help with that."])
    with pytest.raises(BamlValidationError) as info:
        b.ExtractResume("x")
    assert info.value.raw_output == "I cannot help with that."
    assert "Extract from this content" in info.value.prompt
    assert info.value.message


def test_http_error_status(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import b
    from baml_py.errors import BamlClientHttpError

    llm.set([], status=429)
    with pytest.raises(BamlClientHttpError) as info:
        b.ExtractResume("x")
    assert info.value.status_code == 429


def test_abort_stops_stream_and_upstream_request(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client.async_client import b
    from baml_py import AbortController, BamlAbortError

    llm.set(chunks(TEXT * 50, 5), delay_s=0.01)  # several seconds if read to the end
    controller = AbortController()

    async def main() -> int:
        stream = b.stream.ExtractResume("x", baml_options={"abort_controller": controller})
        n = 0
        async for _ in stream:
            n += 1
            if n == 2:
                controller.abort()
        with pytest.raises(BamlAbortError):
            await stream.get_final_response()
        return n

    n = asyncio.run(main())
    assert n >= 2
    assert llm.closed_early.wait(5), "the provider request was not closed"
    # A controller that is already aborted fails the call before it starts.
    with pytest.raises(BamlAbortError):
        asyncio.run(b.ExtractResume("x", baml_options={"abort_controller": controller}))


def test_stream_request_with_another_http_client(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import b, stream_types, types

    llm.set(chunks(TEXT))
    req = b.stream_request.ExtractResume("Vaibhav")
    assert req.method == "POST" and req.body.json()["stream"] is True
    http = urllib.request.Request(req.url, data=req.body.raw(), headers=req.headers, method=req.method)
    text = ""
    partials = []
    with urllib.request.urlopen(http) as resp:
        for line in resp:
            line = line.decode().strip()
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            delta = json.loads(line[6:])["choices"][0]["delta"].get("content")
            if delta:
                text += delta
                partials.append(b.parse_stream.ExtractResume(text))
    assert isinstance(partials[0], stream_types.Resume)
    final = b.parse.ExtractResume(text)
    assert isinstance(final, types.Resume) and as_dict(final) == RESUME


def test_types_enums_literals_checks_and_media(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import b, stream_types, types
    from baml_py import Image

    answer = {"sentiment": "bad", "stars": 4, "mood": "happy", "summary": "ok", "tags": ["a"], "author": {"name": "Ann"}, "extra": {"k": 1}}
    review = b.parse.Classify(json.dumps(answer))
    assert review.sentiment is types.Sentiment.NEGATIVE
    assert review.stars.value == 4 and types.all_succeeded(review.stars.checks)
    assert review.stars.checks["in_range"].expression
    partial = b.parse_stream.Classify('{"author": {"name": "A"}, "sentiment": "bad", "stars": 4, "summary": "o')
    assert isinstance(partial.summary, stream_types.StreamState)
    assert partial.summary.state == "Incomplete" and partial.summary.value == "o"
    items = b.parse.PickItem('[{"text": "hi"}]')
    assert isinstance(items[0], types.Note)
    req = b.request.Describe(Image.from_url("https://example.com/cat.png"), "a cat")
    content = req.body.json()["messages"][0]["content"]
    assert {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}} in content
    req = b.request.Classify("t", types.Sentiment.POSITIVE, [Image.from_base64("image/png", "iVBOR")])
    assert "POSITIVE" in json.dumps(req.body.json())


def test_threads_share_one_engine(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import b
    from baml_py import _engine

    results: typing.List[str] = []

    def work() -> None:
        for _ in range(20):
            results.append(b.parse.ExtractResume(TEXT).name)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["Vaibhav Gupta"] * 80
    assert _engine._link is not None


def test_engine_exit_mid_stream_raises_and_restarts(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import b
    from baml_py import BamlEngineError, _engine

    llm.set(chunks(TEXT * 50, 5), delay_s=0.01)
    stream = b.stream.ExtractResume("x")
    it = iter(stream)
    next(it)
    link = _engine._link
    assert link is not None
    link.proc.kill()
    with pytest.raises(BamlEngineError, match="engine exited"):
        for _ in it:
            pass
        stream.get_final_response()
    # The next call starts a new engine.
    assert b.parse.ExtractResume(TEXT).name == "Vaibhav Gupta"
    assert _engine._link is not link


def test_malformed_message_is_a_clear_error(client_dir: str) -> None:
    from baml_client import b
    from baml_py import BamlEngineError, _engine

    b.parse.ExtractResume(TEXT)
    link = _engine._link
    assert link is not None
    pending = link.send({"op": "parse"})  # no runtime, no text
    with pending.cond:
        pending.cond.wait_for(lambda: pending.done, 10)
    with pytest.raises(BamlEngineError):
        pending.result()
    link.proc.stdin.write(b"this is not json\n")  # the engine answers with a protocol error
    with pytest.raises(BamlEngineError, match="protocol"):
        for _ in range(100):
            b.parse.ExtractResume(TEXT)
    assert b.parse.ExtractResume(TEXT).name == "Vaibhav Gupta"  # restarted


def test_missing_node_is_a_clear_error(client_dir: str, tmp_path: typing.Any) -> None:
    code = (
        "import sys; sys.path[:0] = [%r, %r]\n"
        "from baml_client import b\n"
        "from baml_py import BamlEngineError\n"
        "try:\n    b.parse.ExtractResume('{}')\nexcept BamlEngineError as e:\n    print('ERR', e)\n"
    ) % (os.path.join(os.path.dirname(__file__), "..", "..", "python"), client_dir)
    env = dict(os.environ, TSBAML_NODE=str(tmp_path / "no-such-node"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "ERR" in out.stdout and "Node.js" in out.stdout, out.stdout + out.stderr
    old = tmp_path / "node"
    old.write_text("#!/bin/sh\necho 'SyntaxError: Unexpected token' >&2\nexit 1\n")
    old.chmod(0o755)
    env = dict(os.environ, TSBAML_NODE=str(old))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "ERR" in out.stdout and "exited" in out.stdout, out.stdout + out.stderr


def test_generated_client_type_checks_with_mypy_strict(client_dir: str) -> None:
    from mypy import api

    root = os.path.join(os.path.dirname(__file__), "..", "..")
    env_path = os.environ.get("MYPYPATH")
    os.environ["MYPYPATH"] = os.path.join(root, "python")
    try:
        targets = [os.path.join(client_dir, "baml_client")]
        # baml_py runs on pydantic 1 and 2 but branches on the version at run time; its types
        # are checked against pydantic 2 (under pydantic 1 the generated /v1 client is checked).
        if pydantic.VERSION.startswith("2"):
            targets.append(os.path.join(root, "python", "baml_py"))
        out, err, status = api.run(["--strict", "--no-incremental", *targets])
    finally:
        if env_path is None:
            os.environ.pop("MYPYPATH", None)
        else:
            os.environ["MYPYPATH"] = env_path
    assert status == 0, out + err


def test_a_stream_left_behind_by_a_closed_event_loop_does_not_break_the_link(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import b as sync_b
    from baml_client.async_client import b
    from baml_py import _engine

    llm.set(chunks(TEXT * 20, 5), delay_s=0.005)

    async def leave_early() -> None:
        stream = b.stream.ExtractResume("x")
        async for _ in stream:
            break  # the loop closes while the engine still streams

    asyncio.run(leave_early())
    link = _engine._link
    llm.finished.wait(10)
    assert sync_b.parse.ExtractResume(TEXT).name == "Vaibhav Gupta"
    assert _engine._link is link  # still the same engine


def test_on_tick_gets_the_call_log_while_streaming(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import b as sync_b
    from baml_client.async_client import b

    ticks: typing.List[typing.Tuple[str, typing.Any]] = []
    llm.set(chunks(TEXT), delay_s=0.03)
    out = asyncio.run(b.ExtractResume("x", baml_options={"on_tick": lambda reason, log: ticks.append((reason, log))}))
    assert out.name == "Vaibhav Gupta"
    assert ticks and all(reason == "Unknown" for reason, _ in ticks)
    assert ticks[-1][1].function_name == "ExtractResume"
    with pytest.raises(ValueError, match="on_tick is not supported for sync streams"):
        sync_b.stream.ExtractResume("x", baml_options={"on_tick": lambda reason, log: None})
