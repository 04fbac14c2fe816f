"""Lambda for exam reg processes: the generic contract, plus which processes a candidate may use."""

from shared import read_models
from shared.api import build_handler, current_caller, json_response, resource_router
from shared.resources import EXAM_REG_PROCESSES
from shared.routes import lambda_for

router = resource_router(EXAM_REG_PROCESSES)


@router.get(
    lambda_for("examRegProcesses").named_route("eligible").powertools_path,
    tags=["examRegProcesses"],
    summary="The processes a candidate may use for an exam, and their last registration for it",
)
def eligible(tenantId: str, contactId: str, examId: str):
    caller = current_caller(router, tenantId, EXAM_REG_PROCESSES.read_roles)
    return json_response(read_models.eligibility(caller, contactId, examId))


app, lambda_handler = build_handler(router)
