"""Deploy code stands on its own: nothing under deploy/ imports the local emulator, the generators or
the operator CLI. What the stack and the emulator both need lives in shared/ (shared/gateway_contract.py)."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import REPO_ROOT

FORBIDDEN = ("emulator", "generators", "cli")


def forbidden_imports(source: str) -> list[str]:
    """The modules `source` imports (`import x`, `from x import y`, at any depth) that are FORBIDDEN
    packages or inside them. Relative imports stay inside their own package, so they never are."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [name for name in names if name.split(".")[0] in FORBIDDEN]
    return found


def deploy_modules() -> list[Path]:
    return sorted((REPO_ROOT / "deploy").rglob("*.py"))


def test_deploy_imports_neither_the_emulator_nor_the_generators_nor_the_cli():
    offending = {
        str(path.relative_to(REPO_ROOT)): found
        for path in deploy_modules()
        if (found := forbidden_imports(path.read_text()))
    }
    assert offending == {}


def test_the_scan_reads_every_deploy_module():
    names = {path.relative_to(REPO_ROOT).as_posix() for path in deploy_modules()}
    assert {"deploy/app.py", "deploy/stack.py", "deploy/parts/api.py", "deploy/parts/functions.py"} <= names


def test_the_scan_finds_each_form_of_import():
    source = """
import emulator
import os, cli.main as cli_main
from generators.openapi import build
from emulator import gateway

def later():
    from cli import bulk
from shared import api
from .parts import data
import clinic
"""
    assert forbidden_imports(source) == [
        "emulator",
        "cli.main",
        "generators.openapi",
        "emulator",
        "cli",
    ]
