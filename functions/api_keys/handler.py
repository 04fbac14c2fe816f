"""Lambda for API keys (admin only): the generic resource contract."""

from shared.api import build_handler, resource_router
from shared.resources import API_KEYS

router = resource_router(API_KEYS)
app, lambda_handler = build_handler(router)
