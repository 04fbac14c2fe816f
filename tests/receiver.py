"""A webhook receiver on 127.0.0.1 for tests: records each delivery, answers from a script, and
verifies signatures with `standardwebhooks` (the specification's reference library)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook


@dataclass
class Delivery:
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.body)

    def verified_with(self, secret: str) -> dict[str, Any]:
        """The payload, after `standardwebhooks` verified its signature with `secret` (raises if not)."""
        return Webhook(secret).verify(self.body, self.headers)


@dataclass
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering


class Receiver:
    """`script` answers the deliveries in turn; once used up, every delivery gets `then`."""

    def __init__(self, script: list[Answer] | None = None, then: Answer | None = None) -> None:
        self.script = list(script or [])
        self.then = then or Answer()
        self.deliveries: list[Delivery] = []
        self.in_flight = 0
        self.most_in_flight = 0  # the most deliveries this receiver was answering at once
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.deliveries.append(Delivery(dict(self.headers.items()), body, time.time()))
                    answer = receiver.script.pop(0) if receiver.script else receiver.then
                    receiver.in_flight += 1
                    receiver.most_in_flight = max(receiver.most_in_flight, receiver.in_flight)
                try:
                    if answer.delay:
                        time.sleep(answer.delay)
                finally:
                    with receiver.lock:
                        receiver.in_flight -= 1
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def of_type(self, event_type: str) -> list[Delivery]:
        return [d for d in self.deliveries if d.payload["type"] == event_type]

    def wait(
        self, condition: Callable[[Receiver], bool], seconds: float = 20.0, pump: Callable[[], None] = lambda: None
    ) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition(self):
                return
            pump()
            time.sleep(0.05)
        raise AssertionError(f"the receiver's condition did not hold in {seconds} s; got {len(self.deliveries)}")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
