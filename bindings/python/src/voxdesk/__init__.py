"""voxdesk: an embeddable phone receptionist that books, moves and cancels
appointments and answers calls, in text or live audio.

    import voxdesk
    from datetime import datetime
    from zoneinfo import ZoneInfo

    ny = ZoneInfo("America/New_York")
    with voxdesk.Business.from_file("medical-practice.json") as biz:
        slot = biz.slots("exam", datetime(2026, 3, 2, 9, tzinfo=ny),
                         datetime(2026, 3, 2, 17, tzinfo=ny), limit=1)[0]
        booking = biz.book("exam", slot.start, staff=slot.staff,
                           customer_name="Ana Ruiz", customer_phone="+15550142")
"""

from __future__ import annotations

# The value types and exceptions come first: the extension looks them up.
from ._errors import (
    ClosedError,
    Conflict,
    ConfigError,
    Error,
    InternalError,
    InvalidArgument,
    MisuseError,
    NotFound,
    ReentrantError,
    SlotUnavailable,
    StorageError,
)
from ._types import Booking, Event, Reply, Slot
from . import _voxdesk


def _check_library() -> None:
    built, loaded = _voxdesk.HEADER_VERSION, _voxdesk.library_version()
    if built // 100 != loaded // 100:
        raise ImportError(
            f"voxdesk: the loaded libvoxdesk is {_voxdesk.library_version_string()} but this "
            f"binding was built for {built // 10000}.{built // 100 % 100}; reinstall the binding "
            "against the installed library (pip install --force-reinstall ./bindings/python)")


_check_library()

from ._business import Business, Conversation  # noqa: E402
from ._calls import Agent, Engines, EventStream, Frame, Session  # noqa: E402

__version__ = _voxdesk.library_version_string()


def status_text(status: int) -> str:
    """The library's English text for a status code ("slot unavailable")."""
    return _voxdesk.status_str(status)


# Show the public names where users import them from.
for _cls in (Error, InvalidArgument, ConfigError, NotFound, SlotUnavailable, Conflict, StorageError,
             InternalError, MisuseError, ReentrantError, ClosedError, Slot, Booking, Reply, Event,
             Business, Conversation, Agent, Engines, EventStream, Frame, Session):
    _cls.__module__ = __name__
del _cls

__all__ = [
    "Agent", "Booking", "Business", "ClosedError", "ConfigError", "Conflict", "Conversation",
    "Engines", "Error", "Event", "EventStream", "Frame", "InternalError", "InvalidArgument",
    "MisuseError", "NotFound", "ReentrantError", "Reply", "Session", "Slot", "SlotUnavailable",
    "StorageError", "status_text",
]
