"""cfn-lint and checkov on the synthesized templates, run as background processes.

checkov reads the templates as synthesized (the gate: nothing may fail) and, in the same run (its
start-up costs more than a template), copies without the `Metadata.checkov.skip` entries
deploy/compliance.py writes (what fails there must be exactly what is skipped: no stale or
over-broad skip).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

from deploy import bundle

from .conftest import REPO_ROOT, tool_environment

TOOLS_VENV = REPO_ROOT / "build" / "venv-tools"
TOOLS_REQUIREMENTS = REPO_ROOT / "deploy" / "tools-requirements.txt"
CFN_LINT = Path(sys.executable).parent / "cfn-lint"
TOOL_TIMEOUT = 900


def checkov_executable() -> Path:
    """checkov from its own venv under build/ (its pins clash with the project's), made if missing
    or if deploy/tools-requirements.txt changed; `make checkov` makes the same venv."""
    executable = TOOLS_VENV / "bin" / "checkov"
    stamp = TOOLS_VENV / ".requirements"
    wanted = TOOLS_REQUIREMENTS.read_text()
    if executable.exists() and stamp.exists() and stamp.read_text() == wanted:
        return executable
    with bundle._locked(REPO_ROOT / "build" / "venv-tools.lock"):
        if not (executable.exists() and stamp.exists() and stamp.read_text() == wanted):
            venv.EnvBuilder(with_pip=True, clear=True).create(TOOLS_VENV)
            pip = [str(TOOLS_VENV / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check"]
            subprocess.run([*pip, "-r", str(TOOLS_REQUIREMENTS)], check=True, timeout=TOOL_TIMEOUT)
            stamp.write_text(wanted)
    return executable


def template_key(path: Path | str) -> str:
    """`ExamRegistration-dev.template.json` / `ExamRegistration-dev.noskips.json` -> `ExamRegistration-dev`."""
    return Path(path).name.split(".")[0]


def is_stripped(path: Path | str) -> bool:
    return Path(path).name.endswith(".noskips.json")


def without_checkov_skips(template: dict[str, Any]) -> dict[str, Any]:
    stripped = copy.deepcopy(template)
    for resource in stripped["Resources"].values():
        resource.get("Metadata", {}).pop("checkov", None)
    return stripped


def checkov_command(executable: Path, paths: list[Path]) -> list[str]:
    files = [arg for path in paths for arg in ("-f", str(path))]
    return [str(executable), *files, "--framework", "cloudformation", "--skip-download", "-o", "json"]


class StaticChecks:
    def __init__(self, paths: list[Path], work: Path):
        self.paths, self.work = paths, work
        stripped = []
        for path in paths:
            copy_path = work / f"{template_key(path)}.noskips.json"
            copy_path.write_text(json.dumps(without_checkov_skips(json.loads(path.read_text()))))
            stripped.append(copy_path)
        executable = checkov_executable()
        self.processes: dict[str, tuple[subprocess.Popen, Path]] = {}
        for name, command in {
            "cfn-lint": [str(CFN_LINT), "--format", "json", "--", *map(str, paths)],
            "checkov": checkov_command(executable, [*paths, *stripped]),
        }.items():
            output = work / f"{name}.json"
            with output.open("w") as sink, (work / f"{name}.err").open("w") as errors:
                process = subprocess.Popen(command, stdout=sink, stderr=errors, env=tool_environment(), cwd=work)
            self.processes[name] = (process, output)

    def _finished(self, name: str) -> tuple[int, str]:
        process, output = self.processes[name]
        code = process.wait(timeout=TOOL_TIMEOUT)
        return code, output.read_text()

    def cfn_lint(self) -> tuple[int, list[dict]]:
        code, text = self._finished("cfn-lint")
        return code, json.loads(text or "[]")

    def checkov(self, stripped: bool = False) -> dict[str, list[dict]]:
        """Results on the templates as synthesized, or (`stripped`) on the copies without skips."""
        code, text = self._finished("checkov")
        if not text.strip():
            raise AssertionError(f"checkov exited {code} without a report:\n{(self.work / 'checkov.err').read_text()}")
        report = json.loads(text)
        results: dict[str, list[dict]] = {"passed_checks": [], "failed_checks": [], "skipped_checks": []}
        for one in report if isinstance(report, list) else [report]:
            for kind in results:
                results[kind] += [
                    c for c in one.get("results", {}).get(kind, []) if is_stripped(c["file_path"]) == stripped
                ]
        return results

    def stop(self) -> None:
        for process, _ in self.processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
