"""Lambda for exam reg processes: the generic resource contract."""

from shared.api import build_handler, resource_router
from shared.resources import EXAM_REG_PROCESSES

router = resource_router(EXAM_REG_PROCESSES)
app, lambda_handler = build_handler(router)
