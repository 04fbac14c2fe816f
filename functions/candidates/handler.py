"""Lambda for candidates: the generic contract, plus lookup by the client's own candidate id."""

from shared import engine
from shared.api import build_handler, current_caller, json_response, resource_router
from shared.resources import CANDIDATES
from shared.routes import lambda_for

router = resource_router(CANDIDATES)


@router.get(
    lambda_for("candidates").named_route("byCandidateId").powertools_path,
    tags=["candidates"],
    summary="Find a candidate by the client's candidate_id",
)
def by_candidate_id(tenantId: str, candidateId: str):
    caller = current_caller(router, tenantId, CANDIDATES.read_roles)
    return json_response(engine.find_by_unique(CANDIDATES, caller, "candidate_id", candidateId))


app, lambda_handler = build_handler(router)
