"""Values across the link: Python arguments to JSON (media as `{"$media": ...}`), and JSON results
to the pydantic types of the generated client (pydantic 2, or 1.10 for python/pydantic/v1)."""

from __future__ import annotations

import enum
import sys
import typing

import pydantic

from .media import BamlMedia

PYDANTIC_V2 = int(pydantic.VERSION.split(".")[0]) >= 2

_adapters: typing.Dict[typing.Tuple[typing.Any, typing.Optional[str]], typing.Callable[[typing.Any], typing.Any]] = {}


def to_wire(value: typing.Any) -> typing.Any:
    """An argument as JSON: models become objects of their fields, enums their value."""
    if value is None or isinstance(value, (str, int, float, bool)):
        if isinstance(value, enum.Enum):
            return value.value
        return value
    if isinstance(value, BamlMedia):
        return value._to_wire()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, pydantic.BaseModel):
        out = {k: to_wire(getattr(value, k)) for k in _fields(value)}
        extra = getattr(value, "model_extra", None) if PYDANTIC_V2 else None
        if extra:
            out.update({k: to_wire(v) for k, v in extra.items()})
        return out
    if isinstance(value, dict):
        return {str(to_wire(k)): to_wire(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_wire(v) for v in value]
    raise TypeError(f"cannot pass a {type(value).__name__} to a BAML function")


def _fields(model: typing.Any) -> typing.Iterable[str]:
    if PYDANTIC_V2:
        return list(type(model).model_fields.keys())
    return list(typing.cast(typing.Any, model).__fields__.keys())  # pragma: no cover - pydantic 1


def converter(target: typing.Any, module: typing.Optional[str] = None) -> typing.Callable[[typing.Any], typing.Any]:
    """Validates a JSON value into `target` (a type of the generated client); cached per type.
    String forward references inside `target` (aliases: `typing.Union["A", "B"]`) are resolved
    in `module` (the client's `types` or `stream_types`)."""
    key = (target, module)
    conv = _adapters.get(key)
    if conv is None:
        if target is None or target is type(None):
            conv = lambda v: v  # noqa: E731
        elif PYDANTIC_V2:
            if module is None:
                conv = pydantic.TypeAdapter(target).validate_python
            else:
                wrapper = pydantic.create_model("BamlValue", __module__=module, value=(target, ...))
                wrapper.model_rebuild(_types_namespace=dict(vars(sys.modules[module])))
                validate = wrapper.model_validate
                conv = lambda v: typing.cast(typing.Any, validate({"value": v})).value  # noqa: E731
        else:  # pragma: no cover - pydantic 1
            wrapper = pydantic.create_model("BamlValue", __module__=module or __name__, value=(target, ...))
            if module is not None:
                wrapper.update_forward_refs(**vars(sys.modules[module]))
            conv = lambda v: typing.cast(typing.Any, wrapper.parse_obj({"value": v})).value  # noqa: E731
        _adapters[key] = conv
    return conv


def open_enum(cls: typing.Type[enum.Enum]) -> None:
    """Lets a `@@dynamic` enum of the generated client take values a TypeBuilder added: such a
    value becomes a member made on the spot (its name and value are the BAML name)."""

    def _missing_(klass: typing.Any, value: object) -> typing.Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(klass, value)
        member._name_ = value
        member._value_ = value
        return member

    setattr(cls, "_missing_", classmethod(_missing_))


def dump(value: typing.Any, exclude_unset: bool = False) -> typing.Any:
    """A value of the generated client as plain JSON data (what the TypeScript client returns);
    `exclude_unset` leaves out fields the engine did not send (`@skip`), as the TS value does."""
    if isinstance(value, pydantic.BaseModel):
        if PYDANTIC_V2:
            return value.model_dump(mode="json", exclude_unset=exclude_unset)
        return json_roundtrip(value)  # pragma: no cover
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {k: dump(v, exclude_unset) for k, v in value.items()}
    if isinstance(value, list):
        return [dump(v, exclude_unset) for v in value]
    if isinstance(value, BamlMedia):
        return value._to_wire()
    return value


def json_roundtrip(model: typing.Any) -> typing.Any:  # pragma: no cover - pydantic 1
    import json

    return json.loads(model.json())
