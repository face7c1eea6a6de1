"""BAML's exception classes, with the same names, hierarchy and attributes."""

from __future__ import annotations

import typing


class BamlError(Exception):
    """Base class of every error the BAML runtime raises."""

    def __init__(self, message: str = "", detailed_message: typing.Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.detailed_message = detailed_message if detailed_message is not None else message

    def __str__(self) -> str:
        return self.message


class BamlInvalidArgumentError(BamlError):
    """Bad arguments to a function (wrong type, missing parameter, unknown function)."""


class BamlClientError(BamlError):
    """The client failed to return a valid response."""


class BamlClientHttpError(BamlClientError):
    """The provider answered with an HTTP error status."""

    def __init__(
        self,
        client_name: str,
        message: str,
        status_code: int,
        detailed_message: typing.Optional[str] = None,
        raw_response: typing.Optional[str] = None,
    ) -> None:
        super().__init__(message, detailed_message)
        self.client_name = client_name
        self.status_code = status_code
        self.raw_response = raw_response

    def __repr__(self) -> str:
        return (
            f"BamlClientHttpError(client_name={self.client_name!r}, status_code={self.status_code!r}, "
            f"message={self.message!r}, detailed_message={self.detailed_message!r})"
        )


class BamlTimeoutError(BamlClientHttpError):
    """The request to the provider timed out."""


class BamlValidationError(BamlError):
    """The LLM's output could not be parsed into the function's return type."""

    def __init__(
        self, prompt: str, message: str, raw_output: str, detailed_message: typing.Optional[str] = None
    ) -> None:
        super().__init__(message, detailed_message)
        self.prompt = prompt
        self.raw_output = raw_output

    def __str__(self) -> str:
        return (
            f"BamlValidationError(message={self.message}, raw_output={self.raw_output}, "
            f"prompt={self.prompt}, detailed_message={self.detailed_message})"
        )

    __repr__ = __str__


class BamlClientFinishReasonError(BamlError):
    """The LLM stopped for a finish reason the client does not allow."""

    def __init__(
        self,
        prompt: str,
        message: str,
        raw_output: str,
        finish_reason: typing.Optional[str],
        detailed_message: typing.Optional[str] = None,
    ) -> None:
        super().__init__(message, detailed_message)
        self.prompt = prompt
        self.raw_output = raw_output
        self.finish_reason = finish_reason

    def __str__(self) -> str:
        return (
            f"BamlClientFinishReasonError(message={self.message}, raw_output={self.raw_output}, "
            f"prompt={self.prompt}, finish_reason={self.finish_reason}, detailed_message={self.detailed_message})"
        )

    __repr__ = __str__


class BamlAbortError(BamlError):
    """The operation was cancelled through an AbortController."""

    def __init__(
        self,
        message: str = "Operation was aborted",
        reason: typing.Any = None,
        detailed_message: typing.Optional[str] = None,
    ) -> None:
        super().__init__(message, detailed_message)
        self.reason = reason


class BamlEngineError(BamlError):
    """tsbaml only: the engine link failed (Node.js missing or too old, the engine exited, a malformed message)."""


def from_wire(error: typing.Mapping[str, typing.Any]) -> BamlError:
    """The Python exception for an error as the engine reports it (`{"type": ..., "message": ..., ...}`)."""
    kind = str(error.get("type", "BamlError"))
    message = str(error.get("message", ""))
    detailed = error.get("detailed_message")
    detailed = str(detailed) if detailed is not None else None
    if kind == "BamlValidationError":
        return BamlValidationError(
            str(error.get("prompt") or ""), message, str(error.get("raw_output") or ""), detailed
        )
    if kind == "BamlClientFinishReasonError":
        return BamlClientFinishReasonError(
            str(error.get("prompt") or ""),
            message,
            str(error.get("raw_output") or ""),
            error.get("finish_reason"),
            detailed,
        )
    if kind in ("BamlClientHttpError", "BamlTimeoutError"):
        cls = BamlTimeoutError if kind == "BamlTimeoutError" else BamlClientHttpError
        status = error.get("status_code")
        return cls(
            str(error.get("client_name") or ""),
            message,
            int(status) if isinstance(status, (int, float)) else 0,
            detailed,
            error.get("raw_response"),
        )
    if kind == "BamlAbortError":
        return BamlAbortError(message or "Operation was aborted", error.get("reason"), detailed)
    simple: typing.Dict[str, typing.Type[BamlError]] = {
        "BamlInvalidArgumentError": BamlInvalidArgumentError,
        "BamlClientError": BamlClientError,
        "BamlProtocolError": BamlEngineError,
    }
    return simple.get(kind, BamlError)(message, detailed)


__all__ = [
    "BamlError",
    "BamlInvalidArgumentError",
    "BamlClientError",
    "BamlClientHttpError",
    "BamlTimeoutError",
    "BamlValidationError",
    "BamlClientFinishReasonError",
    "BamlAbortError",
    "BamlEngineError",
]
