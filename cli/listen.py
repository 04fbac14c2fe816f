"""`examreg listen`: receive the tenant's events on this machine. Creates a temporary webhook
endpoint pointing at a receiver it starts on 127.0.0.1, verifies each delivery's signature with
`standardwebhooks`, prints each event on one line, and deletes the endpoint on Ctrl-C.

For `make run` (a deployed stage refuses loopback URLs: give it a public tunnel with --public-url)."""

from __future__ import annotations

import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TextIO

from cli.bulk import _call


def _line(payload: dict[str, Any], headers: dict[str, str]) -> str:
    data = payload.get("data") or {}
    about = data.get("id") or data.get("webhook_endpoint_id") or ""
    when, kind, event_id = payload.get("timestamp", ""), payload.get("type", ""), headers.get("webhook-id", "")
    return f"{when}  {kind:28s} {about:28s} {event_id}  verified"


def make_receiver(secret: dict[str, str], out: TextIO, port: int = 0) -> ThreadingHTTPServer:
    """The receiver; it verifies with `secret["value"]`, set once the endpoint exists (until then
    it refuses every delivery)."""
    from standardwebhooks.webhooks import Webhook, WebhookVerificationError

    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                if "value" not in secret:
                    raise WebhookVerificationError("no secret yet")
                payload = Webhook(secret["value"]).verify(body, headers)
            except (WebhookVerificationError, ValueError):
                with lock:
                    print(
                        f"REFUSED a delivery whose signature does not verify ({headers.get('webhook-id', '?')})",
                        file=out,
                        flush=True,
                    )
                self.send_response(401)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            with lock:
                print(_line(payload, headers), file=out, flush=True)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server


def listen(api: str, key: str, tenant: str, event_types: list[str], port: int, public_url: str | None) -> int:
    """Until SIGINT or SIGTERM: receive, verify, print. Returns the exit status."""
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    secret: dict[str, str] = {}
    server = make_receiver(secret, sys.stdout, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = public_url or f"http://127.0.0.1:{server.server_address[1]}/events"
    body = {"url": url, "event_types": event_types, "description": "examreg listen (temporary)"}
    created = _call("POST", f"{api}/webhookEndpoints/{tenant}", key, body)
    secret["value"] = created["secret"]
    print(f"listening on {url} for {' '.join(event_types)} (endpoint {created['id']}); Ctrl-C to stop", flush=True)
    try:
        stop.wait()
    finally:
        server.shutdown()
        _call("DELETE", f"{api}/webhookEndpoints/{tenant}/{created['id']}", key)
        print(f"endpoint {created['id']} deleted", flush=True)
    return 0


def main_args(parser: Any) -> None:
    parser.add_argument("--tenant", required=True)
    parser.add_argument("--events", nargs="*", default=["*"], help="event types (default *): examResults.* ...")
    parser.add_argument("--port", type=int, default=0, help="the receiver's port on 127.0.0.1 (default: any free)")
    parser.add_argument("--public-url", help="a public URL that forwards to the receiver (for a deployed stage)")
