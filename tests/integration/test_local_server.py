"""The local server's own HTTP layer (emulator/local_server.py): every answer is problem+json, as API
Gateway's gateway responses are, whatever arrives; and a burst of clients is served, not reset."""

from __future__ import annotations

import http.client
import json
import socket
from urllib.parse import urlsplit

import pytest

from shared.errors import PROBLEM_TYPE_BASE
from tests.integration.helpers import assert_problem

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]
BURST = 128
SOCKET_TIMEOUT = 30.0


def address(server) -> tuple[str, int]:
    url = urlsplit(server.base_url)
    return url.hostname, url.port


def exchange(server, raw: bytes) -> tuple[int, str, dict]:
    """Send raw bytes; the answer's status, Content-Type and JSON body (fails on anything but an HTTP/1.x answer)."""
    with socket.create_connection(address(server), timeout=SOCKET_TIMEOUT) as sock:
        sock.sendall(raw)
        response = http.client.HTTPResponse(sock)
        response.begin()
        body = response.read()
    problem = json.loads(body)
    assert problem["status"] == response.status and problem["type"].startswith(PROBLEM_TYPE_BASE), problem
    assert problem["title"] and problem["detail"], problem
    return response.status, response.getheader("Content-Type"), problem


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("TRACE", "/exams/demo", 405),
        ("FOO", "/exams/demo", 405),
        ("TRACE", "/openapi.json", 405),
        ("POST", "/swagger", 405),
        ("TRACE", "/nowhere", 404),
        ("FOO", "/nowhere", 404),
        ("CONNECT", "example.org:443", 404),
    ],
)
def test_any_method_is_answered_as_api_gateway_answers(server, method, path, status):
    connection = http.client.HTTPConnection(*address(server), timeout=SOCKET_TIMEOUT)
    try:
        connection.request(method, path, headers={"Authorization": server.client_key})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status == status, body
    assert response.getheader("Content-Type") == "application/problem+json"
    assert json.loads(body)["status"] == status


@pytest.mark.parametrize(
    ("raw", "status", "echo"),
    [
        (b"GARBAGE\r\n\r\n", 400, b"GARBAGE"),
        (b"GET /exams/demo HTTP/1.1 extra\r\nHost: x\r\n\r\n", 400, b"extra"),
        (b"GET /exams/demo HTTP/9.9\r\nHost: x\r\n\r\n", 505, b"9.9"),
        (b"GET /exams/demo HTTP/1.1\r\nX-Long: " + b"s3cr3t" * 12_000 + b"\r\n\r\n", 431, b"s3cr3t"),
        (b"GET /exams/demo HTTP/1.1\r\n" + b"".join(b"X-%d: v\r\n" % n for n in range(120)) + b"\r\n", 431, b"X-1"),
        (b"GET /" + b"p" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, b"ppp"),
        (b"POST /exams/demo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400, b"-1"),
        (b"POST /exams/demo HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n", 400, b"many"),
    ],
    ids=[
        "no-request-line",
        "four-words",
        "bad-version",
        "long-header",
        "many-headers",
        "long-uri",
        "negative-length",
        "bad-length",
    ],
)
def test_a_malformed_request_gets_problem_json_that_echoes_nothing(server, raw, status, echo):
    got, content_type, problem = exchange(server, raw)
    assert (got, content_type) == (status, "application/problem+json")
    assert echo.decode() not in json.dumps(problem)


def test_the_server_still_answers_after_malformed_requests(server, client):
    exchange(server, b"GARBAGE\r\n\r\n")
    assert client.get("/exams/demo").status_code == 200
    assert_problem(client.get("/nowhere"), 404)


def test_a_burst_of_simultaneous_connections_is_served(server):
    """Every client of a burst is answered (a listen backlog of 5 reset or lost some)."""
    sockets = []
    try:
        for _ in range(BURST):  # all connect before any is served
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(address(server))
            sockets.append(sock)
        for sock in sockets:
            sock.settimeout(SOCKET_TIMEOUT)
            sock.sendall(b"GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        statuses = []
        for sock in sockets:
            response = http.client.HTTPResponse(sock)
            response.begin()
            response.read()
            statuses.append(response.status)
    finally:
        for sock in sockets:
            sock.close()
    assert statuses == [404] * BURST
