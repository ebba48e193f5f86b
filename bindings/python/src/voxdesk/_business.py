"""Business and Conversation: bookings and text conversations."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Optional, Union

from . import _voxdesk
from ._types import Booking, Reply, Slot

if TYPE_CHECKING:
    from ._calls import Engines, Event, Session

Time = Union[datetime, str]
BookingRef = Union[Booking, str]
Script = Union[str, "os.PathLike[str]", Iterable[Union[Mapping[str, Any], str]]]


def _booking_id(booking: BookingRef) -> str:
    return booking.id if isinstance(booking, Booking) else booking


class Business:
    """One business (its configuration) with its booking store.

    Open with :meth:`from_file` or :meth:`from_config`. Safe to share between
    threads: calls on one business run one after another inside the library.
    Use as a context manager or call :meth:`close`; conversations and calls
    opened from it keep working until they are closed themselves.
    """

    __slots__ = ("_h", "__weakref__")

    def __init__(self, *, config_path: Optional[Union[str, "os.PathLike[str]"]] = None,
                 config_json: Optional[str] = None, db_path: Optional[str] = None,
                 now: Optional[Time] = None, seed: int = 0) -> None:
        if config_path is not None:
            config_path = os.fspath(config_path)
        if db_path is not None and not isinstance(db_path, str):
            db_path = os.fspath(db_path)
        self._h = _voxdesk.Business.open(config_json, config_path, db_path, now, seed)

    @classmethod
    def from_file(cls, path: Union[str, "os.PathLike[str]"], *, db_path: Optional[str] = None,
                  now: Optional[Time] = None, seed: int = 0) -> "Business":
        """Loads a configuration file. ``now`` fixes the clock (virtual time);
        ``db_path`` is the SQLite file for bookings (default: in memory);
        ``seed`` makes ids and confirmation codes reproducible."""
        return cls(config_path=path, db_path=db_path, now=now, seed=seed)

    @classmethod
    def from_config(cls, config: Union[str, Mapping[str, Any]], *, db_path: Optional[str] = None,
                    now: Optional[Time] = None, seed: int = 0) -> "Business":
        """Loads a configuration given as a dict or as JSON text."""
        text = config if isinstance(config, str) else json.dumps(config)
        return cls(config_json=text, db_path=db_path, now=now, seed=seed)

    # -- identity ---------------------------------------------------------

    @property
    def id(self) -> str:
        return self._h.id

    @property
    def timezone(self) -> str:
        """The business's IANA zone, e.g. "America/New_York"."""
        return self._h.timezone

    @property
    def tzinfo(self) -> tzinfo:
        """The zone every returned datetime is in (a zoneinfo.ZoneInfo)."""
        return self._h.tzinfo

    @property
    def warnings(self) -> list[str]:
        """Warnings from loading the configuration (unknown keys)."""
        return list(self._h.warnings)

    @property
    def closed(self) -> bool:
        return self._h.closed

    def describe(self) -> dict[str, Any]:
        """The business as loaded: services, staff, hours, ..."""
        return json.loads(self._h.describe())

    def set_now(self, now: Time) -> None:
        """Fixes the clock at ``now`` (switching to virtual time)."""
        self._h.set_now(now)

    # -- availability -----------------------------------------------------

    def slots(self, service: str, start: Time, end: Time, *, staff: Optional[str] = None,
              limit: int = 0) -> list[Slot]:
        """Free slots of ``service`` starting in [start, end), sorted by start
        then staff id; ``limit`` > 0 returns at most that many."""
        return self._h.slots(service, start, end, staff, limit)

    def next_available(self, service: str, *, staff: Optional[str] = None,
                       after: Optional[Time] = None) -> Optional[Slot]:
        """The first free slot at or after ``after`` (default: now) within the
        booking horizon, or None."""
        return self._h.next_available(service, staff, after)

    # -- bookings ---------------------------------------------------------

    def book(self, service: str, start: Time, *, customer_name: str, customer_phone: str,
             staff: Optional[str] = None, customer_email: Optional[str] = None,
             idempotency_key: Optional[str] = None, hold_id: Optional[str] = None) -> Booking:
        """Books atomically. Raises SlotUnavailable when the slot is not offered
        or was just taken. The same ``idempotency_key`` returns the same booking
        (with ``replayed`` set)."""
        return self._h.book(service, start, customer_name, customer_phone, staff, customer_email,
                            idempotency_key, hold_id)

    def cancel(self, booking: BookingRef) -> Booking:
        """Cancels (cancelling twice returns the cancelled booking)."""
        return self._h.cancel(_booking_id(booking))

    def reschedule(self, booking: BookingRef, start: Time, *, staff: Optional[str] = None,
                   idempotency_key: Optional[str] = None) -> Booking:
        """Moves a booking atomically: the new slot is taken and the old one
        released together, or nothing changes."""
        return self._h.reschedule(_booking_id(booking), start, staff, idempotency_key)

    def booking(self, booking_id: str) -> Booking:
        """Looks a booking up by id (NotFound when there is none)."""
        return self._h.booking(booking_id)

    def ics(self, booking: BookingRef) -> str:
        """The booking as an iCalendar invitation (or cancellation)."""
        return self._h.ics(_booking_id(booking))

    def hold(self, service: str, start: Time, *, staff: Optional[str] = None,
             ttl: Union[int, timedelta] = 120) -> str:
        """Holds a slot for ``ttl`` (seconds or a timedelta) so nobody else can
        book it meanwhile; returns the hold id to pass to :meth:`book`."""
        if isinstance(ttl, timedelta):
            ttl = int(ttl.total_seconds())
        return self._h.hold(service, start, staff, ttl)

    def release_hold(self, hold_id: str) -> None:
        self._h.release_hold(hold_id)

    # -- conversations and calls -----------------------------------------

    def simulate(self, script: Script) -> list[dict[str, Any]]:
        """Runs scripted calls (docs/cli.md, ``voxdesk simulate``) in virtual
        time against this business's store; returns one record per call.

        ``script`` is JSONL text, a path to a JSONL file, or an iterable of
        calls (dicts such as ``{"id": "c1", "turns": ["...", "yes"]}``)."""
        if isinstance(script, os.PathLike):
            with open(script, encoding="utf-8") as f:
                text = f.read()
        elif isinstance(script, str):
            text = script
        else:
            text = "\n".join(line if isinstance(line, str) else json.dumps(line)
                             for line in script)
        out = self._h.simulate(text)
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def conversation(self, *, call_id: Optional[str] = None,
                     caller_id: Optional[str] = None) -> "Conversation":
        """A text conversation with the receptionist (docs/dialog.md)."""
        return Conversation(_voxdesk.Conversation.open(self._h, call_id, caller_id))

    def session(self, engines: "Engines", *, call_id: Optional[str] = None,
                caller_id: Optional[str] = None, sample_rate: int = 8000,
                end_of_turn_ms: int = 0, barge_in_ms: int = 0, no_input_ms: int = 0,
                record: bool = False, recording_notice: Optional[str] = None,
                outbox_dir: Optional[Union[str, "os.PathLike[str]"]] = None,
                on_event: Optional[Callable[["Event"], Any]] = None) -> "Session":
        """Answers a live call in audio (docs/session.md) on ``engines``."""
        from ._calls import Engines, Session

        if not isinstance(engines, Engines):
            raise TypeError(f"engines must be a voxdesk.Engines, not {type(engines).__name__}")
        if outbox_dir is not None:
            outbox_dir = os.fspath(outbox_dir)
        native = _voxdesk.Call.open(self._h, engines._h, call_id, caller_id, sample_rate,
                                    end_of_turn_ms, barge_in_ms, no_input_ms, bool(record),
                                    recording_notice, outbox_dir)
        return Session(native, call_id=call_id, on_event=on_event)

    # -- lifetime ---------------------------------------------------------

    def close(self) -> None:
        """Closes this handle (idempotent). Further calls raise ClosedError."""
        self._h.close()

    def __enter__(self) -> "Business":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else self.timezone
        return f"<voxdesk.Business {self.id!r} {state}>"


def _reply(text: str) -> Reply:
    j = json.loads(text)
    return Reply(text=j.get("text", ""), end_call=bool(j.get("end_call", False)),
                 transfer_to=j.get("transfer_to"))


class Conversation:
    """One phone call's conversation, text in and text out: :meth:`start`
    returns the greeting, :meth:`turn` the reply to each caller utterance."""

    __slots__ = ("_h",)

    def __init__(self, native: Any) -> None:
        self._h = native

    def start(self) -> Reply:
        return _reply(self._h.start())

    def turn(self, text: Optional[str]) -> Reply:
        """The agent's reply to what the caller said ("" or None: silence)."""
        return _reply(self._h.turn(text))

    def finish(self) -> None:
        """Ends the call: releases held times and settles the outcome."""
        self._h.finish()

    def record(self) -> dict[str, Any]:
        """The call's record: outcome, booking, transcript, ..."""
        return json.loads(self._h.record())

    @property
    def closed(self) -> bool:
        return self._h.closed

    def close(self) -> None:
        self._h.close()

    def __enter__(self) -> "Conversation":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
