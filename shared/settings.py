"""Environment settings, validated once at cold start so a misconfigured function fails loudly."""

from __future__ import annotations

import os
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field


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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.model_validate(dict(os.environ))
