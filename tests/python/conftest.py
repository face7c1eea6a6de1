"""Generates the test project's Python client (with the repo's tsbaml) and serves a loopback LLM."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import typing

import pydantic
import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, os.path.dirname(__file__))

from loopback import LoopbackLlm  # noqa: E402

TSBAML = os.path.join(ROOT, "bin", "tsbaml.js")
PYDANTIC_V1 = pydantic.VERSION.startswith("1.")


def as_dict(model: typing.Any) -> typing.Any:
    """model_dump() on pydantic 2, dict() on pydantic 1."""
    return model.dict() if PYDANTIC_V1 else model.model_dump()
os.environ.setdefault("TSBAML_ENGINE", TSBAML)


def generate(project: str, out: str) -> str:
    """Copies `project`'s baml_src to `out` and runs `tsbaml generate` there."""
    shutil.copytree(os.path.join(project, "baml_src"), os.path.join(out, "baml_src"))
    if PYDANTIC_V1:  # the same suite runs on pydantic 1.10 with the python/pydantic/v1 generator
        gen = os.path.join(out, "baml_src", "generators.baml")
        with open(gen) as f:
            text = f.read().replace('"python/pydantic"', '"python/pydantic/v1"')
        with open(gen, "w") as f:
            f.write(text)
    subprocess.run(["node", TSBAML, "generate", "--from", "baml_src"], cwd=out, check=True, capture_output=True)
    return out


@pytest.fixture(scope="session")
def client_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = generate(os.path.join(os.path.dirname(__file__), "project"), str(tmp_path_factory.mktemp("proj")))
    sys.path.insert(0, out)
    return out


@pytest.fixture(scope="session")
def llm() -> typing.Iterator[LoopbackLlm]:
    server = LoopbackLlm()
    os.environ["LOOPBACK_BASE_URL"] = server.base_url
    os.environ["LOOPBACK_API_KEY"] = "sk-test"
    yield server
    server.close()
