"""The CDK app: `npx cdk synth -c stage=dev` (cdk.json runs this file from the repository root)."""

from __future__ import annotations

import sys
from pathlib import Path

# cdk runs `python3 infra/app.py`, which puts infra/ (not the root) on sys.path; the stack imports
# `shared` and `infra` as packages.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import aws_cdk as cdk  # noqa: E402

from infra.bundle import build_asset  # noqa: E402
from infra.stack import ExamRegistrationStack, stack_name  # noqa: E402


def main() -> None:
    app = cdk.App()
    stage = app.node.try_get_context("stage") or "dev"
    # No env: the template is account- and region-agnostic, so synth needs no credentials.
    ExamRegistrationStack(app, stack_name(stage), stage=stage, asset_dir=build_asset(REPO_ROOT))
    app.synth()


if __name__ == "__main__":
    main()
