"""Frozen dataclasses (family summaries, problems' details) to JSON and back, exactly.

Decoding follows each field's type hint, so a summary read back equals the one computed:
Decimals travel as text (never floats), tuples come back as tuples and integer mapping keys
(JSON keys are text) as integers. Values typed `object` (a problem's details) carry their
type with them: a Decimal there is written as {"decimal": "12.3"}.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
_DECIMAL = "decimal"


def encode(value: Any) -> Any:
    """A dataclass (or what it holds) as JSON-ready values."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is Decimal:
        return str(value)
    names = _field_names(kind)
    if names is not None:
        return {name: encode(getattr(value, name)) for name in names}
    if kind is tuple or kind is list:
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    return value


_PLAIN = frozenset({int, str, bool, float, type(None)})


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = (
            tuple(f.name for f in dataclasses.fields(kind))
            if dataclasses.is_dataclass(kind)
            else None
        )
    return _FIELD_NAMES[kind]


def _tag(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


_TAGGED_JSON = json.JSONEncoder(ensure_ascii=False, default=_tag)


def dumps_tagged(value: Any) -> str:
    """Untyped values (`object`) as JSON text, Decimals tagged so `decode_tagged` restores
    them; one pass of the C encoder (the hot path of storing an analysis's problems)."""
    return _TAGGED_JSON.encode(value)


def decode_tagged(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_DECIMAL}:
            return Decimal(value[_DECIMAL])
        return {k: decode_tagged(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode_tagged(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(cls: type[T], data: Any) -> T:
    """`data` (from `encode`) back as an instance of the dataclass `cls`."""
    return typing.cast(T, _decode(cls, data))


def _decode(hint: Any, data: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if data is None and type(None) in options:
            return None
        (chosen,) = [o for o in options if o is not type(None)]
        return _decode(chosen, data)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = _hints(hint)
        return hint(
            **{f.name: _decode(hints[f.name], data[f.name]) for f in dataclasses.fields(hint)}
        )
    if origin is tuple:
        (item, _ellipsis) = typing.get_args(hint)
        return tuple(_decode(item, v) for v in data)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_decode(item, v) for v in data]
    if origin in (dict, Mapping):
        key, item = typing.get_args(hint)
        return {_decode(key, k): _decode(item, v) for k, v in data.items()}
    if hint is Decimal:
        return Decimal(data)
    if hint is int:
        return int(data)
    if hint is object or hint is Any:
        return decode_tagged(data)
    return data
