"""The committed Python client package (clients/python/) is what `make client` generates from the
committed docs/openapi.json: regenerated into a temporary directory, the two trees hold the same files
with the same bytes."""

from __future__ import annotations

from pathlib import Path

from generators.client import CLIENT_DIR, generate

# What builds, installs and tools leave in the package directory (its .gitignore lists them): not
# generator output, so not compared.
NOT_GENERATED = {"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache", "build", "dist"}


def _files(root: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(part in NOT_GENERATED or part.endswith(".egg-info") for part in parts) or not path.is_file():
            continue
        found["/".join(parts)] = path.read_bytes()
    return found


def test_committed_client_package_is_current(tmp_path):
    fresh = tmp_path / "python"
    generate(fresh)
    expected, committed = _files(fresh), _files(CLIENT_DIR)
    assert "exam_registration_api_client/client.py" in expected and "setup.py" in expected
    stale = sorted(name for name in expected.keys() | committed.keys() if expected.get(name) != committed.get(name))
    assert stale == [], f"clients/python/ is stale (these files differ): run `make client`\n{stale}"
