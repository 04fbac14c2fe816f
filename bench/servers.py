"""The storage servers the bench starts: DynamoDB Local and a moto server, both on 127.0.0.1.
Processes come from `emulator.devservers` (output drained, SIGTERM when this process dies,
terminate-then-kill on stop)."""

from __future__ import annotations

import os
import sys

from bench.env import ROOT, environment
from emulator import devservers
from emulator.devservers import Process, free_port

STARTUP_TIMEOUT = 120.0  # the DynamoDB Local launcher is compiled on start: allow for a busy machine


def start_dynamodb_local() -> tuple[Process, str]:
    return devservers.start_dynamodb_local(STARTUP_TIMEOUT)


# moto's server with the project's fix for its transactions (emulator/moto_speedups.py), as `make run`
# and the tests use moto.
MOTO_SERVER = (
    "import sys\n"
    "from emulator import moto_speedups\n"
    "moto_speedups.apply()\n"
    "from moto.server import main\n"
    "main(sys.argv[1:])\n"
)


def start_moto_server() -> tuple[Process, str]:
    """moto's server (DynamoDB and S3) on a free loopback port."""
    port = free_port()
    argv = [sys.executable, "-c", MOTO_SERVER, "-H", "127.0.0.1", "-p", str(port)]
    process = Process("moto server", argv, environment(), cwd=ROOT)
    devservers.wait_listening(process, port, "moto server", timeout=STARTUP_TIMEOUT)
    return process, f"http://127.0.0.1:{port}"


class Storage:
    """The endpoints a section uses: a DynamoDB Local of its own (never one an earlier section wrote
    to: see `bench.run`), and the moto server `bench.run` passes (BENCH_MOTO) or one of its own when
    a section runs alone. A context manager: it stops what it started."""

    def __init__(self, dynamodb_local: bool = True, moto: bool = True):
        self.want_dynamodb, self.want_moto = dynamodb_local, moto
        self.started: list[Process] = []
        self.dynamodb_local = ""
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
