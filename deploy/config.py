"""Deployment settings, read from CDK context (`cdk.json`, or `-c key=value` on the command line).

Every option the stack reads is declared once in `OPTIONS` (name, default, meaning); docs/deploy.md
lists the same table and a test keeps the two in step. Values given with `-c` arrive as strings,
values from cdk.json as JSON, so every parser accepts both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aws_cdk import RemovalPolicy
from aws_cdk import aws_logs as logs
from constructs import Node

PRODUCTION_STAGE = "prod"

# The retention periods CloudWatch Logs accepts, in days.
LOG_RETENTION: dict[int, logs.RetentionDays] = {
    1: logs.RetentionDays.ONE_DAY,
    3: logs.RetentionDays.THREE_DAYS,
    5: logs.RetentionDays.FIVE_DAYS,
    7: logs.RetentionDays.ONE_WEEK,
    14: logs.RetentionDays.TWO_WEEKS,
    30: logs.RetentionDays.ONE_MONTH,
    60: logs.RetentionDays.TWO_MONTHS,
    90: logs.RetentionDays.THREE_MONTHS,
    120: logs.RetentionDays.FOUR_MONTHS,
    150: logs.RetentionDays.FIVE_MONTHS,
    180: logs.RetentionDays.SIX_MONTHS,
    365: logs.RetentionDays.ONE_YEAR,
    400: logs.RetentionDays.THIRTEEN_MONTHS,
    545: logs.RetentionDays.EIGHTEEN_MONTHS,
    731: logs.RetentionDays.TWO_YEARS,
    1096: logs.RetentionDays.THREE_YEARS,
    1827: logs.RetentionDays.FIVE_YEARS,
    3653: logs.RetentionDays.TEN_YEARS,
}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """A context value the stack cannot use; synthesis stops with this message."""


def _integer(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise ConfigError(f"expected a whole number, got {value!r}")
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ConfigError(f"expected a whole number, got {value!r}") from None
        if not low <= number <= high:
            raise ConfigError(f"{number} is outside {low}..{high}")
        return number

    return parse


def _log_retention(value: Any) -> int:
    days = _integer(1, 3653)(value)
    if days not in LOG_RETENTION:
        raise ConfigError(f"{days} days is not a CloudWatch Logs retention period; use one of {sorted(LOG_RETENTION)}")
    return days


def _text(value: Any) -> str:
    return str(value).strip()


def _optional_arn(service: str) -> Callable[[Any], str | None]:
    def parse(value: Any) -> str | None:
        text = str(value or "").strip()
        if not text:
            return None
        if not text.startswith("arn:") or f":{service}:" not in text:
            raise ConfigError(f"expected an arn:...:{service}:... ARN, got {text!r}")
        return text

    return parse


def _origins(value: Any) -> tuple[str, ...]:
    """A JSON list (cdk.json) or a comma-separated string (`-c corsOrigins=https://a,https://b`)."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        text = value.strip()
        items = json.loads(text) if text.startswith("[") else text.split(",")
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise ConfigError(f"expected a list of origins, got {value!r}")
    origins = tuple(str(item).strip().rstrip("/") for item in items if str(item).strip())
    for origin in origins:
        if origin != "*" and not origin.startswith(("https://", "http://localhost", "http://127.0.0.1")):
            raise ConfigError(f"CORS origin {origin!r} must be https:// (or http://localhost for development)")
    return origins


def _switch(value: Any) -> bool:
    """true/false from cdk.json, or the strings `-c key=true|false` (also 1/0, yes/no, on/off)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off", ""):
        return False
    raise ConfigError(f"expected true or false, got {value!r}")


def _log_level(value: Any) -> str:
    level = str(value).strip().upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"log level must be one of {LOG_LEVELS}")
    return level


@dataclass(frozen=True)
class Option:
    key: str
    parse: Callable[[Any], Any]
    default: Any  # a value, or a callable of the stage name for stage-dependent defaults
    meaning: str

    def default_for(self, stage: str) -> Any:
        return self.default(stage) if callable(self.default) else self.default


def _by_stage(dev: Any, prod: Any) -> Callable[[str], Any]:
    return lambda stage: prod if stage == PRODUCTION_STAGE else dev


OPTIONS: tuple[Option, ...] = (
    Option("stage", _text, "dev", "Stage name; the stack is `ExamRegistration-<stage>`. Only `prod` retains data."),
    Option(
        "tenantMaxRecordsPerResource",
        _integer(1, 100_000_000),
        100_000,
        "Default cap on records per resource per tenant (`TENANT_MAX_RECORDS_PER_RESOURCE`).",
    ),
    Option(
        "bulkLoadRetentionDays",
        _integer(1, 3650),
        30,
        "Days before bulk-load source files and their error reports (objects tagged `retention=bulk-load`) expire.",
    ),
    Option(
        "exportRetentionDays",
        _integer(1, 3650),
        30,
        "Days before export files (objects tagged `retention=export`) expire.",
    ),
    Option(
        "noncurrentVersionRetentionDays",
        _integer(1, 3650),
        30,
        "Days an overwritten or deleted object version is kept in the bucket.",
    ),
    Option(
        "accessLogRetentionDays",
        _integer(1, 3650),
        _by_stage(90, 365),
        "Days S3 server access logs are kept in the log bucket.",
    ),
    Option(
        "logRetentionDays",
        _log_retention,
        _by_stage(7, 365),
        "CloudWatch Logs retention for function and API access logs (a value CloudWatch accepts).",
    ),
    Option("logLevel", _log_level, "INFO", "`POWERTOOLS_LOG_LEVEL` of every function."),
    Option(
        "reservedConcurrency",
        _integer(1, 10_000),
        _by_stage(10, 50),
        "Reserved concurrency of each function (authorizer included): its guaranteed share and its ceiling.",
    ),
    Option(
        "snapStart",
        _switch,
        False,
        "Lambda SnapStart for the authorizer and the API functions: API Gateway calls each one's `live` alias of a "
        "published version, started from a snapshot taken after its imports (the most of a cold start). Adds "
        "snapshot caching and restore charges per function.",
    ),
    Option(
        "authorizerCacheTtlSeconds",
        _integer(0, 3600),
        300,
        "How long API Gateway caches an authorizer decision: the longest a revoked key keeps working. 0 = off.",
    ),
    Option("throttleRateLimit", _integer(1, 10_000), 100, "Stage-wide steady request rate (requests/s, all tenants)."),
    Option("throttleBurstLimit", _integer(1, 5_000), 200, "Stage-wide burst (requests)."),
    Option(
        "corsOrigins",
        _origins,
        (),
        "Browser origins allowed by CORS (JSON list or comma-separated). Empty: no CORS, no OPTIONS methods.",
    ),
    Option("wafAclArn", _optional_arn("wafv2"), None, "A regional WAFv2 web ACL to associate with the stage (prod)."),
    Option(
        "alarmTopicArn",
        _optional_arn("sns"),
        None,
        "SNS topic for alarm notifications. Empty: the stack creates one (output `AlarmTopicArn`).",
    ),
    Option(
        "latencyP99ThresholdMs",
        _integer(50, 29_000),
        3000,
        "Per-route p99 latency (ms) above which the route's alarm fires.",
    ),
    Option(
        "serverErrorRateThresholdPercent",
        _integer(1, 100),
        1,
        "Share of requests answered 5xx (percent, over 5 minutes) above which the 5xx alarm fires.",
    ),
)


@dataclass(frozen=True)
class StackConfig:
    stage: str
    tenant_max_records_per_resource: int
    bulk_load_retention_days: int
    export_retention_days: int
    noncurrent_version_retention_days: int
    access_log_retention_days: int
    log_retention_days: int
    log_level: str
    reserved_concurrency: int
    snap_start: bool
    authorizer_cache_ttl_seconds: int
    throttle_rate_limit: int
    throttle_burst_limit: int
    cors_origins: tuple[str, ...]
    waf_acl_arn: str | None
    alarm_topic_arn: str | None
    latency_p99_threshold_ms: int
    server_error_rate_threshold_percent: int

    @property
    def is_production(self) -> bool:
        return self.stage == PRODUCTION_STAGE

    @property
    def log_retention(self) -> logs.RetentionDays:
        return LOG_RETENTION[self.log_retention_days]

    @property
    def data_removal_policy(self) -> RemovalPolicy:
        """Of the table, buckets, secret, queue and log groups: production data outlives the stack;
        anything else is disposable."""
        return RemovalPolicy.RETAIN if self.is_production else RemovalPolicy.DESTROY

    @classmethod
    def from_context(cls, node: Node, stage: str | None = None) -> StackConfig:
        """Read every option from `node`'s context; `stage` (if given) wins over the context's."""
        stage = stage or _text(node.try_get_context("stage") or "dev")
        values: dict[str, Any] = {}
        for option in OPTIONS:
            raw = stage if option.key == "stage" else node.try_get_context(option.key)
            try:
                values[_snake(option.key)] = option.default_for(stage) if raw is None else option.parse(raw)
            except (ConfigError, ValueError) as error:
                raise ConfigError(f"context {option.key}: {error}") from None
        config = cls(**values)
        if config.throttle_burst_limit < config.throttle_rate_limit:
            raise ConfigError("context throttleBurstLimit must be at least throttleRateLimit")
        return config


def _snake(key: str) -> str:
    """`latencyP99ThresholdMs` -> `latency_p99_threshold_ms`."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in key)
