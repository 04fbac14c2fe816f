"""Record-contract helpers (shared/engine/values.py): ids, projections, ETags."""

from __future__ import annotations

import base64
import hashlib
import re
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.engine import values

CROCKFORD_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")  # Crockford base32: no I, L, O, U
# RFC 4648 base32 and Crockford's share the bit layout; only the alphabets differ.
_TO_CROCKFORD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789ABCDEFGHJKMNPQRSTVWXYZ")


def _fixed_clock(monkeypatch, seconds: float, random_bits: int = 0) -> None:
    monkeypatch.setattr(values, "time", SimpleNamespace(time=lambda: seconds))
    monkeypatch.setattr(values, "secrets", SimpleNamespace(randbits=lambda n: random_bits))


def test_new_id_is_26_crockford_characters():
    ids = {values.new_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(CROCKFORD_ID.match(i) for i in ids)


def test_new_id_starts_with_the_ulid_time_of_the_spec_example(monkeypatch):
    """The ULID spec's example: 1469918176385 ms is `01ARYZ6S41`; the time is in whole milliseconds."""
    _fixed_clock(monkeypatch, 1469918176.3855)
    assert values.new_id() == "01ARYZ6S41" + "0" * 16
    _fixed_clock(monkeypatch, 1469918176.3855, random_bits=2**80 - 1)
    assert values.new_id() == "01ARYZ6S41" + "Z" * 16


@given(
    st.integers(0, 2**48 - 2),
    st.integers(1, 10**6),
    st.integers(0, 2**80 - 1),
    st.integers(0, 2**80 - 1),
)
def test_a_later_id_sorts_after_an_earlier_one_whatever_its_random_part(ms, later_by, bits_a, bits_b):
    later = min(ms + later_by, 2**48 - 1)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _fixed_clock(monkeypatch, ms / 1000 + 0.0001, bits_a)
        first = values.new_id()
        _fixed_clock(monkeypatch, later / 1000 + 0.0001, bits_b)
        second = values.new_id()
    assert first < second


@given(st.floats(0, (2**48 - 1) / 1000), st.integers(0, 2**80 - 1))
def test_an_event_id_time_prefix_is_the_time_part_of_a_ulid_made_at_that_instant(seconds, bits):
    """Replay and the event feed bound event ids (`evt_<ULID>`) by time with id_time_prefix."""
    from shared import events

    with pytest.MonkeyPatch.context() as monkeypatch:
        _fixed_clock(monkeypatch, seconds, bits)
        made = values.new_id()
    assert events.id_time_prefix(seconds) == made[:10]


def test_derived_id_keeps_the_time_and_encodes_the_seed_hash():
    """The last 16 characters are the first 80 bits of the seed's SHA-256, in Crockford base32."""
    digest = hashlib.sha256(b"job-1:7").digest()[:10]
    expected_tail = base64.b32encode(digest).decode().translate(_TO_CROCKFORD)
    derived = values.derived_id("01ARYZ6S41TSV4RRFFQ69G5FAV", "job-1:7")
    assert derived == "01ARYZ6S41" + expected_tail
    assert CROCKFORD_ID.match(derived)


def test_derived_id_is_the_same_for_the_same_seed_and_differs_for_another():
    prefix = "01ARYZ6S41TSV4RRFFQ69G5FAV"
    assert values.derived_id(prefix, "job-1:7") == values.derived_id(prefix, "job-1:7")
    assert values.derived_id(prefix, "job-1:7") != values.derived_id(prefix, "job-1:8")
    assert values.derived_id("01BX5ZZKBKACTAV9WEVGEMMVRZ", "job-1:7")[:10] == "01BX5ZZKBK"


RECORD = {"id": "R1", "name": "Algebra", "code": "ALG", "sys_version": 3}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (None, RECORD),
        ([], RECORD),
        (["name"], {"id": "R1", "name": "Algebra"}),
        (["code", "sys_version"], {"id": "R1", "code": "ALG", "sys_version": 3}),
        (["id"], {"id": "R1"}),
        (["no_such_field"], {"id": "R1"}),
    ],
)
def test_project_keeps_the_id_and_the_fields_asked_for(fields, expected):
    assert values.project(RECORD, fields) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("name", ["name"]),
        ("name,code", ["name", "code"]),
        (" name , code ,, ", ["name", "code"]),
        ("", None),
        (None, None),
        (" , ,", None),
    ],
)
def test_parse_fields(raw, expected):
    assert values.parse_fields(raw) == expected


def test_etag_is_the_quoted_version():
    assert values.etag({"sys_version": 7}) == '"7"'
    assert values.etag({}) == '"0"'


def test_now_iso_is_utc_to_the_millisecond():
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", values.now_iso())
