"""DynamoDB's limits, checked before a write is sent (shared/store.py's pure part). The limits are
DynamoDB's documented ones: numbers of up to 38 significant digits between 1E-130 and
9.99...E+125 in magnitude, 32 levels of nesting, item sizes as the developer guide's "item sizes
and formats" counts them, keys of 1-2048 (partition) and 1-1024 (sort) UTF-8 bytes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shared import store

FINITE = "must be a finite number"
DIGITS = "has more than 38 significant digits"
RANGE = "must be 0 or between 1e-130 and 1e126 in magnitude"


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        (0, None),
        (0.0, None),
        (-0.0, None),
        (Decimal("-0"), None),
        (42, None),
        (-17.25, None),
        (0.1, None),  # repr "0.1": one significant digit
        (10**38 - 1, None),  # 38 nines
        (-(10**38 - 1), None),
        (10**38 + 1, DIGITS),  # 39 significant digits
        (10**50, None),  # trailing zeros are not significant
        (Decimal("1.2345678901234567890123456789012345678"), None),  # 38 digits
        (Decimal("1.23456789012345678901234567890123456789"), DIGITS),  # 39
        (Decimal("1E-130"), None),
        (Decimal("-1E-130"), None),
        (Decimal("9.9999999999999999999999999999999999999E+125"), None),
        (Decimal("1E-131"), RANGE),
        (Decimal("1E+126"), RANGE),
        (-1e126, RANGE),
        (5e-324, RANGE),  # the smallest double
        (1e308, RANGE),
        (float("nan"), FINITE),
        (float("inf"), FINITE),
        (float("-inf"), FINITE),
        (Decimal("NaN"), FINITE),
        (Decimal("-Infinity"), FINITE),
    ],
)
def test_number_problem(number, problem):
    assert store.number_problem(number) == problem


def _nested(levels: int, leaf: object = 1) -> object:
    """`levels` objects, one inside the other: {"a": {"a": ... leaf}}."""
    value = leaf
    for _ in range(levels):
        value = {"a": value}
    return value


def test_32_levels_of_nesting_fit_and_33_do_not():
    """The body itself is the first level."""
    assert store.value_problems(_nested(32)) == []
    assert store.value_problems(_nested(33)) == [
        {"field": ".".join(["a"] * 32), "message": "nested deeper than 32 levels", "code": "too-deep"}
    ]


def test_nesting_in_lists_counts_too_and_names_the_place():
    deep_list: object = 1
    for _ in range(32):
        deep_list = [deep_list]
    assert store.value_problems({"ok": 1, "x": deep_list}) == [
        {"field": "x" + "[0]" * 31, "message": "nested deeper than 32 levels", "code": "too-deep"}
    ]


def test_value_problems_name_each_place():
    body = {
        "name": "Ann",
        "flag": True,  # a bool is not a number
        "empty": None,
        "scores": [1, 2.5, float("nan")],
        "contact": {"": "x", "phone": "\ud800"},
        "\udc00": 1,
        "n": 10**40 + 1,
    }
    problems = store.value_problems(body)
    assert sorted(problems, key=lambda p: p["field"]) == [
        {"field": "(body)", "message": "has a key that is not valid Unicode", "code": "invalid-text"},
        {"field": "contact", "message": "has an empty key", "code": "empty-key"},
        {"field": "contact.phone", "message": "not valid Unicode (a lone surrogate)", "code": "invalid-text"},
        {"field": "n", "message": DIGITS, "code": "number-out-of-range"},
        {"field": "scores[2]", "message": FINITE, "code": "number-out-of-range"},
    ]


def test_value_problems_of_a_valid_body_is_empty():
    assert store.value_problems({"a": [1, {"b": "é☃𝄞"}, None, False], "c": Decimal("1E-130")}) == []


def test_value_problems_of_a_scalar_body_names_the_body():
    assert store.value_problems(float("inf")) == [{"field": "(body)", "message": FINITE, "code": "number-out-of-range"}]


def test_value_problems_are_at_most_twenty():
    """A body of thousands of bad values gets a bounded answer."""
    assert len(store.value_problems([float("nan")] * 5000)) == 20


def test_item_size_by_dynamodb_rules():
    item = {
        "pk": {"S": "demo#exams"},  # name 2 + 10 bytes = 12
        "sk": {"S": "01ARYZ"},  # 2 + 6 = 8
        "n": {"N": "12345"},  # 1 + (5 digits: 3 bytes for pairs, +1) = 5
        "ok": {"BOOL": True},  # 2 + 1 = 3
        "m": {"M": {"a": {"S": "é"}}},  # 1 + 3 + (element: 1 overhead + name 1 + 2 bytes) = 8
        "l": {"L": [{"NULL": True}, {"S": "xy"}]},  # 1 + 3 + (1 + 1) + (1 + 2) = 9
        "e": {"M": {}},  # 1 + 3 = 4
        "b": {"B": b"\x00\x01\x02"},  # 1 + 3 raw bytes = 4
    }
    assert store.item_size(item) == 12 + 8 + 5 + 3 + 8 + 9 + 4 + 4


def test_item_size_counts_utf8_bytes_of_names_and_values():
    assert store.item_size({"名": {"S": "☃"}}) == 3 + 3
    assert store.item_size({"d": {"S": "x" * (store.MAX_ITEM_BYTES - 1)}}) == store.MAX_ITEM_BYTES


@pytest.mark.parametrize(
    ("key", "fits"),
    [
        ({"pk": "demo#exams", "sk": "01ARYZ6S41TSV4RRFFQ69G5FAV"}, True),
        ({"pk": "p" * 2048, "sk": "s" * 1024}, True),
        ({"pk": "é" * 1024, "sk": "é" * 512}, True),  # 2048 and 1024 UTF-8 bytes
        ({"pk": "p" * 2049, "sk": "s"}, False),
        ({"pk": "p", "sk": "s" * 1025}, False),
        ({"pk": "p", "sk": "é" * 513}, False),  # 1026 bytes in 513 characters
        ({"pk": "", "sk": "s"}, False),
        ({"pk": "p", "sk": ""}, False),
        ({"pk": "p"}, False),
        ({"sk": "s"}, False),
    ],
)
def test_key_fits(key, fits):
    assert store.key_fits(key) is fits
