"""TypeBuilder: run-time changes to `@@dynamic` classes and enums. The builder records what the
program adds (classes, enums, properties, values, BAML snippets) as plain data, which travels to
the engine with each call as the `tb` option, `{"ops": [...]}` in the order made; the engine
replays them onto the TypeScript TypeBuilder of the loaded program (docs/python-engine.md).

`add_baml` asks the engine at once (the `type_builder` request): text it refuses raises there, as
in BAML, and what the text declares is listed by `list_properties()` / `list_values()`."""

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


_Ops = typing.List[typing.Dict[str, typing.Any]]


_Self = typing.TypeVar("_Self", bound="_MemberBuilder")


class _MemberBuilder:
    """A property or enum value being built: each change is recorded as an op on its owner."""

    _OP = ""
    _OWNER = ""

    def __init__(self, ops: _Ops, owner: str, name: str) -> None:
        self._ops = ops
        self._owner = owner
        self.name = name

    def _record(self: _Self, key: str, value: typing.Any) -> _Self:
        self._ops.append({"op": self._OP, self._OWNER: self._owner, "name": self.name, key: value})
        return self

    def alias(self: _Self, alias: typing.Optional[str]) -> _Self:
        return self._record("alias", alias)

    def description(self: _Self, description: typing.Optional[str]) -> _Self:
        return self._record("description", description)


class ClassPropertyBuilder(_MemberBuilder):
    """One property of a class being built; every method returns the builder, to chain."""

    _OP = "property"
    _OWNER = "class"

    def type(self, field_type: FieldType) -> "ClassPropertyBuilder":
        return self._record("type", field_type._spec)


class ClassBuilder:
    def __init__(self, ops: _Ops, name: str) -> None:
        self._ops = ops
        self.name = name
        self._props: typing.List[str] = []

    def field(self) -> FieldType:
        return FieldType({"class": self.name})

    def type(self) -> FieldType:
        return self.field()

    def property(self, name: str) -> ClassPropertyBuilder:
        return ClassPropertyBuilder(self._ops, self.name, name)

    def add_property(self, name: str, field_type: FieldType) -> ClassPropertyBuilder:
        if name in self._props:
            raise ValueError(f"Property {name} already exists on {self.name}.")
        self._props.append(name)
        self._ops.append({"op": "add_property", "class": self.name, "name": name, "type": field_type._spec})
        return self.property(name)

    def list_properties(self) -> typing.List[typing.Tuple[str, ClassPropertyBuilder]]:
        return [(n, self.property(n)) for n in self._props]

    def remove_property(self, name: str) -> None:
        if name in self._props:
            self._props.remove(name)
        self._ops.append({"op": "remove_property", "class": self.name, "name": name})

    def reset(self) -> None:
        self._props.clear()
        self._ops.append({"op": "reset", "class": self.name})


class EnumValueBuilder(_MemberBuilder):
    """One value of an enum being built; every method returns the builder, to chain."""

    _OP = "value"
    _OWNER = "enum"

    def skip(self, skip: typing.Optional[bool] = True) -> "EnumValueBuilder":
        return self._record("skip", skip is not False)


class EnumBuilder:
    def __init__(self, ops: _Ops, name: str) -> None:
        self._ops = ops
        self.name = name
        self._values: typing.List[str] = []  # added with add_value
        self._touched: typing.Set[str] = set()

    def field(self) -> FieldType:
        return FieldType({"enum": self.name})

    def type(self) -> FieldType:
        return self.field()

    def value(self, name: str) -> EnumValueBuilder:
        """The value `name` (of the schema, or added); the engine adds it when there is none."""
        if name not in self._touched:
            self._touched.add(name)
            self._ops.append({"op": "value", "enum": self.name, "name": name})
        return EnumValueBuilder(self._ops, self.name, name)

    def add_value(self, name: str) -> EnumValueBuilder:
        if name in self._values:
            raise ValueError(f"Value {name} already exists on {self.name}.")
        self._values.append(name)
        self._touched.add(name)
        self._ops.append({"op": "add_value", "enum": self.name, "name": name})
        return EnumValueBuilder(self._ops, self.name, name)

    def list_values(self) -> typing.List[typing.Tuple[str, EnumValueBuilder]]:
        return [(n, EnumValueBuilder(self._ops, self.name, n)) for n in self._values]


class _NativeTypeBuilder:
    """What `tb._tb` is: the changes, recorded in order; the engine replays them (`to_wire`)."""

    def __init__(self, runtime: typing.Any = None) -> None:
        self._runtime = runtime
        self.ops: _Ops = []
        self.classes: typing.Dict[str, ClassBuilder] = {}
        self.enums: typing.Dict[str, EnumBuilder] = {}
        self.aliases: typing.Set[str] = set()  # type aliases add_baml declared

    def class_(self, name: str) -> ClassBuilder:
        if name not in self.classes:
            self.classes[name] = ClassBuilder(self.ops, name)
        return self.classes[name]

    def enum(self, name: str) -> EnumBuilder:
        if name not in self.enums:
            self.enums[name] = EnumBuilder(self.ops, name)
        return self.enums[name]

    def add_class(self, name: str) -> ClassBuilder:
        self.ops.append({"op": "add_class", "name": name})
        return self.class_(name)

    def add_enum(self, name: str) -> EnumBuilder:
        self.ops.append({"op": "add_enum", "name": name})
        return self.enum(name)

    def add_baml(self, baml: str) -> None:
        """Recorded once the engine has read it with the changes before it; raises its error."""
        op = {"op": "add_baml", "baml": baml}
        if self._runtime is None:  # a builder made without a client: the call reads the text
            self.ops.append(op)
            return
        declared = self._runtime._describe_type_builder({"ops": [dict(o) for o in self.ops] + [op]})
        self.ops.append(op)
        self._learn(declared)

    def _learn(self, declared: typing.Mapping[str, typing.Any]) -> None:
        """Takes the engine's word for what each class and enum has beyond the schema."""
        classes = declared.get("classes") or {}
        enums = declared.get("enums") or {}
        for name in classes:
            self.class_(name)
        for name in enums:
            self.enum(name)
        for name, cls in self.classes.items():
            cls._props[:] = list(classes.get(name) or [])
        for name, enm in self.enums.items():
            enm._values[:] = list(enums.get(name) or [])
            enm._touched.update(enm._values)
        self.aliases.update(declared.get("aliases") or [])

    def to_wire(self) -> typing.Dict[str, typing.Any]:
        return {"ops": [dict(o) for o in self.ops]}


class TypeBuilder:
    """Base of the generated `baml_client.type_builder.TypeBuilder`."""

    def __init__(self, classes: typing.Set[str], enums: typing.Set[str], runtime: typing.Any = None) -> None:
        self.__classes = set(classes)
        self.__enums = set(enums)
        self._tb = _NativeTypeBuilder(runtime)

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
        return self._tb.add_class(name)

    def add_enum(self, name: builtins.str) -> EnumBuilder:
        if name in self.__enums or name in self._tb.enums:
            raise ValueError(f"Enum with name {name} already exists.")
        return self._tb.add_enum(name)

    def add_baml(self, baml: builtins.str) -> None:
        """Classes, enums and `dynamic` blocks in BAML text. The engine reads it at once: text it
        refuses raises `BamlError` (its diagnostics) and leaves the builder as it was."""
        if not isinstance(baml, builtins.str):
            raise TypeError("add_baml takes BAML text (a str)")
        self._tb.add_baml(baml)


class ClassPropertyViewer:
    """Read-only view of a declared property."""

    def __init__(self, bldr: ClassPropertyBuilder) -> None:
        self.__bldr = bldr


class EnumValueViewer:
    """Read-only view of a declared enum value."""

    def __init__(self, bldr: EnumValueBuilder) -> None:
        self.__bldr = bldr
