"""Key formats (shared/keys.py). The formats are a contract with data already stored: each builder is
checked against the exact strings of the module docstring, not against its own output."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shared import keys

JOB = {"pk": "demo#_jobs#candidates", "sk": "bulk#01J0000000AAAAAAAAAAAAAA"}


# ---- item keys --------------------------------------------------------------------------------------


def test_record_key():
    assert keys.record_key("demo", "exams", "01ARYZ6S41TSV4RRFFQ69G5FAV") == {
        "pk": "demo#exams",
        "sk": "01ARYZ6S41TSV4RRFFQ69G5FAV",
    }


def test_unique_key_holds_the_value_as_text():
    assert keys.unique_key("demo", "candidates", "candidate_id", "C-17") == {
        "pk": "demo#candidates#unique#candidate_id",
        "sk": "C-17",
    }
    assert keys.unique_key("demo", "exams", "code", 42) == {"pk": "demo#exams#unique#code", "sk": "42"}


def test_meta_keys():
    assert keys.counter_key("demo", "exams") == {"pk": "demo#_meta", "sk": "count#exams"}
    assert keys.tenant_key("demo") == {"pk": "demo#_meta", "sk": "tenant"}
    assert keys.api_key_lookup_key("9f86d081") == {"pk": "_apikey#9f86d081", "sk": "_apikey"}
    assert keys.sign_in_attempts_key("demo", "ann.lee") == {"pk": "demo#_auth", "sk": "proctor#ann.lee"}


def test_job_keys_and_reference():
    key = keys.job_key("demo", "candidates", "bulk", "01J0000000AAAAAAAAAAAAAA")
    assert key == JOB
    assert keys.jobs_pk("demo", "candidates") == "demo#_jobs#candidates"
    assert keys.job_reference(key) == "demo#_jobs#candidates|bulk#01J0000000AAAAAAAAAAAAAA"


def test_load_error_key_pads_the_record_number_to_twelve_digits():
    assert keys.load_error_key(JOB, 7) == {
        "pk": "demo#_jobs#candidates|bulk#01J0000000AAAAAAAAAAAAAA|errors",
        "sk": "000000000007",
    }


@given(st.integers(0, 10**12 - 1), st.integers(0, 10**12 - 1))
def test_load_errors_sort_by_record_number(a, b):
    """The error report lists errors in file order: sort keys compare as the numbers do."""
    ka, kb = keys.load_error_key(JOB, a)["sk"], keys.load_error_key(JOB, b)["sk"]
    assert (ka < kb) == (a < b)


def test_job_kind_range_holds_that_kind_only():
    low, high = keys.job_kind_range("export")
    assert (low, high) == ("export#", "export#~")
    # Job ids are ULIDs: Crockford base32, every character below "~".
    inside = ["export#00000000000000000000000000", "export#ZZZZZZZZZZZZZZZZZZZZZZZZZZ"]
    outside = ["bulk#01J0000000AAAAAAAAAAAAAA", "exporter#01J0000000AAAAAAAAAAAAAA", "export"]
    assert all(low <= sk <= high for sk in inside)
    assert not any(low <= sk <= high for sk in outside)


def test_index_pk_with_and_without_a_value():
    assert (
        keys.index_pk("demo", "examRegistrations", "calendar", "TC-OSLO") == "demo#examRegistrations#calendar#TC-OSLO"
    )
    assert keys.index_pk("demo", "examResults", "completed") == "demo#examResults#completed"
    assert keys.index_pk("demo", "examResults", "completed", "") == "demo#examResults#completed#"


# ---- instants ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2026-03-01T10:00:00Z", "2026-03-01T10:00:00.000Z"),
        ("2026-03-01T10:00:00+00:00", "2026-03-01T10:00:00.000Z"),
        ("2026-03-01T10:00:00+02:00", "2026-03-01T08:00:00.000Z"),
        ("2026-03-01T01:30:00+05:30", "2026-02-28T20:00:00.000Z"),  # crosses the day (and month) back
        ("2026-12-31T20:00:00-05:00", "2027-01-01T01:00:00.000Z"),  # crosses the year forward
        ("2026-03-01T10:00:00.5Z", "2026-03-01T10:00:00.500Z"),
        ("2026-03-01T10:00:00.123999+00:00", "2026-03-01T10:00:00.123Z"),  # truncated, not rounded
        ("2026-03-01T10:00:00.999999-01:00", "2026-03-01T11:00:00.999Z"),
    ],
)
def test_utc_key(iso, expected):
    assert keys.utc_key(iso) == expected


@pytest.mark.parametrize("iso", ["2026-03-01T10:00:00", "2026-03-01", "2026-03-01T10:00:00.123"])
def test_utc_key_refuses_a_naive_date_time(iso):
    with pytest.raises(ValueError, match="UTC offset"):
        keys.utc_key(iso)


def test_time_sort_key_is_the_utc_instant_then_the_id():
    assert keys.time_sort_key("2026-03-01T12:00:00+02:00", "01ARYZ6S41TSV4RRFFQ69G5FAV") == (
        "2026-03-01T10:00:00.000Z#01ARYZ6S41TSV4RRFFQ69G5FAV"
    )


def test_time_sort_keys_of_one_instant_differ_by_id_and_order_by_it():
    """Two records at the same instant, however written, both get an index entry, ordered by id."""
    a = keys.time_sort_key("2026-03-01T10:00:00Z", "01AAAAAAAAAAAAAAAAAAAAAAAA")
    b = keys.time_sort_key("2026-03-01T11:00:00+01:00", "01BBBBBBBBBBBBBBBBBBBBBBBB")
    assert a != b
    assert a < b


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_offsets = st.timedeltas(min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23, minutes=59)).map(
    lambda d: timezone(timedelta(minutes=d // timedelta(minutes=1)))
)
# Years 2 to 9998: any offset keeps the UTC instant within years 1..9999, which UTC can name.
aware = st.datetimes(
    min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31), timezones=st.one_of(_offsets, st.timezones())
)


def _milliseconds(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(milliseconds=1)


@given(aware, aware)
@example(datetime(2026, 3, 1, 10, 0, tzinfo=timezone(timedelta(hours=2))), datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
@example(datetime(2026, 3, 1, 10, 0, 0, 1999, tzinfo=UTC), datetime(2026, 3, 1, 10, 0, 0, 1000, tzinfo=UTC))
def test_utc_keys_order_as_their_instants(a, b):
    """Index sort keys compare as text; they must compare as the instants do (to the millisecond)."""
    ka, kb = keys.utc_key(a.isoformat()), keys.utc_key(b.isoformat())
    assert len(ka) == len(kb) == len("2026-03-01T10:00:00.000Z")
    assert (ka < kb) == (_milliseconds(a) < _milliseconds(b))
    assert (ka == kb) == (_milliseconds(a) == _milliseconds(b))


def test_utc_key_of_a_year_before_1000_sorts_first():
    """Four-digit years: strftime's %Y would leave 999 unpadded and sort it after 2026."""
    assert keys.utc_key("0999-12-31T23:59:59Z") == "0999-12-31T23:59:59.000Z"
    assert keys.utc_key("0999-12-31T23:59:59Z") < keys.utc_key("1000-01-01T00:00:00Z")


def test_utc_key_of_an_instant_before_year_one_is_refused_with_value_error():
    with pytest.raises(ValueError):
        keys.utc_key("0001-01-01T00:00:00+05:00")


# ---- tenant files -----------------------------------------------------------------------------------


def test_tenant_file_folders():
    assert keys.load_folder("demo", "candidates", "J1") == "demo/bulk-loads/candidates/J1/"
    assert keys.export_folder("demo", "examResults", "J2") == "demo/exports/examResults/J2/"
    assert keys.ERROR_REPORT == "errors.ndjson"
    assert keys.EXPORT_REQUEST == "request.json"


def test_parse_file_key_of_a_load_source_and_an_export():
    assert keys.parse_file_key("demo/bulk-loads/candidates/J1/people.csv") == (
        "demo",
        "bulk-loads",
        "candidates",
        "J1",
        "people.csv",
    )
    parsed = keys.parse_file_key(keys.export_folder("demo", "examResults", "J2") + "examResults.csv")
    assert parsed is not None
    assert (parsed.tenant, parsed.folder, parsed.resource, parsed.job_id, parsed.name) == (
        "demo",
        "exports",
        "examResults",
        "J2",
        "examResults.csv",
    )


@pytest.mark.parametrize(
    "key",
    ["demo/bulk-loads/candidates/people.csv", "demo/bulk-loads/candidates/J1/sub/people.csv", "people.csv", ""],
)
def test_parse_file_key_of_any_other_object_is_none(key):
    assert keys.parse_file_key(key) is None
