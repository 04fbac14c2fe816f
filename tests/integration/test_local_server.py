"""The local server's own HTTP layer (infra/local_server.py): a burst of clients is served, not reset."""

from __future__ import annotations

import http.client
import json
import socket
from urllib.parse import urlsplit

import pytest

from shared.errors import PROBLEM_TYPE_BASE

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
