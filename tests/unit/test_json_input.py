"""Request bodies read strictly (shared/json_input.py `loads`): what cannot be stored is a 400
naming the place, and never echoes the value."""

from __future__ import annotations

import pytest

from shared import json_input
from shared.errors import BadRequest


def _refusal(text: str | bytes) -> list[dict[str, str]]:
    with pytest.raises(BadRequest) as refused:
        json_input.loads(text)
    assert refused.value.status == 400
    return refused.value.errors


def test_valid_json_is_its_value():
    assert json_input.loads(b'{"a": [1, 2.5, "\\u00e9", null, true]}') == {"a": [1, 2.5, "é", None, True]}
    assert json_input.loads('"text"') == "text"


def test_invalid_json_names_line_and_column():
    assert _refusal('{\n  "a": }') == [
        {"field": "(body)", "message": "Expecting value (line 2, column 8)", "code": "json-invalid"}
    ]


def test_nesting_past_the_recursion_limit_is_too_deep():
    assert _refusal("[" * 100_000 + "]" * 100_000) == [
        {"field": "(body)", "message": "nested deeper than 32 levels", "code": "too-deep"}
    ]


def test_nesting_past_32_levels_names_the_place():
    """The body is level 1, its "a" level 2: the 32nd list, at a[0]...[0] (31 indexes), is level 33."""
    assert _refusal('{"a": ' + "[" * 32 + "]" * 32 + "}") == [
        {"field": "a" + "[0]" * 31, "message": "nested deeper than 32 levels", "code": "too-deep"}
    ]


@pytest.mark.parametrize(
    ("text", "field", "code"),
    [
        ('{"score": NaN}', "score", "number-out-of-range"),
        ('{"score": -Infinity}', "score", "number-out-of-range"),
        ('{"scores": [1, 1e400]}', "scores[1]", "number-out-of-range"),
        ('{"n": 1234567890123456789012345678901234567890}', "n", "number-out-of-range"),
        ('{"tiny": 1e-200}', "tiny", "number-out-of-range"),
        ('{"name": "\\ud800"}', "name", "invalid-text"),
        ('{"a": {"": 1}}', "a", "empty-key"),
    ],
)
def test_values_that_cannot_be_stored_are_refused_by_place(text, field, code):
    assert [(e["field"], e["code"]) for e in _refusal(text)] == [(field, code)]


@pytest.mark.parametrize("text", [b'{"a": "\xff\xfe"}', '{"n": ' + "7" * 5000 + "}"])
def test_bytes_that_are_not_utf8_and_huge_integers_are_invalid_json(text):
    assert [(e["field"], e["code"]) for e in _refusal(text)] == [("(body)", "json-invalid")]


def test_a_refusal_does_not_echo_the_value():
    errors = _refusal('{"password": "hunter2-\\ud800", "pin": 77777777777777777777777777777777777777777}')
    assert len(errors) == 2
    assert "hunter2" not in str(errors)
    assert "7777777777" not in str(errors)
