"""Sample bulk-load files, one CSV and one NDJSON per resource, in docs/samples/
(`python -m generators.samples` rewrites them; a test checks they are current and valid)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "docs" / "samples"
EXAM_1, EXAM_2 = "01JEXAMPLEEXAM0000000000A1", "01JEXAMPLEEXAM0000000000B2"
CANDIDATE, REGISTRATION = "01JEXAMPLECAND0000000000C1", "01JEXAMPLEREGI0000000000R1"

SAMPLES: dict[str, list[dict]] = {
    "exams": [
        {
            "name": "Certified Widget Inspector",
            "code": "CWI",
            "description": "Level 1",
            "passing_score": 70,
            "is_active": True,
            "sys_external_id": "EX-100",
            "domains": [
                {"code": "SAFETY", "name": "Safety", "weight": 40},
                {"code": "QA", "name": "Quality", "weight": 60},
            ],
        },
        {"name": "Certified Widget Auditor", "code": "CWA", "domains": [], "sys_external_id": "EX-200"},
    ],
    "examRegProcesses": [
        {
            "name": "Standard registration",
            "type": "register",
            "exam_ids": [EXAM_1, EXAM_2],
            "restrict_exams": True,
            "is_active": True,
            "form_id": "certifications-exam-registrations__standard",
            "contact_form_options": {},
            "checkout_settings": {},
            "confirmation_email": {"subject": "Registered"},
        },
        {
            "name": "Retest",
            "type": "retest",
            "exam_ids": [EXAM_1],
            "restrict_exams": True,
            "is_active": True,
            "contact_form_options": {},
            "checkout_settings": {},
            "confirmation_email": {},
        },
    ],
    "candidates": [
        {
            "candidate_id": "C-1001",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": "ada@example.org",
            "phone": "+44 20 7946 0000",
            "sys_external_id": "CRM-1001",
            "address": {"line1": "12 St James's Square", "city": "London", "postal_code": "SW1Y 4JH", "country": "GB"},
        },
        {
            "candidate_id": "C-1002",
            "first_name": "Alan",
            "last_name": "Turing",
            "address": {"city": "Wilmslow", "country": "GB"},
        },
    ],
    "testingCenters": [
        {
            "name": "Boston Downtown",
            "code": "BOS-1",
            "timezone": "America/New_York",
            "address": {"line1": "1 Main St", "city": "Boston", "state": "MA", "country": "US"},
        },
        {"name": "Berlin Mitte", "code": "BER-1", "timezone": "Europe/Berlin", "is_active": True},
    ],
    "proctors": [
        {
            "name": "Pat Proctor",
            "username": "pat",
            "password": "correct horse battery",
            "email": "pat@example.org",
            "testing_center_codes": ["BOS-1"],
        },
        {
            "name": "Kim Proctor",
            "username": "kim",
            "password": "another long secret",
            "testing_center_codes": ["BOS-1", "BER-1"],
        },
    ],
    "examRegistrations": [
        {
            "candidate_id": CANDIDATE,
            "exam_id": EXAM_1,
            "delivery_mode": "test_center",
            "testing_center_code": "BOS-1",
            "scheduled_at": "2026-12-01T09:00:00-05:00",
            "accommodations": ["extra time"],
        },
        {
            "candidate_id": CANDIDATE,
            "exam_id": EXAM_2,
            "delivery_mode": "remote",
            "scheduled_at": "2026-12-03T14:00:00Z",
            "status": "draft",
        },
    ],
    "examResults": [
        {
            "registration_id": REGISTRATION,
            "overall_score": 82,
            "passed": True,
            "completed_at": "2026-12-01T11:30:00-05:00",
            "domain_scores": [{"domain_code": "SAFETY", "score": 90}, {"domain_code": "QA", "score": 76}],
        },
    ],
}


def rendered() -> dict[str, str]:
    from shared import csvio
    from shared.resources import BULK_RESOURCES

    files = {}
    for name, records in SAMPLES.items():
        spec = BULK_RESOURCES[name]
        files[f"{name}.ndjson"] = "".join(json.dumps(r) + "\n" for r in records)
        rows = [csvio.flatten(r, spec.model, spec.keyed_lists) for r in records]
        out = io.StringIO()
        writer = csv.DictWriter(
            out, fieldnames=csvio.column_order([c for row in rows for c in row], spec.model), lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        files[f"{name}.csv"] = out.getvalue()
    return files


def main() -> None:
    SAMPLES_DIR.mkdir(parents=True, exist_ok=True)
    for name, text in rendered().items():
        (SAMPLES_DIR / name).write_text(text)
    print(f"wrote {len(SAMPLES)} resources' samples to {SAMPLES_DIR}")


if __name__ == "__main__":
    main()
