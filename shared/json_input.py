"""JSON request bodies, read strictly: what the API cannot store is refused here with the place named,
before any model sees it (nesting past DynamoDB's 32 levels, NaN and infinities, numbers DynamoDB
cannot hold, lone surrogates, empty keys)."""

from __future__ import annotations

import json
from typing import Any

from shared import store
from shared.errors import BadRequest, field_error


def loads(text: str | bytes) -> Any:
    """The JSON value of `text`; BadRequest naming each place that cannot be stored."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise BadRequest(
            "the body is not valid",
            [field_error("(body)", f"nested deeper than {store.MAX_DEPTH} levels", "too-deep")],
        ) from None
    except json.JSONDecodeError as error:
        raise BadRequest(
            "the body is not valid JSON",
            [field_error("(body)", f"{error.msg} (line {error.lineno}, column {error.colno})", "json-invalid")],
        ) from None
    except (ValueError, UnicodeDecodeError):  # an integer of thousands of digits, bytes that are not UTF-8
        raise BadRequest(
            "the body is not valid JSON", [field_error("(body)", "not UTF-8 JSON within limits", "json-invalid")]
        ) from None
    problems = store.value_problems(value)
    if problems:
        raise BadRequest("the body holds values that cannot be stored", problems)
    return value
