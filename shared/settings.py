"""Environment settings, validated once at cold start so a misconfigured function fails loudly."""

from __future__ import annotations

import os
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    table_name: str = Field(alias="TABLE_NAME", min_length=3)
    bucket_name: str | None = Field(default=None, alias="BUCKET_NAME")
    tenant_max_records_per_resource: int = Field(default=100_000, alias="TENANT_MAX_RECORDS_PER_RESOURCE", ge=1)
    default_page_limit: int = Field(default=100, alias="DEFAULT_PAGE_LIMIT", ge=1, le=1000)
    # The key that signs pagination tokens. Deployed, it comes from Secrets Manager by ARN.
    page_token_secret: str | None = Field(default=None, alias="PAGE_TOKEN_SECRET", min_length=16)
    page_token_secret_arn: str | None = Field(default=None, alias="PAGE_TOKEN_SECRET_ARN")
    # How far behind the clock the results feed (`changedSince`) stops: a write stamped earlier than
    # this must have committed and reached the index, so that no later poll can skip it.
    results_feed_settle_seconds: float = Field(default=30, alias="RESULTS_FEED_SETTLE_SECONDS", ge=0, le=3600)
    # Webhooks (shared/webhooks): the queue of delivery attempts, the KMS key that encrypts signing
    # secrets, the retry schedule (seconds before each attempt; the first is "at once").
    webhook_queue_url: str | None = Field(default=None, alias="WEBHOOK_QUEUE_URL")
    webhook_kms_key_id: str | None = Field(default=None, alias="WEBHOOK_KMS_KEY_ID")
    webhook_retry_schedule: tuple[int, ...] = Field(
        default=(0, 5, 300, 1800, 7200, 18000, 36000, 36000), alias="WEBHOOK_RETRY_SCHEDULE", min_length=1
    )
    webhook_timeout_seconds: float = Field(default=15, alias="WEBHOOK_TIMEOUT_SECONDS", gt=0, le=60)
    # Attempts in flight to one endpoint at most (a slow receiver holds no more dispatcher slots).
    webhook_max_in_flight_per_endpoint: int = Field(default=4, alias="WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT", ge=1, le=100)
    # An endpoint failing every attempt this long is disabled.
    webhook_disable_after_seconds: int = Field(default=5 * 86400, alias="WEBHOOK_DISABLE_AFTER_SECONDS", ge=1)
    # `make run` only: http:// and loopback URLs (your receiver on 127.0.0.1). Deployed stages: never.
    webhook_allow_loopback: bool = Field(default=False, alias="WEBHOOK_ALLOW_LOOPBACK")

    @field_validator("webhook_retry_schedule", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(int(part) for part in value.split(",") if part.strip())
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.model_validate(dict(os.environ))
