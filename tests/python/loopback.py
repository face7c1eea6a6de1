"""A loopback OpenAI-compatible server for the tests: answers /v1/chat/completions (streamed or
not) from a script, records every request body, and notes when a client closed a stream early."""

from __future__ import annotations

import json
import threading
import time
import typing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Script:
    def __init__(self, chunks: typing.List[str], delay_s: float = 0.0, status: int = 200) -> None:
        self.chunks = chunks
        self.delay_s = delay_s
        self.status = status


class LoopbackLlm:
    def __init__(self) -> None:
        self.script = Script(["{}"])
        self.requests: typing.List[typing.Dict[str, typing.Any]] = []
        self.closed_early = threading.Event()
        self.finished = threading.Event()
        llm = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: typing.Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                llm.requests.append(body)
                script = llm.script
                if script.status != 200:
                    data = json.dumps({"error": {"message": "scripted failure"}}).encode()
                    self.send_response(script.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                if not body.get("stream"):
                    text = "".join(script.chunks)
                    data = json.dumps(
                        {
                            "id": "x",
                            "object": "chat.completion",
                            "model": body.get("model"),
                            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
                        }
                    ).encode()
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("connection", "close")
                self.end_headers()
                try:
                    for chunk in script.chunks:
                        event = {"id": "x", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": chunk}, "finish_reason": None}]}
                        self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                        self.wfile.flush()
                        if script.delay_s:
                            time.sleep(script.delay_s)
                    end = {"id": "x", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                    self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    llm.closed_early.set()
                finally:
                    llm.finished.set()
                    self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def set(self, chunks: typing.List[str], delay_s: float = 0.0, status: int = 200) -> None:
        self.script = Script(chunks, delay_s, status)
        self.closed_early.clear()
        self.finished.clear()

    def close(self) -> None:
        self.server.shutdown()
