"""Valid request bodies the unit and integration tests start from."""

from __future__ import annotations

from typing import Any

from infra.events import SAMPLE_BODIES


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
