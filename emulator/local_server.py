"""`make run`: the API on http://127.0.0.1:3000, served by the same Lambda handlers the stack deploys.

Storage: by default DynamoDB and S3 are moto, embedded in this process and listening on loopback
(so presigned URLs and the CLI work). The standard endpoint variables (`AWS_ENDPOINT_URL`,
`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_S3`) point a service elsewhere (DynamoDB Local, or
real AWS with `EMBEDDED_AWS=0`)."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = {
    "TABLE_NAME": "exam-registration-local",
    "BUCKET_NAME": "exam-registration-local",
    "AWS_DEFAULT_REGION": "us-east-1",
    "POWERTOOLS_SERVICE_NAME": "exam-registration-api",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
    "POWERTOOLS_METRICS_NAMESPACE": "ExamRegistration",
    # Webhooks to your receiver on 127.0.0.1 (a deployed stage refuses loopback and plain http), and a
    # short retry schedule to watch retries happen (deployed: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
    "WEBHOOK_ALLOW_LOOPBACK": "true",
    "WEBHOOK_RETRY_SCHEDULE": "0,2,5,10,30",
}
DEV_KEY_VARIABLES = {"admin": "DEV_ADMIN_KEY", "client": "DEV_CLIENT_KEY", "delivery": "DEV_DELIVERY_KEY"}


def embedded_moto_app():
    """moto's server app, storing exactly the bytes a request sends whatever its Content-Type, as S3 does.

    As it stands, moto's server reads a form-typed body as a form: its dispatcher reads an unsigned
    `application/x-www-form-urlencoded` body to look for an `Action` (and drops it when it is not
    UTF-8), and werkzeug parses the body of a form-typed request into fields before moto's S3 reads
    it, so a presigned PUT sent the way urllib sends data by default stored an empty object. Here
    the dispatcher looks at a copy of such a body, and moto's S3 parses a form only in a POST (a
    browser-form upload); every other S3 body is the object's bytes (or the request's XML)."""
    import io

    from moto.moto_server.werkzeug_app import BackendRequest, DomainDispatcherApplication, create_backend_app

    class S3Request(BackendRequest):
        @property
        def want_form_data_parsed(self) -> bool:
            return self.method == "POST" and super().want_form_data_parsed

    def create_app(service):
        app = create_backend_app(service)
        if service == "s3":
            app.request_class = S3Request
        return app

    dispatcher = DomainDispatcherApplication(create_app)

    def app(environ, start_response):
        if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            if environ.get("wsgi.input_terminated"):  # chunked: werkzeug's stream ends with the body
                raw = environ["wsgi.input"].read()
            else:
                length = int(environ.get("CONTENT_LENGTH") or 0)
                raw = environ["wsgi.input"].read(length) if length > 0 else b""
            environ["wsgi.input"] = io.BytesIO(raw)
            backend = dispatcher.get_application(environ)  # may read the body, to find the service
            environ["wsgi.input"] = io.BytesIO(raw)
            return backend(environ, start_response)
        return dispatcher(environ, start_response)

    return app


def start_embedded_storage() -> str | None:
    """Start moto on loopback for every AWS service not given an endpoint; return its URL."""
    if os.environ.get("EMBEDDED_AWS", "1") == "0" or os.environ.get("AWS_ENDPOINT_URL"):
        return None
    from moto.moto_server.werkzeug_app import MotoRequestHandler
    from werkzeug.serving import make_server

    from emulator import moto_speedups
    from emulator.notifications import notifying

    moto_speedups.apply()

    moto_app = notifying(embedded_moto_app(), os.environ["BUCKET_NAME"])
    one_at_a_time = threading.Lock()

    def serialized(environ, start_response):
        # moto's backends are not safe under concurrent requests (two conditional writes on one item
        # could both pass); DynamoDB guarantees that, so the embedded storage serves one request at a time.
        with one_at_a_time:
            return list(moto_app(environ, start_response))

    server = make_server(
        "127.0.0.1",
        int(os.environ.get("STORAGE_PORT", "0")),
        serialized,
        threaded=True,
        request_handler=MotoRequestHandler,
    )
    threading.Thread(target=server.serve_forever, daemon=True, name="embedded-storage").start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    # moto accepts any credentials; set them only when none are configured.
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
    return endpoint


class LocalHTTPServer(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5, so a burst of clients connecting at once (a load test,
    # a parallel test run) saw connections reset or lost; the kernel caps this at net.core.somaxconn.
    request_queue_size = 1024
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # the client went away: nothing to answer
            return
        super().handle_error(request, client_address)


DOCUMENT_PATH = "/openapi.json"


def make_http_handler(gateway, docs):
    from emulator.gateway import gateway_problem as problem  # the body API Gateway's gateway responses send
    from emulator.swagger import PATHS as SWAGGER_PATHS
    from shared.errors import PROBLEM_JSON
    from shared.gateway_contract import NO_METHOD

    docs_paths = frozenset({DOCUMENT_PATH, *SWAGGER_PATHS})

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # TCP_NODELAY: headers and body go out in separate writes; with Nagle's algorithm a kept-alive
        # connection waits for the client's delayed ACK (~40 ms) before each body.
        disable_nagle_algorithm = True
        server_version = "exam-registration-local"
        # A request line that cannot be parsed is answered in HTTP/1.x with headers (API Gateway
        # speaks no HTTP/0.9), so its problem+json body is labelled as such.
        default_request_version = "HTTP/1.0"

        def _serve(self) -> None:
            started = time.perf_counter()
            url = urlsplit(self.path)
            declared = self.headers.get("Content-Length") or "0"
            if not declared.isdigit():
                self.send_error(HTTPStatus.BAD_REQUEST, "Content-Length is not a number of bytes")
                return
            length = int(declared)
            body = self.rfile.read(length) if length else None
            try:
                if url.path in docs_paths:
                    if self.command in ("GET", "HEAD"):
                        status, headers, raw = docs(url.path, url.query)
                    else:
                        status, headers, raw = problem(*NO_METHOD)
                else:
                    status, headers, raw = gateway.handle(
                        self.command, url.path, dict(self.headers.items()), url.query, body, self.client_address[0]
                    )
            except Exception:
                # On AWS a crashed integration is API Gateway's 500; never an unanswered request.
                logging.getLogger(__name__).exception("%s %s failed", self.command, url.path)
                self.send_error(HTTPStatus.INTERNAL_SERVER_ERROR)
                return
            self.send_response(status)
            for name, value in headers.items():
                if name.lower() not in ("content-length", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(raw)
            elapsed = (time.perf_counter() - started) * 1000
            print(f"{self.command} {url.path} {status} {elapsed:.1f}ms", flush=True)

        def __getattr__(self, name: str):
            # BaseHTTPRequestHandler answers a method without a `do_<METHOD>` with its 501 HTML page;
            # every method goes to the gateway instead, which answers 405 on a known path, else 404.
            if name.startswith("do_"):
                return self._serve
            raise AttributeError(name)

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """BaseHTTPRequestHandler's own errors (a malformed request line, a header line too long,
            too many headers, an unsupported version) as problem+json, not its HTML page. Its messages
            quote the request line, so the body says only what is wrong (the input is never echoed)."""
            del explain  # it may quote the request too
            status = HTTPStatus(code)
            detail = message if message in SAFE_MESSAGES else status.description
            code_name = status.phrase.lower().replace(" ", "-")
            _status, _headers, raw = problem(int(status), status.phrase, detail, code_name)
            self.close_connection = True
            self.send_response(int(status))
            self.send_header("Content-Type", PROBLEM_JSON)
            self.send_header("Content-Length", str(len(raw)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(raw)

        def log_message(self, format: str, *args) -> None:
            pass

    return Handler


# http.server's messages that quote nothing from the request.
SAFE_MESSAGES = frozenset(
    {"Line too long", "Too many headers", "Expectation Failed", "Content-Length is not a number of bytes"}
)


def make_docs():
    """/openapi.json, and Swagger UI on it at /swagger (emulator/swagger.py). `/swagger?format=json`
    (the link Powertools' own page had) answers the same bytes as /openapi.json."""
    from emulator import swagger
    from generators.openapi import render

    document = render().encode()

    def docs(path: str, query: str) -> tuple[int, dict[str, str], bytes]:
        if path == DOCUMENT_PATH or (path == swagger.PAGE_PATH and ("format", "json") in parse_qsl(query)):
            return 200, {"Content-Type": "application/json"}, document
        return swagger.serve(path)

    return docs


def main() -> None:
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
    sys.path.insert(0, str(ROOT))
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # the embedded moto server's access log
    storage = start_embedded_storage()

    from emulator import dispatcher, local_state
    from emulator.bootstrap import (
        bootstrap_tenant,
        ensure_bucket,
        ensure_table,
        ensure_webhook_key,
        ensure_webhook_queue,
    )
    from emulator.gateway import Gateway

    ensure_table(os.environ["TABLE_NAME"])
    ensure_bucket(os.environ["BUCKET_NAME"])
    visibility = int(os.environ.get("WEBHOOK_VISIBILITY_TIMEOUT", "30"))
    ensure_webhook_queue(os.environ["TABLE_NAME"] + "-webhooks", visibility)
    ensure_webhook_key()
    if os.environ.get("LOCAL_DISPATCHER", "on") != "off":  # off: run `python -m emulator.dispatcher` apart
        dispatcher.start_in_background(os.environ["TABLE_NAME"], os.environ["WEBHOOK_QUEUE_URL"])
    tenant = os.environ.get("DEV_TENANT", "demo")
    keys = bootstrap_tenant(tenant, {role: os.environ.get(var) or None for role, var in DEV_KEY_VARIABLES.items()})

    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "3000"))
    server = LocalHTTPServer((host, port), make_http_handler(Gateway(), make_docs()))
    base_url = f"http://{host}:{server.server_address[1]}"
    local_state.write(base_url, os.environ["TABLE_NAME"], os.environ["BUCKET_NAME"])

    print(f"Exam Registration API at {base_url}  (docs: {base_url}/swagger)")
    print(f"storage: {storage or 'from AWS_ENDPOINT_URL* / AWS configuration'}  table: {os.environ['TABLE_NAME']}")
    print(f"tenant '{tenant}' keys:")
    for role, key in keys.items():
        print(f"  {role:9s}{key}")
    sys.stdout.flush()

    def stop(*_args) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        local_state.remove()
        print("stopped", flush=True)


if __name__ == "__main__":
    main()
