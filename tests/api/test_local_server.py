"""The local server's HTTP layer (emulator/local_server.py) on its own: what it answers when the code
behind it fails."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest

from emulator.local_server import LocalHTTPServer, make_http_handler


class CrashingGateway:
    def handle(self, *args):
        raise RuntimeError("boom: a secret in the message")


@pytest.fixture
def base_url():
    server = LocalHTTPServer(("127.0.0.1", 0), make_http_handler(CrashingGateway(), docs=None))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_crash_behind_the_server_is_a_500_problem_that_says_nothing_of_it(base_url):
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(base_url + "/exams/demo", timeout=30)  # noqa: S310 - loopback
    assert raised.value.code == 500
    assert raised.value.headers["Content-Type"] == "application/problem+json"
    body = raised.value.read()
    assert json.loads(body)["status"] == 500 and b"secret" not in body
