"""The Lambda code asset, built without Docker: pip fetches the runtime dependencies as
manylinux aarch64 wheels for the Lambda's Python, then the project's own packages are copied beside them.

All functions share this one directory (one asset, one upload). boto3 is bundled rather than taken
from the runtime because pyproject pins it, so deployed code runs the SDK the tests ran; it costs
about 30 MB unzipped, well inside Lambda's 250 MB limit.

    python -m infra.bundle          # builds build/lambda/
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from contextlib import contextmanager
from pathlib import Path

# The Lambda runtime the stack deploys; the wheels pip picks must match it.
LAMBDA_PYTHON_VERSION = "3.14"
LAMBDA_PLATFORM = "manylinux2014_aarch64"

SOURCE_PACKAGES = ("shared", "functions")
ASSET_DIR = Path("build") / "lambda"
# Outside the asset, so it does not change the asset's hash or get deployed.
DEPENDENCY_STAMP = Path("build") / "lambda-dependencies.sha256"
BUILD_LOCK = Path("build") / "lambda.lock"
# Names the Lambda runtime provides that we would leave out to shrink the asset. Empty on purpose:
# see the module docstring. Add "boto3" and "botocore" here to use the runtime's SDK instead.
PROVIDED_BY_RUNTIME: frozenset[str] = frozenset()


def runtime_dependencies(root: Path) -> list[str]:
    """`[project].dependencies` from pyproject.toml, minus what the runtime provides."""
    with (root / "pyproject.toml").open("rb") as file:
        requirements = tomllib.load(file)["project"]["dependencies"]
    return [req for req in requirements if _distribution_name(req) not in PROVIDED_BY_RUNTIME]


def _distribution_name(requirement: str) -> str:
    for stop in "[=<>!~;@ ":
        requirement = requirement.split(stop, 1)[0]
    return requirement.strip().lower().replace("_", "-")


def dependency_fingerprint(requirements: list[str]) -> str:
    """Changes whenever pip would install something different."""
    recipe = {"requirements": sorted(requirements), "python": LAMBDA_PYTHON_VERSION, "platform": LAMBDA_PLATFORM}
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()


def _pip_install(
    requirements: list[str],
    target: Path,
    *,
    platform: str = LAMBDA_PLATFORM,
    python_version: str = LAMBDA_PYTHON_VERSION,
    extra: tuple[str, ...] = (),
) -> None:
    """Wheels only (`--only-binary`), for `platform` and `python_version`, whatever this machine is."""
    command = [
        sys.executable, "-m", "pip", "install",
        "--quiet", "--disable-pip-version-check", "--no-compile",
        "--platform", platform,
        "--implementation", "cp",
        "--python-version", python_version,
        "--only-binary=:all:",
        "--target", str(target),
        *extra,
        *requirements,
    ]  # fmt: skip
    subprocess.run(command, check=True)  # noqa: S603 - fixed argv, requirements come from our pyproject


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

    pip runs only when the dependency list changed since the last build (a stamp file keeps its
    hash); the project's packages are copied afresh every time, since they change on every edit.
    """
    root = Path(root).resolve()
    with _locked(root / BUILD_LOCK):
        return _build_asset(root)


def _build_asset(root: Path) -> Path:
    asset, stamp = root / ASSET_DIR, root / DEPENDENCY_STAMP
    requirements = runtime_dependencies(root)
    fingerprint = dependency_fingerprint(requirements)

    if not asset.is_dir() or not stamp.is_file() or stamp.read_text().strip() != fingerprint:
        stamp.unlink(missing_ok=True)  # a failed pip run must not leave a stamp that says "done"
        shutil.rmtree(asset, ignore_errors=True)
        asset.mkdir(parents=True)
        _pip_install(requirements, asset)
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
