"""A TypeBuilder through the engine: the Python builder records its changes, the engine replays
them onto the program's TypeBuilder for that call (docs/python-engine.md, "TypeBuilder")."""

from __future__ import annotations

import asyncio
import json
import typing

import pytest

import baml_py
from conftest import as_dict
from loopback import LoopbackLlm


def chunks(text: str, size: int = 5) -> typing.List[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def pet_builder() -> typing.Any:
    from baml_client.type_builder import TypeBuilder

    tb = TypeBuilder()
    tb.Pet.add_property("legs", tb.int()).description("how many legs")
    tb.Color.add_value("TEAL").alias("bluegreen")
    return tb


def prompt_of(request: typing.Dict[str, typing.Any]) -> str:
    return str(request["messages"][0]["content"])


def test_call_with_a_dynamic_property_and_enum_value(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client import b

    tb = pet_builder()
    llm.set(chunks(json.dumps({"name": "Rex", "legs": 4})))
    pet = b.DescribePet("a dog", baml_options={"tb": tb})
    assert pet.name == "Rex"
    assert getattr(pet, "legs") == 4  # an extra field of the @@dynamic model
    assert "legs: int" in prompt_of(llm.requests[-1]) and "how many legs" in prompt_of(llm.requests[-1])

    llm.set(chunks(json.dumps(["RED", "bluegreen"])))
    colors = b.PickColors("sea", baml_options={"tb": tb})
    assert [c.value for c in colors] == ["RED", "TEAL"]
    assert "'bluegreen'" in prompt_of(llm.requests[-1])

    # Without the builder the same answer is a plain Pet, and TEAL is no Color.
    llm.set(chunks(json.dumps(["RED", "bluegreen"])))
    assert [c.value for c in b.PickColors("sea")] == ["RED"]


def test_stream_with_a_type_builder(client_dir: str, llm: LoopbackLlm) -> None:
    from baml_client.async_client import b

    tb = pet_builder()
    llm.set(chunks(json.dumps({"name": "Rex", "legs": 4}), 3), delay_s=0.01)

    async def main() -> typing.Tuple[typing.List[typing.Any], typing.Any]:
        stream = b.stream.DescribePet("a dog", baml_options={"tb": tb})
        seen: typing.List[typing.Any] = []
        async for partial in stream:
            seen.append(as_dict(partial))
        return seen, await stream.get_final_response()

    seen, final = asyncio.run(main())
    assert as_dict(final) == {"name": "Rex", "legs": 4}
    assert any(p.get("legs") is None for p in seen) and seen[-1].get("legs") == 4


def test_parse_and_parse_stream_with_a_type_builder(client_dir: str) -> None:
    from baml_client import b

    tb = pet_builder()
    assert as_dict(b.parse.DescribePet('{"name": "Rex", "legs": 3}', baml_options={"tb": tb})) == {"name": "Rex", "legs": 3}
    partial = b.parse_stream.DescribePet('{"name": "Rex", "legs": 3', baml_options={"tb": tb})
    assert as_dict(partial) == {"name": "Rex", "legs": None}  # a number still being written
    # The alias replaces the name: "bluegreen" is TEAL.
    assert [c.value for c in b.parse.PickColors('["bluegreen", "RED"]', baml_options={"tb": tb})] == ["TEAL", "RED"]
    # Without the builder, the extra key is not part of the schema.
    assert as_dict(b.parse.DescribePet('{"name": "Rex", "legs": 3}')) == {"name": "Rex"}


def test_new_class_and_add_baml(client_dir: str) -> None:
    from baml_client import b
    from baml_client.type_builder import TypeBuilder

    tb = TypeBuilder()
    owner = tb.add_class("Owner")
    owner.add_property("nick", tb.string().optional()).alias("nickname")
    tb.Pet.add_property("owner", owner.type())
    tb.add_baml("dynamic class Pet {\n  tricks string[] @description(\"what it can do\")\n}")
    pet = b.parse.DescribePet('{"name": "Rex", "owner": {"nickname": "Al"}, "tricks": ["sit"]}', baml_options={"tb": tb})
    assert as_dict(pet) == {"name": "Rex", "owner": {"nick": "Al"}, "tricks": ["sit"]}


def test_builder_misuse_is_a_typed_error(client_dir: str) -> None:
    from baml_client import b
    from baml_client.type_builder import TypeBuilder

    tb = TypeBuilder()
    with pytest.raises(ValueError):
        tb.Pet.add_property("name", tb.string())  # declared in the schema
    with pytest.raises(ValueError):
        tb.add_class("Fixed")
    assert not hasattr(tb.Fixed, "add_property")  # not @@dynamic: a viewer

    # add_baml reads its text at once, as BAML's does: a class without @@dynamic cannot grow.
    with pytest.raises(baml_py.BamlError) as caught:
        tb.add_baml("dynamic class Fixed {\n  b int\n}")
    assert type(caught.value) is baml_py.BamlError
    assert "@@dynamic" in caught.value.message and "Fixed" in caught.value.message
    assert caught.value.message.startswith("TypeBuilder::add_baml:1:15: error")  # where, in the text


def test_add_baml_errors_raise_at_add_baml_and_leave_the_builder_as_it_was(client_dir: str) -> None:
    from baml_client import b
    from baml_client.type_builder import TypeBuilder

    tb = TypeBuilder()
    tb.Pet.add_property("legs", tb.int())
    for text, where in [
        ("class {", "TypeBuilder::add_baml:1:7"),  # syntax
        ("class Owner {\n  pet Unknown\n}", "TypeBuilder::add_baml:2:7"),  # an unknown type
        ("dynamic class Pet {\n  legs string\n}", "legs"),  # already added from Python
    ]:
        with pytest.raises(baml_py.BamlError) as caught:
            tb.add_baml(text)
        assert where in str(caught.value), str(caught.value)
    with pytest.raises(TypeError):
        tb.add_baml(42)  # type: ignore[arg-type]
    # Nothing of the refused text stuck: the builder still works for a call.
    pet = b.parse.DescribePet('{"name": "Rex", "legs": 4}', baml_options={"tb": tb})
    assert as_dict(pet) == {"name": "Rex", "legs": 4}
    assert [n for n, _ in tb.Pet.list_properties()] == ["name", "legs"]


def test_what_add_baml_adds_is_listed(client_dir: str) -> None:
    from baml_client import b
    from baml_client.type_builder import TypeBuilder

    tb = TypeBuilder()
    tb.Pet.add_property("legs", tb.int())
    tb.Color.add_value("TEAL")
    tb.add_baml(
        "dynamic class Pet {\n  tricks string[]\n  owner Owner?\n}\n"
        "class Owner {\n  nick string\n  mood Mood\n}\n"
        "enum Mood {\n  HAPPY\n  SAD @alias(\"blue\")\n}\n"
        "dynamic enum Color {\n  GOLD\n}"
    )
    assert [n for n, _ in tb.Pet.list_properties()] == ["name", "legs", "tricks", "owner"]
    assert [n for n, _ in tb.Color.list_values()] == ["RED", "TEAL", "GOLD"]
    assert [n for n, _ in tb._tb.class_("Owner").list_properties()] == ["nick", "mood"]
    assert [n for n, _ in tb._tb.enum("Mood").list_values()] == ["HAPPY", "SAD"]
    # The builders of the listed members work as those added from Python do.
    props = dict(tb.Pet.list_properties())
    props["tricks"].description("what it can do")
    with pytest.raises(ValueError):
        tb.Pet.add_property("tricks", tb.string())  # add_baml made it
    with pytest.raises(ValueError):
        tb.Color.add_value("GOLD")
    with pytest.raises(ValueError):
        tb.add_class("Owner")
    tb.Pet.remove_property("legs")
    assert [n for n, _ in tb.Pet.list_properties()] == ["name", "tricks", "owner"]
    # A later add_baml sees the removal too (the engine replays every change in order).
    tb.add_baml("dynamic class Pet {\n  age int?\n}")
    assert [n for n, _ in tb.Pet.list_properties()] == ["name", "tricks", "owner", "age"]

    pet = b.parse.DescribePet(
        '{"name": "Rex", "legs": 4, "tricks": ["sit"], "owner": {"nick": "Al", "mood": "blue"}, "age": 3}',
        baml_options={"tb": tb},
    )
    assert as_dict(pet) == {"name": "Rex", "tricks": ["sit"], "owner": {"nick": "Al", "mood": "SAD"}, "age": 3}
    assert "what it can do" in b.request.DescribePet("a dog", baml_options={"tb": tb}).body.text()
