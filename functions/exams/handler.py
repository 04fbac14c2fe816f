"""Lambda for exams: the generic resource contract."""

from shared.api import build_handler, resource_router
from shared.resources import EXAMS

router = resource_router(EXAMS)
app, lambda_handler = build_handler(router)
