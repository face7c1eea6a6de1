"""The version gate a generated `baml_client/__init__.py` opens with."""

from __future__ import annotations

import types
import typing


class EnsureBamlPyImport:
    """`with EnsureBamlPyImport(version) as e: e.raise_if_incompatible_version(version)`."""

    def __init__(self, version: str) -> None:
        self.version = version

    def __enter__(self) -> "EnsureBamlPyImport":
        return self

    def __exit__(
        self,
        exc_type: typing.Optional[typing.Type[BaseException]],
        exc: typing.Optional[BaseException],
        tb: typing.Optional[types.TracebackType],
    ) -> None:
        return None

    def raise_if_incompatible_version(self, version: str) -> None:
        from . import __version__

        want = version.split(".")[:2]
        have = __version__.split(".")[:2]
        if want != have:
            raise ImportError(
                f"baml_client was generated for BAML {version}, but this baml_py implements {__version__}. "
                "Regenerate the client (npx tsbaml generate) or change the generator's version."
            )
