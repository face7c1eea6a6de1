"""Python half of bench/python-link.ts: streams bench_client's Items through the async client
and times small b.parse calls. Prints one JSON object."""

import asyncio
import json
import sys
import time

sys.path.insert(0, sys.argv[1])
RUNS = int(sys.argv[2])

from bench_client.async_client import b  # noqa: E402

t0 = time.perf_counter()
b.parse.Text("warm up")
startup_ms = (time.perf_counter() - t0) * 1000


async def stream_once() -> int:
    stream = b.stream.Items("x")
    n = 0
    async for _ in stream:
        n += 1
    final = await stream.get_final_response()
    assert len(final) > 100
    return n


times = []
partials = 0
for _ in range(RUNS):
    started = time.perf_counter()
    partials = asyncio.run(stream_once())
    times.append((time.perf_counter() - started) * 1000)

small = '[{"id": 1, "name": "a", "tags": ["x"], "price": 1.5}]'
for _ in range(200):
    b.parse.Items(small)
N = 2000
started = time.perf_counter()
for _ in range(N):
    b.parse.Items(small)
parse_us = (time.perf_counter() - started) / N * 1e6

print(json.dumps({"stream_ms": times, "partials": partials, "parse_us": parse_us, "startup_ms": startup_ms}))
