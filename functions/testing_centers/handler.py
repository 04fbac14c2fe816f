"""Lambda for testing centers: the generic resource contract."""

from shared.api import build_handler, resource_router
from shared.resources import TESTING_CENTERS

router = resource_router(TESTING_CENTERS)
app, lambda_handler = build_handler(router)
