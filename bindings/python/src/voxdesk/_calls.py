"""Live calls in audio: speech engines, the call session and its events."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from collections import deque
from typing import Any, AsyncIterator, Callable, Iterator, NamedTuple, Optional, Union

from . import _voxdesk
from ._business import Business, Conversation
from ._errors import ClosedError
from ._types import Event

log = logging.getLogger("voxdesk")

EventCallback = Callable[[Event], Any]


class Engines:
    """Speech engines for live calls. One handle serves any number of calls
    on any threads; calls opened on it keep it alive until they close."""

    __slots__ = ("_h",)

    def __init__(self, native: Any) -> None:
        self._h = native

    @classmethod
    def embedded(cls, *, voice_en: Optional[str] = None, voice_es: Optional[str] = None,
                 rate_wpm: int = 0, preload_decoders: int = 0) -> "Engines":
        """espeak-ng for the agent's voice and pocketsphinx for the caller's
        speech: no network, no keys. Loading takes about a second."""
        return cls(_voxdesk.Engines.open_embedded(voice_en, voice_es, rate_wpm, preload_decoders))

    @property
    def closed(self) -> bool:
        return self._h.closed

    def close(self) -> None:
        self._h.close()

    def __enter__(self) -> "Engines":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Frame(NamedTuple):
    """What one process() call returns: the agent's audio for the frame
    (int16 native-endian samples as bytes) and whether the call is live."""

    audio: bytes
    live: bool


def _event(raw: str) -> Event:
    j = json.loads(raw)
    return Event(type=j.get("type", ""), call_id=j.get("call_id", ""), t_ms=int(j.get("t_ms", 0)),
                 text=j.get("text", ""), data=j.get("data") or {})


def _wake(fut: "asyncio.Future[None]") -> None:
    if not fut.done():
        fut.set_result(None)


class Session:
    """One live phone call in audio. Feed the caller's audio one 20 ms frame
    at a time with :meth:`process` and play the frame it returns.

    Events reach ``on_event`` (called on the thread that ran process(), after
    the frame is done, so the callback may call back into the business) and
    wait for :meth:`events`, which is both a plain iterator over the events
    pending now and an async iterator that follows the call to its end.
    """

    def __init__(self, native: Any, *, call_id: Optional[str] = None,
                 on_event: Optional[EventCallback] = None) -> None:
        self._h = native
        self.call_id = call_id
        self.on_event = on_event
        self.live = True
        self._lock = threading.Lock()
        self._pending: deque[Event] = deque(maxlen=4096)  # as the library's own queue
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []
        self._over = False

    @property
    def sample_rate(self) -> int:
        return self._h.sample_rate

    @property
    def frame_samples(self) -> int:
        """Samples in one 20 ms frame (160 at 8 kHz)."""
        return self._h.frame_samples

    @property
    def closed(self) -> bool:
        return self._h.closed

    def process(self, frame: Union[bytes, bytearray, memoryview, Any, None] = None) -> Frame:
        """Processes one frame of the caller's audio: bytes, bytearray,
        memoryview, array('h') or a numpy int16 array of exactly
        frame_samples samples, or None when no audio arrived. In virtual time
        each call moves the business's clock 20 ms forward."""
        audio, live, raw = self._h.process(frame)
        self.live = live
        self._deliver(raw, over=not live)
        return Frame(audio, live)

    def dtmf(self, digit: str) -> None:
        """A key reported out of band by the carrier: 0-9, *, #, A-D."""
        self._h.dtmf(digit)

    def hangup(self) -> None:
        """The caller hung up; the next process() ends the call."""
        self._h.hangup()

    def record(self) -> dict[str, Any]:
        """The call's record: outcome, booking, transcript, turns, end_reason."""
        return json.loads(self._h.record())

    def write_wav(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes the recording (record=True) as a stereo WAV, caller left."""
        self._h.write_wav(os.fspath(path))

    def events(self) -> "EventStream":
        return EventStream(self)

    def close(self) -> None:
        """Ends the call if still live (as a hang-up) and frees it. Idempotent."""
        if not self._h.closed:
            try:
                self._deliver(self._h.take_events(), over=False)
            except ClosedError:  # closed by another thread meanwhile
                pass
        self._h.close()
        self._finish()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _deliver(self, raw: list[str], *, over: bool) -> None:
        events = [_event(r) for r in raw]
        if events and self.call_id is None:
            self.call_id = events[0].call_id
        with self._lock:
            self._pending.extend(events)
            if over:
                self._over = True
            waiters = self._waiters if (events or over) else []
            if waiters:
                self._waiters = []
        for loop, fut in waiters:
            loop.call_soon_threadsafe(_wake, fut)
        callback = self.on_event
        if callback is None:
            return
        for e in events:
            try:
                callback(e)
            except Exception:  # one bad callback must not stop the call
                log.exception("voxdesk: on_event callback raised on %s", e.type)

    def _finish(self) -> None:
        with self._lock:
            self._over = True
            waiters, self._waiters = self._waiters, []
        for loop, fut in waiters:
            loop.call_soon_threadsafe(_wake, fut)


class EventStream:
    """``for e in session.events()`` takes the events pending now;
    ``async for e in session.events()`` waits for new ones as process() runs
    (in another thread or task) and ends when the call is over or closed."""

    __slots__ = ("_s",)

    def __init__(self, session: Session) -> None:
        self._s = session

    def __iter__(self) -> Iterator[Event]:
        return self

    def __next__(self) -> Event:
        with self._s._lock:
            if self._s._pending:
                return self._s._pending.popleft()
        raise StopIteration

    def __aiter__(self) -> AsyncIterator[Event]:
        return self

    async def __anext__(self) -> Event:
        s = self._s
        while True:
            with s._lock:
                if s._pending:
                    return s._pending.popleft()
                if s._over:
                    raise StopAsyncIteration
                loop = asyncio.get_running_loop()
                fut: asyncio.Future[None] = loop.create_future()
                s._waiters.append((loop, fut))
            await fut


class Agent:
    """A receptionist for one business: opens conversations (text) and live
    calls (audio, on its engines) with shared defaults."""

    def __init__(self, business: Business, engines: Optional[Engines] = None,
                 **session_defaults: Any) -> None:
        if not isinstance(business, Business):
            raise TypeError(f"business must be a voxdesk.Business, not {type(business).__name__}")
        self.business = business
        self.engines = engines
        self.session_defaults = session_defaults

    def conversation(self, **kwargs: Any) -> Conversation:
        return self.business.conversation(**kwargs)

    def session(self, **kwargs: Any) -> Session:
        if self.engines is None:
            raise ValueError("this Agent has no engines; pass Engines.embedded() to Agent()")
        return self.business.session(self.engines, **{**self.session_defaults, **kwargs})
