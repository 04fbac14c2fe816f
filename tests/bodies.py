"""Valid request bodies the unit and integration tests start from."""

from __future__ import annotations

from typing import Any

from generators.events import SAMPLE_BODIES


def exam_body(code: str = "CPA-1", **extra: Any) -> dict[str, Any]:
    return {
        "name": f"Exam {code}",
        "code": code,
        "description": "Financial accounting",
        "domains": [{"code": "D1", "name": "Ethics", "weight": 40}, {"code": "D2", "name": "Audit", "weight": 60}],
        "passing_score": 70,
        **extra,
    }


def process_body(exam_ids: list[str], **extra: Any) -> dict[str, Any]:
    return {**SAMPLE_BODIES["examRegProcesses"], "exam_ids": exam_ids, **extra}


# An id longer than DynamoDB's 1,024-byte sort key, and every route that takes an id in its path.
LONG_ID = "A" * 1100
LONG_ID_ROUTES = [
    ("GET", f"/exams/demo/{LONG_ID}"),
    ("PATCH", f"/exams/demo/{LONG_ID}"),
    ("DELETE", f"/exams/demo/{LONG_ID}"),
    ("GET", f"/candidates/demo/byCandidateId/{LONG_ID}"),
    ("GET", f"/examRegistrations/demo/byCandidate/{LONG_ID}"),
    ("GET", f"/examRegistrations/demo/calendar/{LONG_ID}?from=2026-12-01&to=2026-12-02"),
    ("GET", f"/examRegProcesses/demo/eligible/{LONG_ID}/{LONG_ID}"),
    ("GET", f"/exams/demo/bulkLoads/{LONG_ID}"),
    ("GET", f"/exams/demo/exports/{LONG_ID}"),
]
RENAME_PATCH = [{"op": "replace", "path": "/name", "value": "x"}]


def nested(levels: int) -> dict:
    """{"x": {"x": ... {}}}: `levels` objects around an empty one."""
    value: dict = {}
    for _ in range(levels):
        value = {"x": value}
    return value
