"""TypeBuilder: run-time changes to `@@dynamic` classes and enums. The builder records what the
program adds (classes, enums, properties, values, BAML snippets) as plain data, which travels to
the engine with each call as the `tb` option; the engine's TypeScript runtime applies it."""

from __future__ import annotations

import builtins
import typing


class FieldType:
    """A type built with a TypeBuilder (`tb.string()`, `tb.list(t)`, `cls.type()`, ...)."""

    def __init__(self, spec: typing.Dict[str, typing.Any]) -> None:
        self._spec = spec

    def list(self) -> "FieldType":
        return FieldType({"list": self._spec})

    def optional(self) -> "FieldType":
        return FieldType({"optional": self._spec})

    def __repr__(self) -> str:
        return f"FieldType({self._spec!r})"


class ClassPropertyBuilder:
    def __init__(self, spec: typing.Dict[str, typing.Any]) -> None:
        self._spec = spec

    def type(self, field_type: FieldType) -> "ClassPropertyBuilder":
        self._spec["type"] = field_type._spec
        return self

    def alias(self, alias: typing.Optional[str]) -> "ClassPropertyBuilder":
        self._spec["alias"] = alias
        return self

    def description(self, description: typing.Optional[str]) -> "ClassPropertyBuilder":
        self._spec["description"] = description
        return self


class ClassBuilder:
    def __init__(self, tb: "TypeBuilder", name: str) -> None:
        self._tb = tb
        self.name = name
        self._props: typing.Dict[str, typing.Dict[str, typing.Any]] = {}
        self._spec: typing.Dict[str, typing.Any] = {"name": name, "properties": self._props}

    def field(self) -> FieldType:
        return FieldType({"class": self.name})

    def type(self) -> FieldType:
        return self.field()

    def property(self, name: str) -> ClassPropertyBuilder:
        spec = self._props.setdefault(name, {})
        return ClassPropertyBuilder(spec)

    def add_property(self, name: str, field_type: FieldType) -> ClassPropertyBuilder:
        return self.property(name).type(field_type)

    def list_properties(self) -> typing.List[typing.Tuple[str, ClassPropertyBuilder]]:
        return [(n, ClassPropertyBuilder(s)) for n, s in self._props.items()]

    def remove_property(self, name: str) -> None:
        self._props[name] = {"removed": True}

    def reset(self) -> None:
        self._props.clear()

    def alias(self, alias: typing.Optional[str]) -> "ClassBuilder":
        self._spec["alias"] = alias
        return self

    def description(self, description: typing.Optional[str]) -> "ClassBuilder":
        self._spec["description"] = description
        return self


class EnumValueBuilder:
    def __init__(self, spec: typing.Dict[str, typing.Any]) -> None:
        self._spec = spec

    def alias(self, alias: typing.Optional[str]) -> "EnumValueBuilder":
        self._spec["alias"] = alias
        return self

    def description(self, description: typing.Optional[str]) -> "EnumValueBuilder":
        self._spec["description"] = description
        return self

    def skip(self, skip: bool = True) -> "EnumValueBuilder":
        self._spec["skip"] = skip
        return self


class EnumBuilder:
    def __init__(self, tb: "TypeBuilder", name: str) -> None:
        self._tb = tb
        self.name = name
        self._values: typing.Dict[str, typing.Dict[str, typing.Any]] = {}
        self._spec: typing.Dict[str, typing.Any] = {"name": name, "values": self._values}

    def field(self) -> FieldType:
        return FieldType({"enum": self.name})

    def type(self) -> FieldType:
        return self.field()

    def value(self, name: str) -> EnumValueBuilder:
        return EnumValueBuilder(self._values.setdefault(name, {}))

    def add_value(self, name: str) -> EnumValueBuilder:
        return self.value(name)

    def list_values(self) -> typing.List[typing.Tuple[str, EnumValueBuilder]]:
        return [(n, EnumValueBuilder(s)) for n, s in self._values.items()]


class _NativeTypeBuilder:
    """What `tb._tb` is: the recorded changes."""

    def __init__(self) -> None:
        self.classes: typing.Dict[str, ClassBuilder] = {}
        self.enums: typing.Dict[str, EnumBuilder] = {}
        self.baml: typing.List[str] = []

    def class_(self, name: str) -> ClassBuilder:
        if name not in self.classes:
            self.classes[name] = ClassBuilder(typing.cast("TypeBuilder", None), name)
        return self.classes[name]

    def enum(self, name: str) -> EnumBuilder:
        if name not in self.enums:
            self.enums[name] = EnumBuilder(typing.cast("TypeBuilder", None), name)
        return self.enums[name]

    def to_wire(self) -> typing.Dict[str, typing.Any]:
        return {
            "classes": [c._spec for c in self.classes.values()],
            "enums": [e._spec for e in self.enums.values()],
            "baml": list(self.baml),
        }


class TypeBuilder:
    """Base of the generated `baml_client.type_builder.TypeBuilder`."""

    def __init__(self, classes: typing.Set[str], enums: typing.Set[str], runtime: typing.Any = None) -> None:
        self.__classes = set(classes)
        self.__enums = set(enums)
        self._tb = _NativeTypeBuilder()

    def string(self) -> FieldType:
        return FieldType({"primitive": "string"})

    def int(self) -> FieldType:
        return FieldType({"primitive": "int"})

    def float(self) -> FieldType:
        return FieldType({"primitive": "float"})

    def bool(self) -> FieldType:
        return FieldType({"primitive": "bool"})

    def null(self) -> FieldType:
        return FieldType({"primitive": "null"})

    def literal_string(self, value: builtins.str) -> FieldType:
        return FieldType({"literal": value})

    def literal_int(self, value: builtins.int) -> FieldType:
        return FieldType({"literal": value})

    def literal_bool(self, value: builtins.bool) -> FieldType:
        return FieldType({"literal": value})

    def list(self, inner: FieldType) -> FieldType:
        return inner.list()

    def map(self, key: FieldType, value: FieldType) -> FieldType:
        return FieldType({"map": [key._spec, value._spec]})

    def union(self, types: builtins.list[FieldType]) -> FieldType:
        return FieldType({"union": [t._spec for t in types]})

    def add_class(self, name: builtins.str) -> ClassBuilder:
        if name in self.__classes or name in self._tb.classes:
            raise ValueError(f"Class with name {name} already exists.")
        return self._tb.class_(name)

    def add_enum(self, name: builtins.str) -> EnumBuilder:
        if name in self.__enums or name in self._tb.enums:
            raise ValueError(f"Enum with name {name} already exists.")
        return self._tb.enum(name)

    def add_baml(self, baml: builtins.str) -> None:
        self._tb.baml.append(baml)


class ClassPropertyViewer:
    """Read-only view of a declared property."""

    def __init__(self, bldr: ClassPropertyBuilder) -> None:
        self.__bldr = bldr


class EnumValueViewer:
    """Read-only view of a declared enum value."""

    def __init__(self, bldr: EnumValueBuilder) -> None:
        self.__bldr = bldr
