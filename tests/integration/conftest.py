"""Integration tests: the local server (`python -m emulator.local_server`) over real HTTP.

The session fixture `server` runs every test twice: against the server with its embedded moto
storage, and against the server with DynamoDB pointed at DynamoDB Local (S3 stays embedded moto).
Each backend gets one server process (and one DynamoDB Local JVM) for the whole session; every test
module marks itself `xdist_group("integration")` so `pytest -n N --dist loadgroup` keeps them on
one worker. Tests share the `demo` tenant and must tolerate each other's data (unique exam codes).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from emulator.devservers import LocalServer, Process, StartupError, start_dynamodb_local, start_local_server
from tests.integration.helpers import Api

FEED_SETTLE_SECONDS = 0.2


class Server(LocalServer):
    def client(self, key: str | None = None) -> Api:
        return Api(self.base_url, key)


def _start_server(backend: str, dynamodb_endpoint: str | None) -> Server:
    try:
        return start_local_server(backend, dynamodb_endpoint, FEED_SETTLE_SECONDS, server_class=Server)
    except StartupError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session", params=["moto", "dynamodb-local"], ids=["moto", "dynamodb-local"])
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    dynamodb: Process | None = None
    endpoint = None
    if request.param == "dynamodb-local":
        try:
            dynamodb, endpoint = start_dynamodb_local()
        except StartupError as error:
            pytest.fail(str(error), pytrace=False)
    try:
        srv = _start_server(request.param, endpoint)
        try:
            yield srv
        finally:
            srv.process.stop()
    finally:
        if dynamodb is not None:
            dynamodb.stop()


@pytest.fixture(scope="session")
def other_tenant(server: Server) -> tuple[str, str]:
    """Tenant `other` (made with the CLI), and its admin key."""
    result = server.cli("create-tenant", "other")
    key = result.stdout.strip().splitlines()[-1].strip()
    assert key.startswith("erk_"), result.stdout
    return "other", key


@pytest.fixture
def admin(server: Server) -> Api:
    return server.client(server.admin_key)


@pytest.fixture
def client(server: Server) -> Api:
    return server.client(server.client_key)


@pytest.fixture
def delivery(server: Server) -> Api:
    return server.client(server.delivery_key)
