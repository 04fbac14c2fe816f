"""The CDK app: `npx cdk synth -c stage=dev` (cdk.json runs this file from the repository root).

cdk-nag's AwsSolutions pack runs on every synthesis (cdk-nag 3.x: a CDK policy-validation plugin),
so `cdk synth` and `cdk deploy` stop on any finding that deploy/compliance.py does not acknowledge.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# cdk runs `python3 deploy/app.py`, which puts deploy/ (not the root) on sys.path; the stack imports
# `shared` and `deploy` as packages.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import aws_cdk as cdk  # noqa: E402
from cdk_nag import AwsSolutionsChecks  # noqa: E402

from deploy.bundle import build_asset  # noqa: E402
from deploy.config import StackConfig  # noqa: E402
from deploy.stack import ExamRegistrationStack, stack_name  # noqa: E402


def build_app(
    context: dict[str, Any] | None = None, outdir: str | None = None, asset_dir: Path | str | None = None
) -> tuple[cdk.App, ExamRegistrationStack]:
    """The app with its one stack (the context's stage) and the cdk-nag plugin, as `cdk synth` runs it.

    `context` and `outdir` default to what the CDK CLI passes (cdk.json, `-c`, `-o`); `asset_dir`
    to the real Lambda asset, built on demand.
    """
    app = cdk.App(context=context, outdir=outdir)
    config = StackConfig.from_context(app.node)
    # No env: the template is account- and region-agnostic, so synth needs no credentials.
    stack = ExamRegistrationStack(
        app,
        stack_name(config.stage),
        config=config,
        asset_dir=asset_dir if asset_dir is not None else build_asset(REPO_ROOT),
        description=f"Exam registration API ({config.stage})",
    )
    # Acknowledged findings are also written into the template metadata (`cdk_nag`), for audits.
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app, write_suppressions_to_cloud_formation=True))
    return app, stack


def main() -> None:
    app, _ = build_app()
    app.synth()


if __name__ == "__main__":
    main()
