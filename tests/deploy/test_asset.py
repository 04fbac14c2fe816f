"""The Lambda code asset (deploy/bundle.py): the real one, built as `cdk synth` builds it.

Three things could go wrong without Docker, and all are checked on the built directory:

0. pip could resolve other versions for Lambda's platform than the tests run (a release without a
   wheel for one platform tag makes it fall back to an older one). The asset and the venv both
   install requirements.lock; the asset's *.dist-info must name exactly the lock's versions, and so
   must the venv's installed distributions.

1. pip could pick wheels for this machine (x86_64) instead of Lambda's (arm64). Every compiled
   module in the asset must be an aarch64 ELF (e_machine 183) for the Lambda Python's ABI; in
   particular pydantic_core's core and argon2-cffi-bindings' `_ffi`.

2. a handler could import something the asset lacks (a dependency missing from pyproject, a
   module outside `shared/` and `functions/`). Each handler module is imported in a fresh
   `python -I -S` (no site-packages, no user site, no PYTHON* variables) whose `sys.path` is the
   asset plus the standard library only, and every module it loaded must come from one of those.

   The asset's compiled modules are for aarch64 and the Lambda's Python, so this x86_64 machine
   cannot load them; faking them, or checking imports by name only (modulefinder, find_spec),
   would not run the handlers' import-time code. So the check runs on a *twin* of the asset: a
   hard-linked copy of it in which, beside each compiled module, sits the same distribution's
   build for this machine's platform and Python, installed by pip from the very versions the
   asset holds (`name==version`, `--no-deps`, this machine's own platform tags). All Python
   source, pure dependencies, package layout and data files are the asset's own; only extension
   binaries have a native stand-in, and the import machinery picks the one whose suffix this
   interpreter accepts.

   What this cannot see: differences between this Python (3.11) and the Lambda's (see
   deploy/bundle.py) in the standard library; those surface in the deployed stage's first call.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import sysconfig
import tomllib
from importlib.metadata import PackageNotFoundError, PathDistribution, version
from pathlib import Path

import pytest

from deploy import bundle
from shared.routes import AUTHORIZER_MODULE, LAMBDAS

from .conftest import REPO_ROOT

pytestmark = [pytest.mark.deploy, pytest.mark.xdist_group("deploy")]

EM_AARCH64 = 183
ELF_MAGIC = b"\x7fELF"
TWIN_DIR = REPO_ROOT / "build" / "lambda-import-twin"  # cached like the asset (build/ is git-ignored)


def elf_machine(path: Path) -> int:
    """e_machine of an ELF file (little-endian, 64-bit as on Lambda)."""
    header = path.read_bytes()[:20]
    assert header[:4] == ELF_MAGIC, f"{path} is not an ELF file"
    assert header[4] == 2 and header[5] == 1, f"{path}: not a 64-bit little-endian ELF"
    return struct.unpack_from("<H", header, 18)[0]


def compiled_modules(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.so*") if p.is_file() and ".so" in p.name)


def runtime_distributions() -> set[str]:
    return set(bundle.locked_versions(REPO_ROOT))


def installed_versions(root: Path) -> dict[str, str]:
    """Distribution -> version, from the *.dist-info directories pip wrote under `root`."""
    found = {}
    for info in root.glob("*.dist-info"):
        distribution = PathDistribution(info)
        found[bundle.canonical_name(distribution.metadata["Name"])] = distribution.version
    return found


@pytest.fixture(scope="module")
def asset() -> Path:
    """The real asset (pip runs only when the lock file changed since the last build)."""
    return bundle.build_asset(REPO_ROOT)


def test_the_asset_holds_exactly_the_locked_versions(asset):
    assert installed_versions(asset) == bundle.locked_versions(REPO_ROOT)


def test_the_venv_runs_the_locked_versions():
    """`make install` installs the lock, then the dev tools without moving a runtime dependency."""
    differ = {}
    for name, locked in bundle.locked_versions(REPO_ROOT).items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed != locked:
            differ[name] = (installed, locked)
    assert differ == {}, "venv differs from requirements.lock (installed, locked); run make install"


def test_the_lock_pins_what_pyproject_pins():
    """A pyproject pin changed without `make lock` would install one version in the venv and another
    in the asset: the lock must hold every direct dependency at pyproject's version."""
    with (REPO_ROOT / "pyproject.toml").open("rb") as file:
        direct = tomllib.load(file)["project"]["dependencies"]
    locked = bundle.locked_versions(REPO_ROOT)
    for requirement in direct:
        name, pinned = requirement.split("==")
        assert locked.get(bundle.canonical_name(name.split("[")[0])) == pinned, requirement
    assert {"argon2-cffi-bindings", "pydantic-core", "botocore", "cffi"} <= set(locked)  # indirect ones too


def test_the_asset_holds_the_dependencies_and_the_project_code(asset):
    assert runtime_distributions() <= set(installed_versions(asset))
    for package in bundle.SOURCE_PACKAGES:
        assert (asset / package / "__init__.py").is_file()
    assert not list(asset.rglob("__pycache__")) and not (asset / "bin").exists()


def test_every_compiled_module_is_an_aarch64_build_for_the_lambda_python(asset):
    modules = compiled_modules(asset)
    assert modules
    lambda_tag = "cpython-" + bundle.LAMBDA_PYTHON_VERSION.replace(".", "")
    for module in modules:
        assert elf_machine(module) == EM_AARCH64, module
        assert "x86_64" not in module.name, module
        if "cpython-" in module.name:
            assert lambda_tag in module.name and "aarch64" in module.name, module


def test_pydantic_core_is_aarch64(asset):
    (core,) = (asset / "pydantic_core").glob("_pydantic_core.*.so")
    assert elf_machine(core) == EM_AARCH64


def test_argon2_bindings_are_aarch64(asset):
    if "argon2-cffi" not in runtime_distributions():
        pytest.skip("argon2-cffi is not a runtime dependency yet")
    (ffi,) = (asset / "_argon2_cffi_bindings").glob("_ffi*.so")
    assert elf_machine(ffi) == EM_AARCH64
    assert (asset / "argon2" / "__init__.py").is_file()


# --- every handler imports from the asset alone -----------------------------------------------------


def compiled_distributions(asset: Path) -> list[str]:
    """`name==version` of each distribution in the asset that ships an extension module."""
    pins = []
    for info in sorted(asset.glob("*.dist-info")):
        distribution = PathDistribution(info)
        if any(".so" in str(f) for f in distribution.files or ()):
            pins.append(f"{distribution.metadata['Name']}=={distribution.version}")
    return pins


def host_twin_binaries(asset: Path) -> Path:
    """The asset's compiled distributions, same versions, built for this machine and Python (cached)."""
    pins = compiled_distributions(asset)
    fingerprint = hashlib.sha256(json.dumps([pins, sys.version, sysconfig.get_platform()]).encode()).hexdigest()
    binaries, stamp = TWIN_DIR / "binaries", TWIN_DIR / "binaries.sha256"
    if not (stamp.is_file() and stamp.read_text() == fingerprint):
        shutil.rmtree(binaries, ignore_errors=True)
        bundle._pip_install(["--no-deps", *pins], binaries, platforms=None, python_version=None)
        stamp.write_text(fingerprint)
    return binaries


@pytest.fixture(scope="module")
def import_twin(asset) -> Path:
    binaries = host_twin_binaries(asset)
    twin = TWIN_DIR / "asset"
    shutil.rmtree(twin, ignore_errors=True)
    shutil.copytree(asset, twin, copy_function=os.link)
    native = sysconfig.get_config_var("EXT_SUFFIX")
    added = 0
    for module in compiled_modules(binaries):
        if not module.name.endswith(native) and ".abi3." not in module.name:
            continue
        target = twin / module.relative_to(binaries)
        assert target.parent.is_dir(), f"{module.relative_to(binaries)} has no package in the asset"
        if target.exists():  # an abi3 name is the same for both platforms: replace the link
            target.unlink()
        shutil.copy2(module, target)
        added += 1
    assert added, "no native stand-ins were built"
    return twin


IMPORT_CHECK = r"""
import importlib, json, os, sys
asset = sys.argv[1]
stdlib = [p for p in sys.path if p.startswith(sys.base_prefix)]
sys.path[:] = [asset, *stdlib]
for name in sys.argv[2:]:
    importlib.import_module(name)
foreign = sorted(
    f"{name}: {module.__file__}"
    for name, module in list(sys.modules.items())
    if getattr(module, "__file__", None)
    and not os.path.realpath(module.__file__).startswith((os.path.realpath(asset), os.path.realpath(sys.base_prefix)))
)
print(json.dumps({"foreign": foreign, "loaded": len(sys.modules)}))
"""


def import_in_isolation(asset: Path, *modules: str) -> dict:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "AWS_DEFAULT_REGION": "us-east-1",
        "TABLE_NAME": "exam-registration-import-check",
        "BUCKET_NAME": "exam-registration-import-check",
        "PAGE_TOKEN_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:page-token",
        "POWERTOOLS_SERVICE_NAME": "exam-registration-api",
        "POWERTOOLS_METRICS_NAMESPACE": "ExamRegistration",
        "POWERTOOLS_TRACE_DISABLED": "true",
    }
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", IMPORT_CHECK, str(asset), *modules],
        capture_output=True,
        text=True,
        env=environment,
        cwd=asset.parent,
        timeout=120,
    )
    assert result.returncode == 0, f"{modules} do not import from the asset alone:\n{result.stderr[-3000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_import_twin_differs_from_the_asset_only_by_native_extension_modules(asset, import_twin):
    def files(root: Path) -> set[str]:
        return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}

    extra = files(import_twin) - files(asset)
    assert files(asset) <= files(import_twin)
    assert extra and all(name.endswith(".so") for name in extra), sorted(extra)[:5]


def test_every_handler_imports_from_the_asset_alone(import_twin):
    modules = [AUTHORIZER_MODULE, *(f.module for f in LAMBDAS)]
    if "argon2-cffi" in runtime_distributions():
        modules.append("argon2")  # the compiled binding loads, not only the pure-Python wrapper
    # One interpreter for all (an import error names its module; a cold interpreter costs ~1 s each).
    report = import_in_isolation(import_twin, *modules)
    assert report["foreign"] == []
    assert report["loaded"] > 100  # it really imported their dependencies


def test_a_module_missing_from_the_asset_is_caught(import_twin):
    with pytest.raises(AssertionError, match="do not import from the asset alone"):
        import_in_isolation(import_twin, "moto")  # installed in the venv, not in the asset


# --- the build itself, with pip stubbed ------------------------------------------------------------


def lock_text(pydantic: str) -> str:
    return f"pydantic=={pydantic} \\\n    --hash=sha256:{'0' * 64}\n    # via x (pyproject.toml)\n"


@pytest.fixture
def project(tmp_path) -> Path:
    """A minimal repository: a lock file and the two packages the asset copies."""
    (tmp_path / bundle.LOCK_FILE).write_text(lock_text("2.14.3"))
    for package in bundle.SOURCE_PACKAGES:
        (tmp_path / package / "__pycache__").mkdir(parents=True)
        (tmp_path / package / "__init__.py").write_text("VERSION = 1\n")
        (tmp_path / package / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"")
    return tmp_path


def test_asset_runs_pip_once_per_lock_file_and_always_recopies_source(project, monkeypatch):
    pip_runs = []
    monkeypatch.setattr(bundle, "install_locked", lambda lock, target: pip_runs.append(lock.read_text()))

    asset = bundle.build_asset(project)
    assert pip_runs == [lock_text("2.14.3")]
    assert (asset / "shared" / "__init__.py").read_text() == "VERSION = 1\n"
    assert not list(asset.rglob("__pycache__"))

    (project / "shared" / "__init__.py").write_text("VERSION = 2\n")
    bundle.build_asset(project)
    assert len(pip_runs) == 1  # same dependencies: pip skipped
    assert (asset / "shared" / "__init__.py").read_text() == "VERSION = 2\n"

    (project / bundle.LOCK_FILE).write_text(lock_text("2.14.4"))
    bundle.build_asset(project)
    assert pip_runs[-1] == lock_text("2.14.4")


def test_rebuilding_touches_only_what_changed(project, monkeypatch):
    """Both stages synthesize at once and each rebuilds the asset: a rebuild must never take away a
    file the other is hashing."""
    monkeypatch.setattr(bundle, "install_locked", lambda lock, target: None)
    (project / "functions" / "exams").mkdir()
    (project / "functions" / "exams" / "handler.py").write_text("HANDLER = 1\n")
    (project / "functions" / "gone.py").write_text("")
    asset = bundle.build_asset(project)
    handler = asset / "functions" / "exams" / "handler.py"
    before = handler.stat().st_ino

    (project / "functions" / "gone.py").unlink()
    (project / "shared" / "__init__.py").write_text("VERSION = 3\n")
    bundle.build_asset(project)

    assert handler.stat().st_ino == before  # unchanged: not removed and copied again
    assert (asset / "shared" / "__init__.py").read_text() == "VERSION = 3\n"
    assert not (asset / "functions" / "gone.py").exists()
    assert not list(asset.rglob("*.partial"))


def test_pip_is_asked_for_the_locked_lambda_wheels_only(monkeypatch, tmp_path):
    """The lock, hash-checked, as wheels for every manylinux tag Lambda's Amazon Linux 2023 (glibc
    2.34) loads: a release whose aarch64 wheels are manylinux_2_28 only is taken, not an older one."""
    commands = []
    monkeypatch.setattr(bundle.subprocess, "run", lambda command, check: commands.append(command))
    bundle.install_locked(tmp_path / "requirements.lock", tmp_path / "asset")
    (command,) = commands
    platforms = [command[i + 1] for i, option in enumerate(command) if option == "--platform"]
    assert {"manylinux_2_34_aarch64", "manylinux_2_28_aarch64", "manylinux_2_17_aarch64"} <= set(platforms)
    assert "manylinux2014_aarch64" in platforms and "manylinux_2_35_aarch64" not in platforms
    assert all(p.endswith("_aarch64") for p in platforms)
    assert command[command.index("--python-version") + 1] == bundle.LAMBDA_PYTHON_VERSION
    assert "--only-binary=:all:" in command and "--require-hashes" in command
    assert command[command.index("-r") + 1] == str(tmp_path / "requirements.lock")
