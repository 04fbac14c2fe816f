"""Synthesis fixtures shared by the infrastructure tests.

Each template is synthesized once per session (synthesis takes 10-15 s). The deploy test modules
mark themselves `xdist_group("deploy")`, so under `pytest -n 2 --dist loadgroup` they share one
worker and these fixtures are built once.

- `dev` / `prod`: `npx cdk synth -c stage=<stage>` itself (the CLI, cdk.json, the real asset,
  the cdk-nag plugin), both stages at once, into a temporary directory. `dev` runs on the defaults;
  `prod` also gets every optional context value that changes the template's shape
  (PROD_CONTEXT: CORS, a WAF ACL, an existing alarm topic, SnapStart) and a few numbers, so both sides of each
  option are synthesized, linted and scanned.
- `indexed`: the app's stack built in-process (not synthesized) with one more route-table function
  that declares the index it queries, and that index added to the schema.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aws_cdk.assertions import Template

REPO_ROOT = Path(__file__).resolve().parents[2]
CDK_JSON = json.loads((REPO_ROOT / "cdk.json").read_text())
STAGES = ("dev", "prod")
CLI_TIMEOUT = 420  # seconds; the first run also builds the Lambda asset (pip)

# `-c` values of the prod synthesis: every option that changes the template's shape when given.
PROD_CONTEXT = {
    "corsOrigins": "https://portal.example.com",
    "wafAclArn": "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/exam-api/0f1e2d3c-aaaa-bbbb-cccc-111122223333",
    "alarmTopicArn": "arn:aws:sns:eu-west-1:123456789012:ops-alarms",
    "authorizerCacheTtlSeconds": "60",
    "bulkLoadRetentionDays": "14",
    "exportRetentionDays": "3",
    "snapStart": "true",
}
STAGE_CONTEXT = {"dev": {}, "prod": PROD_CONTEXT}


@dataclass
class Synthesized:
    """One synthesized stack: its template (dict and file), plus the construct tree if in-process."""

    name: str
    stage: str
    template_path: Path
    template: dict[str, Any]
    stack: Any = None
    _assertions: Template | None = field(default=None, repr=False)

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        return self.template["Resources"]

    @property
    def nested(self) -> dict[str, tuple[Path, dict[str, Any]]]:
        """Nested stack logical id -> (its template file, its template), written beside this one."""
        assets_file = self.template_path.parent / f"{self.name}.assets.json"
        assets = json.loads(assets_file.read_text())["files"]
        found = {}
        for name, resource in self.resources.items():
            if resource["Type"] == "AWS::CloudFormation::Stack":
                # TemplateURL ends with /<asset hash>.json; the assets manifest names the file.
                asset_hash = json.dumps(resource["Properties"]["TemplateURL"]).rsplit("/", 1)[1].split(".json")[0]
                path = self.template_path.parent / assets[asset_hash]["source"]["path"]
                found[name] = (path, json.loads(path.read_text()))
        return found

    @property
    def template_paths(self) -> list[Path]:
        return [self.template_path, *(path for path, _ in self.nested.values())]

    @property
    def monitoring(self) -> dict[str, dict[str, Any]]:
        """The monitoring nested stack's resources, its parameters replaced by what the parent passes."""
        ((name, (_, template)),) = [(n, t) for n, t in self.nested.items() if n.startswith("Monitoring")]
        passed = self.resources[name]["Properties"].get("Parameters", {})

        def resolve(value: Any) -> Any:
            if isinstance(value, dict):
                if set(value) == {"Ref"} and value["Ref"] in passed:
                    return passed[value["Ref"]]
                return {k: resolve(v) for k, v in value.items()}
            if isinstance(value, list):
                return [resolve(v) for v in value]
            return value

        return resolve(template["Resources"])

    @property
    def assertions(self) -> Template:
        if self._assertions is None:
            self._assertions = Template.from_json(self.template)
        return self._assertions


def tool_environment() -> dict[str, str]:
    """Offline: no AWS credentials or profile, no metadata-service probing, no CDK notices/telemetry."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment.update(
        {
            "AWS_EC2_METADATA_DISABLED": "true",
            "CDK_DISABLE_CLI_TELEMETRY": "true",
            "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION": "1",
            "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
            # cdk.json runs `python3 deploy/app.py`: the venv's python must come first.
            "PATH": os.pathsep.join(
                [str(Path(sys.executable).parent), str(REPO_ROOT / "node_modules" / ".bin"), os.environ["PATH"]]
            ),
        }
    )
    return environment


@pytest.fixture(scope="session")
def stub_asset(tmp_path_factory) -> Path:
    """Stacks built in-process only need a directory to hash; the real asset is tested on its own."""
    directory = tmp_path_factory.mktemp("lambda-asset")
    (directory / "placeholder.py").write_text("")
    return directory


class CliSynth:
    """`npx cdk synth -c stage=<stage> --quiet -o <dir>` for both stages, concurrently, as `make synth`
    does; started at the beginning of the session (see `_start_early`) and waited for when needed."""

    def __init__(self, out: Path):
        self.out = out
        self.runs: dict[str, tuple[subprocess.Popen, Any]] = {}
        self.done: dict[str, Path] | None = None

    def start(self) -> None:
        from deploy.bundle import build_asset

        build_asset(REPO_ROOT)  # once, before the two CLI runs (they then only recopy the sources)
        for stage in STAGES:
            log = (self.out / f"{stage}.log").open("w")
            command = ["npx", "--no-install", "cdk", "synth", "--quiet", "--no-notices"]
            command += ["-c", f"stage={stage}", "-o", str(self.out / stage)]
            command += [arg for key, value in STAGE_CONTEXT[stage].items() for arg in ("-c", f"{key}={value}")]
            process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                env=tool_environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            self.runs[stage] = (process, log)

    def wait(self) -> dict[str, Path]:
        if self.done is None:
            for stage, (process, log) in self.runs.items():
                code = process.wait(timeout=CLI_TIMEOUT)
                log.close()
                if code != 0:
                    output = (self.out / f"{stage}.log").read_text()[-6000:]
                    pytest.fail(f"cdk synth -c stage={stage} exited {code}:\n{output}")
            self.done = {stage: self.out / stage for stage in STAGES}
        return self.done

    def stop(self) -> None:
        for process, log in self.runs.values():
            if process.poll() is None:
                process.kill()
                process.wait()
            log.close()


def needed(request, fixture: str) -> bool:
    """Whether any test of this run uses `fixture`, directly or through another fixture."""
    return any(fixture in getattr(item, "fixturenames", ()) for item in request.session.items)


@pytest.fixture(scope="session")
def _cli_synth_started(tmp_path_factory) -> Iterator[CliSynth]:
    synth = CliSynth(tmp_path_factory.mktemp("cdk-out"))
    synth.start()
    yield synth
    synth.stop()


@pytest.fixture(scope="session", autouse=True)
def _start_early(request):
    """The first deploy test starts the CLI synthesis (if any test of the run needs it); it then runs
    while the first tests do."""
    if needed(request, "cli_synth"):
        request.getfixturevalue("_cli_synth_started")


@pytest.fixture(scope="session")
def cli_synth(_cli_synth_started) -> dict[str, Path]:
    return _cli_synth_started.wait()


def _from_cli(cli_synth: dict[str, Path], stage: str) -> Synthesized:
    from deploy.stack import stack_name

    path = cli_synth[stage] / f"{stack_name(stage)}.template.json"
    return Synthesized(stack_name(stage), stage, path, json.loads(path.read_text()))


@pytest.fixture(scope="session")
def dev(cli_synth) -> Synthesized:
    return _from_cli(cli_synth, "dev")


@pytest.fixture(scope="session")
def prod(cli_synth) -> Synthesized:
    return _from_cli(cli_synth, "prod")


@pytest.fixture(scope="session", params=STAGES)
def synthesized(request) -> Synthesized:
    """Each stage in turn (dev, prod)."""
    return request.getfixturevalue(request.param)


# --- the `indexed` variant: in-process, with an extra function that queries an index --------------


def indexed_function():
    """A route-table entry that declares the index it queries (what `Lambda.indexes` would be)."""
    from dataclasses import dataclass as frozen_dataclass

    from shared.routes import Lambda, Route

    @frozen_dataclass(frozen=True)
    class IndexedFunction(Lambda):
        indexes: tuple[str, ...] = ()

    return IndexedFunction(
        "lookups",
        "functions.lookups.handler",
        operations=("get",),
        extra_routes=(Route("GET", "/lookups/{tenantId}/byCode/{code}"),),
        indexes=("byCode",),
    )


EXTRA_INDEX = ("byCode", ("_codepk", "_codesk"))


@pytest.fixture(scope="session")
def indexed(stub_asset):
    """The stack (construct tree, not synthesized) with `indexed_function` and its index added."""
    import aws_cdk as cdk

    import deploy.stack

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(deploy.stack, "LAMBDAS", (*deploy.stack.LAMBDAS, indexed_function()))
        indexes = dict([*deploy.stack.GLOBAL_SECONDARY_INDEXES.items(), EXTRA_INDEX])
        patch.setattr(deploy.stack, "GLOBAL_SECONDARY_INDEXES", indexes)
        app = cdk.App(context={**CDK_JSON["context"], "stage": "dev"})
        return deploy.stack.ExamRegistrationStack(app, "Indexed", asset_dir=stub_asset)


@pytest.fixture(scope="session")
def all_templates(dev, prod, static_checks) -> list[Synthesized]:
    return [dev, prod]


@pytest.fixture(scope="session")
def static_checks(dev, prod, tmp_path_factory) -> Iterator[Any]:
    """cfn-lint and checkov on the CLI's templates (nested ones included), started in the background
    as soon as they exist, so they run while other tests do."""
    from .static_checks import StaticChecks

    checks = StaticChecks([path for s in (dev, prod) for path in s.template_paths], tmp_path_factory.mktemp("tools"))
    yield checks
    checks.stop()
