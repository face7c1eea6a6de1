"""BamlStream (async) and BamlSyncStream: what `b.stream.Fn(...)` returns. Iterate for partial
values (the newest one each time: a slow consumer never falls behind), then call
`get_final_response()` for the validated final value."""

from __future__ import annotations

import typing

from ._engine import _NOTHING

PartialT = typing.TypeVar("PartialT")
FinalT = typing.TypeVar("FinalT")


class _Base(typing.Generic[PartialT, FinalT]):
    def __init__(
        self,
        ffi_stream: typing.Any,
        partial_coerce: typing.Callable[[typing.Any], PartialT],
        final_coerce: typing.Callable[[typing.Any], FinalT],
        ctx: typing.Any,
    ) -> None:
        self._handle = ffi_stream
        self._partial = partial_coerce
        self._final = final_coerce
        self._final_value: typing.Any = _NOTHING
        # `baml_options={"on_tick": fn}`: fn("Unknown", FunctionLog) for each partial taken.
        self._on_tick: typing.Optional[typing.Callable[[str, typing.Any], None]] = None

    def _step(self) -> typing.Tuple[bool, typing.Any]:
        """(True, partial) when a partial is waiting, (False, None) when the stream is over."""
        p = self._handle.pending
        with p.cond:
            value = p.take_partial()
            done = p.done
        if value is not _NOTHING:
            self._tick()
            return True, value
        if done:
            return False, None
        return True, _NOTHING

    def _tick(self) -> None:
        log = self._handle.pending.log
        if self._on_tick is not None and log is not None:
            from .baml_py import FunctionLog

            self._on_tick("Unknown", FunctionLog(log))

    def _end_of_iteration(self) -> None:
        error = self._handle.iterator_error()
        if error is not None:
            raise error

    def _final_response(self) -> FinalT:
        if self._final_value is _NOTHING:
            self._final_value = self._final(self._handle.outcome())
        return typing.cast(FinalT, self._final_value)

    def cancel(self) -> None:
        """Stops the stream (the engine closes the provider request)."""
        self._handle.cancel()


class BamlSyncStream(_Base[PartialT, FinalT]):
    def __iter__(self) -> typing.Iterator[PartialT]:
        p = self._handle.pending
        while True:
            more, value = self._step()
            if not more:
                break
            if value is _NOTHING:
                p.wait_sync()
                continue
            yield self._partial(value)
        self._end_of_iteration()

    def get_final_response(self) -> FinalT:
        p = self._handle.pending
        with p.cond:
            while not p.done:
                p.cond.wait()
        return self._final_response()


class BamlStream(_Base[PartialT, FinalT]):
    def __aiter__(self) -> typing.AsyncIterator[PartialT]:
        return self._iterate()

    async def _iterate(self) -> typing.AsyncIterator[PartialT]:
        p = self._handle.pending
        while True:
            more, value = self._step()
            if not more:
                break
            if value is _NOTHING:
                await p.wait_async()
                continue
            yield self._partial(value)
        self._end_of_iteration()

    async def get_final_response(self) -> FinalT:
        p = self._handle.pending
        while not p.done:
            with p.cond:
                taken = p.take_partial()
            if taken is not _NOTHING:
                self._tick()
            await p.wait_async()
        return self._final_response()
