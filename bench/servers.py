"""The storage servers the bench starts: DynamoDB Local (bound to 127.0.0.1 by a small launcher)
and a moto server on 127.0.0.1. Processes come from `infra.devservers` (output drained, SIGTERM when
this process dies, terminate-then-kill on stop)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from bench.env import ROOT, environment
from infra.devservers import Process, dynamodb_local_dir, free_port, port_open

STARTUP_TIMEOUT = 120.0  # the launcher is compiled on start: allow for a busy machine
LAUNCHER = Path(__file__).resolve().parent / "LoopbackDynamoDBLocal.java"
LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}


class ServerError(RuntimeError):
    pass


def listening_addresses(port: int) -> set[str]:
    """The local addresses (hex, as in /proc/net/tcp*) of sockets listening on `port`."""
    found = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if fields[3] == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


def _wait(process: Process, port: int, what: str, ready_text: str | None = None) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            raise ServerError(f"{what} exited with {process.popen.returncode}\n{process.output()}")
        if port_open(port) and (ready_text is None or ready_text in process.output()):
            addresses = listening_addresses(port)
            if addresses and not addresses <= LOOPBACK:
                process.stop()
                raise ServerError(f"{what} listens beyond loopback: {sorted(addresses)}")
            return
        time.sleep(0.1)
    process.stop()
    raise ServerError(f"{what} did not start within {STARTUP_TIMEOUT:.0f} s\n{process.output()}")


def start_dynamodb_local() -> tuple[Process, str]:
    """DynamoDB Local in memory, on a free loopback port."""
    home = dynamodb_local_dir()
    port = free_port()
    argv = [
        "java",
        "-Xshare:auto",
        f"-Djava.library.path={home / 'DynamoDBLocal_lib'}",
        "-cp",
        str(home / "DynamoDBLocal.jar"),
        str(LAUNCHER),
        "-inMemory",
        "-sharedDb",
        "-disableTelemetry",
        "-port",
        str(port),
    ]
    process = Process("DynamoDB Local", argv, dict(os.environ), cwd=home)
    _wait(process, port, "DynamoDB Local", "listening on 127.0.0.1")
    return process, f"http://127.0.0.1:{port}"


# moto's server with the project's fix for its transactions (infra/moto_speedups.py), as `make run`
# and the tests use moto.
MOTO_SERVER = (
    "import sys\n"
    "from infra import moto_speedups\n"
    "moto_speedups.apply()\n"
    "from moto.server import main\n"
    "main(sys.argv[1:])\n"
)


def start_moto_server() -> tuple[Process, str]:
    """moto's server (DynamoDB and S3) on a free loopback port."""
    port = free_port()
    argv = [sys.executable, "-c", MOTO_SERVER, "-H", "127.0.0.1", "-p", str(port)]
    process = Process("moto server", argv, environment(), cwd=ROOT)
    _wait(process, port, "moto server")
    return process, f"http://127.0.0.1:{port}"


class Storage:
    """The endpoints a section uses: those `bench.run` passes (BENCH_DYNAMODB_LOCAL, BENCH_MOTO), or
    servers of its own when a section runs alone. A context manager: it stops what it started."""

    def __init__(self, dynamodb_local: bool = True, moto: bool = True):
        self.want_dynamodb, self.want_moto = dynamodb_local, moto
        self.started: list[Process] = []
        self.dynamodb_local = os.environ.get("BENCH_DYNAMODB_LOCAL", "")
        self.moto = os.environ.get("BENCH_MOTO", "")

    def __enter__(self) -> Storage:
        try:
            if self.want_dynamodb and not self.dynamodb_local:
                process, self.dynamodb_local = start_dynamodb_local()
                self.started.append(process)
            if self.want_moto and not self.moto:
                process, self.moto = start_moto_server()
                self.started.append(process)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        for process in reversed(self.started):
            process.stop()
        self.started.clear()
