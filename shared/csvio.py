"""CSV and NDJSON for bulk loads and exports. CSV columns use dotted names for nested objects
(`address.city`) and, for keyed lists such as result domain scores, one column per key
(`domain_scores.<code>`); other lists and free-form objects are JSON in their cell."""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside `X | None`, if the field is one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return None


def nested_fields(model: type[BaseModel]) -> dict[str, list[str]]:
    """Fields flattened to dotted columns: those typed by a model (an address)."""
    out = {}
    for name, info in model.model_fields.items():
        inner = _model_of(info.annotation)
        if inner is not None:
            out[name] = list(inner.model_fields)
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    return json.dumps(value, separators=(",", ":"))


def flatten(record: dict[str, Any], model: type[BaseModel], keyed_lists: dict[str, tuple[str, str]]) -> dict[str, str]:
    nested = nested_fields(model)
    row: dict[str, str] = {}
    for name, value in record.items():
        if name in keyed_lists and isinstance(value, list):
            key_name, value_name = keyed_lists[name]
            for entry in value:
                row[f"{name}.{entry[key_name]}"] = _cell(entry.get(value_name))
        elif isinstance(value, dict) and (name in nested or name not in model.model_fields):
            for inner, inner_value in value.items():
                row[f"{name}.{inner}"] = _cell(inner_value)
        else:
            row[name] = _cell(value)
    return row


def _parse_cell(text: str) -> Any:
    stripped = text.strip()
    if stripped[:1] in ("[", "{"):
        try:
            return json.loads(stripped)
        except (ValueError, RecursionError):  # not JSON, or nested past any limit: the model refuses the text
            return text
    return text


def _is_text(annotation: Any) -> bool:
    """Whether a field holds text only (`str`, constrained or optional): its cell is never JSON."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _is_text(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        kinds = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return bool(kinds) and all(_is_text(arg) for arg in kinds)
    if typing.get_origin(annotation) is typing.Literal:
        return all(isinstance(arg, str) for arg in typing.get_args(annotation))
    return isinstance(annotation, type) and issubclass(annotation, str)


def _text_columns(model: type[BaseModel] | None) -> set[str]:
    """The columns of `model` that hold text: its text fields and those of its nested models."""
    if model is None:
        return set()
    columns = {name for name, info in model.model_fields.items() if _is_text(info.annotation)}
    for name, inner in nested_fields(model).items():
        inner_model = _model_of(model.model_fields[name].annotation)
        columns |= {f"{name}.{f}" for f in inner if inner_model and _is_text(inner_model.model_fields[f].annotation)}
    return columns


def unflatten(
    row: dict[str, str | None], keyed_lists: dict[str, tuple[str, str]], model: type[BaseModel] | None = None
) -> dict[str, Any]:
    """A CSV row as a record; empty cells are absent fields. With `model`, a cell of a text field
    stays text even when it reads as JSON (a name such as `[2024]`)."""
    text_columns = _text_columns(model)
    record: dict[str, Any] = {}
    for column, text in row.items():
        if column is None or text is None or text == "":
            continue
        value = text if column in text_columns else _parse_cell(text)
        if "." not in column:
            record[column] = value
            continue
        head, tail = column.split(".", 1)
        if head in keyed_lists:
            key_name, value_name = keyed_lists[head]
            record.setdefault(head, []).append({key_name: tail, value_name: value})
        else:
            target = record.setdefault(head, {})
            if isinstance(target, dict):
                target[tail] = value
    return record


def column_order(columns: Iterable[str], model: type[BaseModel]) -> list[str]:
    """id, then the model's fields in declaration order (a field's dotted columns together, in the
    order first met), then other fields, then `sys_*`."""
    rank: dict[str, int] = {"id": 0}
    for position, name in enumerate(model.model_fields, start=1):
        if not name.startswith("sys_"):
            rank.setdefault(name, position)

    def sort_key(column: str) -> tuple[int, int, str]:
        head = column.split(".", 1)[0]
        if head in rank:
            return (0, rank[head], "")
        return (1 if not head.startswith("sys_") else 2, 0, head)

    return sorted(dict.fromkeys(columns), key=sort_key)
