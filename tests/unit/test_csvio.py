"""CSV column mapping (shared/csvio.py): what an export writes, a bulk load reads back as the same
record. Rows go through Python's csv module in memory, as the export and the load use it."""

from __future__ import annotations

import csv
import io
from datetime import UTC

from hypothesis import given
from hypothesis import strategies as st

from shared import csvio, store
from shared.engine import validate
from shared.models.candidates import CandidateIn
from shared.models.exam_results import ExamResultIn
from shared.resources import CANDIDATES, EXAM_REG_PROCESSES, EXAM_RESULTS

SCORES = EXAM_RESULTS.keyed_lists
RESULT = {
    "id": "R1",
    "registration_id": "REG1",
    "overall_score": 81.5,
    "passed": True,
    "domain_scores": [
        {"domain_code": "D1", "score": 90.0, "domain_name": "Safety"},
        {"domain_code": "D2", "score": 73},
    ],
    "completed_at": "2026-03-01T10:00:00.000Z",
    "candidate": {"id": "C1", "last_name": "Lee"},
    "sys_version": 2,
    "sys_locked": False,
}


def through_csv(rows: list[dict[str, str]], columns: list[str]) -> list[dict[str, str | None]]:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))


def test_keyed_list_spreads_over_one_column_per_key():
    assert SCORES == {"domain_scores": ("domain_code", "score")}
    assert csvio.flatten(RESULT, ExamResultIn, SCORES) == {
        "id": "R1",
        "registration_id": "REG1",
        "overall_score": "81.5",
        "passed": "true",
        "domain_scores.D1": "90.0",  # the server-set domain_name is not exported
        "domain_scores.D2": "73",
        "completed_at": "2026-03-01T10:00:00.000Z",
        "candidate.id": "C1",  # an object outside the model: dotted columns
        "candidate.last_name": "Lee",
        "sys_version": "2",
        "sys_locked": "false",
    }


def test_nested_object_gets_dotted_columns_and_free_form_json_stays_in_its_cell():
    candidate = {"id": "C1", "first_name": "Ann", "address": {"city": "Oslo", "country": "NO"}, "email": None}
    assert csvio.flatten(candidate, CandidateIn, {}) == {
        "id": "C1",
        "first_name": "Ann",
        "address.city": "Oslo",
        "address.country": "NO",
        "email": "",
    }
    process = {"exam_ids": ["E1", "E2"], "contact_form_options": {"fields": ["email"], "required": True}}
    assert csvio.flatten(process, EXAM_REG_PROCESSES.model, {}) == {
        "exam_ids": '["E1","E2"]',
        "contact_form_options": '{"fields":["email"],"required":true}',
    }


def test_unflatten_rebuilds_keyed_lists_objects_and_json_cells():
    row = {
        "id": "R1",
        "domain_scores.D1": "90.0",
        "domain_scores.D2": "73",
        "candidate.id": "C1",
        "exam_ids": '["E1","E2"]',
        "options": ' {"a": {"b": [1]}} ',
        "note": "[not json",
    }
    assert csvio.unflatten(row, SCORES) == {
        "id": "R1",
        "domain_scores": [{"domain_code": "D1", "score": "90.0"}, {"domain_code": "D2", "score": "73"}],
        "candidate": {"id": "C1"},
        "exam_ids": ["E1", "E2"],
        "options": {"a": {"b": [1]}},
        "note": "[not json",
    }


def test_empty_cells_and_ragged_rows_are_absent_fields():
    text = "id,first_name,email,phone\nC1,Ann,,\nC2,Bo\nC3,Cy,c@x.no,+47 1234,extra\n"
    rows = [csvio.unflatten(row, {}) for row in csv.DictReader(io.StringIO(text))]
    assert rows == [
        {"id": "C1", "first_name": "Ann"},
        {"id": "C2", "first_name": "Bo"},
        {"id": "C3", "first_name": "Cy", "email": "c@x.no", "phone": "+47 1234"},
    ]


def test_an_exported_result_loads_back_as_the_same_result():
    row = csvio.flatten(RESULT, ExamResultIn, SCORES)
    (read,) = through_csv([row], csvio.column_order(row, ExamResultIn))
    assert validate(EXAM_RESULTS, csvio.unflatten(read, SCORES)) == {
        "registration_id": "REG1",
        "overall_score": 81.5,
        "passed": True,
        "domain_scores": [{"domain_code": "D1", "score": 90.0}, {"domain_code": "D2", "score": 73.0}],
        "completed_at": "2026-03-01T10:00:00Z",
        "sys_locked": False,
    }


# Text that a CSV cell holds as it is: not empty (an empty cell is an absent field) and not starting
# like JSON (without the model, unflatten reads such a cell as JSON; see the test below).
cell_text = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30).filter(
    lambda s: s.strip()[:1] not in ("[", "{")
)
codes = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,10}", fullmatch=True)
# Numbers DynamoDB holds (tests/unit/test_store_limits.py covers the others).
finite = st.floats(-1e125, 1e125).filter(lambda x: store.number_problem(x) is None)


@given(
    st.dictionaries(codes, finite, max_size=8),
    finite,
    st.booleans(),
    st.datetimes(timezones=st.just(UTC)),
)
def test_results_round_trip_through_csv(scores, overall, passed, completed):
    result = {
        "registration_id": "REG1",
        "overall_score": overall,
        "passed": passed,
        "domain_scores": [{"domain_code": code, "score": score} for code, score in scores.items()],
        "completed_at": completed.isoformat(),
    }
    row = csvio.flatten(result, ExamResultIn, SCORES)
    (read,) = through_csv([row], csvio.column_order(row, ExamResultIn))
    assert validate(EXAM_RESULTS, csvio.unflatten(read, SCORES)) == validate(EXAM_RESULTS, result)


@given(
    cell_text,
    cell_text,
    st.fixed_dictionaries({}, optional={"line1": cell_text, "city": cell_text, "postal_code": cell_text}),
)
def test_candidates_round_trip_through_csv(first, last, address):
    candidate = {"candidate_id": "C-1", "first_name": first, "last_name": last}
    if address:
        candidate["address"] = address
    row = csvio.flatten(candidate, CandidateIn, {})
    (read,) = through_csv([row], csvio.column_order(row, CandidateIn))
    assert validate(CANDIDATES, csvio.unflatten(read, {})) == validate(CANDIDATES, candidate)


def test_text_that_reads_as_json_round_trips_through_csv():
    """A text field's cell stays text, even when it reads as JSON: a name such as '[2024]' exported
    to CSV loads back as that name (given the model, as the load worker gives it)."""
    candidate = {
        "candidate_id": "C-1",
        "first_name": "Ann",
        "last_name": "[2024]",
        "address": {"city": '{"not": "json"}'},
    }
    row = csvio.flatten(candidate, CandidateIn, {})
    (read,) = through_csv([row], csvio.column_order(row, CandidateIn))
    assert validate(CANDIDATES, csvio.unflatten(read, {}, CandidateIn)) == validate(CANDIDATES, candidate)


def test_column_order_candidates():
    """id, the model's fields in declaration order (an object's columns together, as first met),
    other fields by name, then sys_* by name; each column once."""
    columns = [
        "sys_version",
        "address.country",
        "last_name",
        "id",
        "zz_extra",
        "address.city",
        "first_name",
        "aa_extra",
        "candidate_id",
        "sys_locked",
        "email",
        "last_name",
    ]
    assert csvio.column_order(columns, CandidateIn) == [
        "id",
        "candidate_id",
        "first_name",
        "last_name",
        "email",
        "address.country",
        "address.city",
        "aa_extra",
        "zz_extra",
        "sys_locked",
        "sys_version",
    ]


def test_column_order_results():
    columns = ["exam.code", "domain_scores.D2", "candidate.id", "overall_score", "domain_scores.D1", "id", "passed"]
    assert csvio.column_order(columns, ExamResultIn) == [
        "id",
        "overall_score",
        "passed",
        "domain_scores.D2",
        "domain_scores.D1",
        "candidate.id",
        "exam.code",
    ]
