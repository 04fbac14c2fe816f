"""The Python client package clients/python/ (`make client`), generated from docs/openapi.json by
openapi-python-client (pinned in pyproject's dev extras) with the settings in
clients/openapi-python-client.yaml.

The generator runs in a fresh directory and its output then replaces clients/python/ whole, so a file
for an operation or schema the document dropped does not linger (`--overwrite` alone keeps it). Its
post-hooks format the output with the venv's pinned ruff under the generated pyproject's own settings,
so the same document gives the same bytes wherever it runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC_PATH = ROOT / "docs" / "openapi.json"
CONFIG_PATH = ROOT / "clients" / "openapi-python-client.yaml"
CLIENT_DIR = ROOT / "clients" / "python"


class GenerationError(RuntimeError):
    """openapi-python-client failed; the message carries its output."""


def generate(output: Path, document: Path = DOC_PATH) -> None:
    """Writes the client package generated from `document` to `output` (which must not exist)."""
    bin_dir = Path(sys.executable).parent
    # The post-hooks call `ruff` by name: the venv's (the version pyproject pins) comes first.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    argv = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(document),
        "--config",
        str(CONFIG_PATH),
        "--meta",
        "setup",
        "--output-path",
        str(output),
    ]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed argv
    # Warnings (the inline text/csv and application/x-ndjson bulk-load bodies it cannot model) do not
    # stop it; an error (a post-hook failing, an unreadable document) does, and the exit status says so.
    if done.returncode != 0 or not (output / "setup.py").is_file():
        raise GenerationError(f"openapi-python-client failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "python"
        generate(fresh)
        shutil.rmtree(CLIENT_DIR, ignore_errors=True)
        shutil.copytree(fresh, CLIENT_DIR)
    print(f"wrote {CLIENT_DIR.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
