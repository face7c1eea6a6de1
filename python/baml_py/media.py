"""Media arguments: Image, Audio, Pdf, Video (from a URL or base64 data)."""

from __future__ import annotations

import typing


class BamlMedia:
    _kind = "image"

    def __init__(
        self, *, url: typing.Optional[str] = None, base64: typing.Optional[str] = None, media_type: typing.Optional[str] = None
    ) -> None:
        self._url = url
        self._base64 = base64
        self._media_type = media_type

    @classmethod
    def from_url(cls, url: str, media_type: typing.Optional[str] = None) -> typing.Any:
        return cls(url=url, media_type=media_type)

    @classmethod
    def from_base64(cls, media_type: str, base64: str) -> typing.Any:
        return cls(base64=base64, media_type=media_type)

    def is_url(self) -> bool:
        return self._url is not None

    def as_url(self) -> str:
        if self._url is None:
            raise ValueError(f"this {type(self).__name__} was made from base64 data, not a URL")
        return self._url

    def as_base64(self) -> typing.List[str]:
        """`[base64, media_type]`."""
        if self._base64 is None:
            raise ValueError(f"this {type(self).__name__} was made from a URL, not base64 data")
        return [self._base64, self._media_type or ""]

    def _to_wire(self) -> typing.Dict[str, typing.Any]:
        out: typing.Dict[str, typing.Any] = {"$media": self._kind}
        if self._url is not None:
            out["url"] = self._url
        if self._base64 is not None:
            out["base64"] = self._base64
        if self._media_type is not None:
            out["media_type"] = self._media_type
        return out

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BamlMedia) and self._to_wire() == other._to_wire()

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._to_wire().items())))

    def __repr__(self) -> str:
        where = f"url={self._url!r}" if self._url is not None else "base64=..."
        return f"{type(self).__name__}({where}, media_type={self._media_type!r})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: typing.Any, handler: typing.Any) -> typing.Any:
        from pydantic_core import core_schema  # type: ignore[import-not-found, unused-ignore]

        return core_schema.is_instance_schema(cls)


class Image(BamlMedia):
    _kind = "image"


class Audio(BamlMedia):
    _kind = "audio"


class Pdf(BamlMedia):
    _kind = "pdf"


class Video(BamlMedia):
    _kind = "video"
