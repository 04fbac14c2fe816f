"""The Lambda code asset, built without Docker: pip installs the runtime dependencies from the
hash-pinned lock (requirements.lock, the same file the venv is installed from, so the tests and the
functions run the same versions) as manylinux aarch64 wheels for the Lambda's Python, then the
project's own packages are copied beside them.

All functions share this one directory (one asset, one upload). boto3 is bundled rather than taken
from the runtime because pyproject pins it, so deployed code runs the SDK the tests ran; it costs
about 30 MB unzipped, well inside Lambda's 250 MB limit.

    python -m deploy.bundle          # builds build/lambda/
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

# The Lambda runtime the stack deploys; the wheels pip picks must match it.
LAMBDA_PYTHON_VERSION = "3.14"
LAMBDA_MACHINE = "aarch64"
# The python3.14 runtime runs on Amazon Linux 2023 (glibc 2.34), so it loads every manylinux wheel
# from glibc 2.34 down to manylinux2014 (glibc 2.17). pip matches platform tags literally (it does
# not widen manylinux_2_28 to the older ones), so each is named.
LAMBDA_GLIBC_MINOR = 34
LAMBDA_PLATFORMS = (
    *(f"manylinux_2_{minor}_{LAMBDA_MACHINE}" for minor in range(LAMBDA_GLIBC_MINOR, 16, -1)),
    f"manylinux2014_{LAMBDA_MACHINE}",
)
# Every runtime dependency, direct and indirect, pinned with the hashes of all of its release's
# files (aarch64 wheels included): `make lock` regenerates it from pyproject.toml.
LOCK_FILE = "requirements.lock"

SOURCE_PACKAGES = ("shared", "functions")
ASSET_DIR = Path("build") / "lambda"
# Outside the asset, so it does not change the asset's hash or get deployed.
DEPENDENCY_STAMP = Path("build") / "lambda-dependencies.sha256"
BUILD_LOCK = Path("build") / "lambda.lock"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def canonical_name(name: str) -> str:
    """PEP 503: `Typing_Extensions` and `typing.extensions` are `typing-extensions`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions(root: Path) -> dict[str, str]:
    """Distribution (canonical name) -> version, as pinned in the lock file."""
    pins = {}
    for line in (root / LOCK_FILE).read_text().splitlines():
        if found := _PIN.match(line):
            pins[canonical_name(found[1])] = found[2]
    return pins


def dependency_fingerprint(lock_text: str) -> str:
    """Changes whenever pip would install something different."""
    recipe = {"lock": lock_text, "python": LAMBDA_PYTHON_VERSION, "platforms": LAMBDA_PLATFORMS}
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()


def _pip_install(
    arguments: list[str],
    target: Path,
    *,
    platforms: tuple[str, ...] | None = LAMBDA_PLATFORMS,
    python_version: str | None = LAMBDA_PYTHON_VERSION,
) -> None:
    """Wheels only (`--only-binary`), for `platforms` and `python_version` whatever this machine is
    (both None: for this machine and Python)."""
    command = [
        sys.executable, "-m", "pip", "install",
        "--quiet", "--disable-pip-version-check", "--no-compile",
        *(option for platform in platforms or () for option in ("--platform", platform)),
        *(("--implementation", "cp", "--python-version", python_version) if python_version else ()),
        "--only-binary=:all:",
        "--target", str(target),
        *arguments,
    ]  # fmt: skip
    subprocess.run(command, check=True)  # noqa: S603 - fixed argv, requirements come from our lock file


def install_locked(lock: Path, target: Path) -> None:
    """Every pin of the lock, checked against its hashes; a dependency the Lambda's Python needs but
    the lock lacks (one behind an environment marker) fails the build instead of being resolved."""
    _pip_install(["--require-hashes", "-r", str(lock)], target)


@contextmanager
def _locked(path: Path):
    """One builder at a time (two `cdk synth` runs, or a test and a synth, may build at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_asset(root: Path | str = ".") -> Path:
    """Build (or refresh) the asset directory under `root` and return its path.

    pip runs only when the lock file changed since the last build (a stamp file keeps its hash);
    the project's packages are copied afresh every time, since they change on every edit.
    """
    root = Path(root).resolve()
    with _locked(root / BUILD_LOCK):
        return _build_asset(root)


def _build_asset(root: Path) -> Path:
    asset, stamp = root / ASSET_DIR, root / DEPENDENCY_STAMP
    fingerprint = dependency_fingerprint((root / LOCK_FILE).read_text())

    if not asset.is_dir() or not stamp.is_file() or stamp.read_text().strip() != fingerprint:
        stamp.unlink(missing_ok=True)  # a failed pip run must not leave a stamp that says "done"
        shutil.rmtree(asset, ignore_errors=True)
        asset.mkdir(parents=True)
        install_locked(root / LOCK_FILE, asset)
        shutil.rmtree(asset / "bin", ignore_errors=True)  # console scripts, useless in Lambda
        stamp.write_text(fingerprint + "\n")

    for package in SOURCE_PACKAGES:
        _mirror(root / package, asset / package)
    return asset


def _is_source(path: Path) -> bool:
    return path.suffix != ".pyc" and "__pycache__" not in path.parts


def _mirror(source: Path, target: Path) -> None:
    """Make `target` hold exactly the source files of `source`, touching only what differs.

    Another `cdk synth` may be hashing the asset while this runs (make synth builds both stages at
    once), so an unchanged file is never removed or rewritten, and a changed one is replaced by an
    atomic rename: a reader sees the old file or the new one, never a missing directory.
    """
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file() and _is_source(p.relative_to(source))}
    present = {p.relative_to(target) for p in target.rglob("*") if p.is_file()} if target.is_dir() else set()
    for relative in sorted(present - wanted):
        (target / relative).unlink()
    for relative in sorted(wanted):
        destination, content = target / relative, (source / relative).read_bytes()
        if relative in present and destination.read_bytes() == content:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        staging = destination.with_name(f".{destination.name}.partial")
        staging.write_bytes(content)
        os.replace(staging, destination)
    for directory in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()


if __name__ == "__main__":
    print(build_asset(Path(__file__).resolve().parent.parent))
