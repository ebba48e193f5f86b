"""Value types returned by the API: frozen dataclasses."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional

# slots=True (3.10+) makes instances smaller and lets the extension fill them
# without going through __init__.
_frozen = dict(frozen=True, slots=True) if sys.version_info >= (3, 10) else dict(frozen=True)


@dataclass(**_frozen)
class Slot:
    """A free time: [start, end) with one staff member, in the business's zone."""

    start: datetime
    end: datetime
    staff: str


@dataclass(**_frozen)
class Booking:
    id: str
    service: str
    staff: str
    start: datetime
    end: datetime
    status: str  # "confirmed" | "cancelled"
    confirmation_code: str
    customer_name: str
    customer_phone: str
    customer_email: Optional[str]
    sequence: int  # iCalendar SEQUENCE, bumped on each change
    replayed: bool  # an idempotency key returned an earlier booking

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"


@dataclass(**_frozen)
class Reply:
    """The agent's answer to one conversation turn."""

    text: str
    end_call: bool = False
    transfer_to: Optional[str] = None


@dataclass(**_frozen)
class Event:
    """One live-call event (docs/session.md): call_started, transcript,
    agent_speech, dtmf, booking, transfer, hangup, metrics, ..."""

    type: str
    call_id: str
    t_ms: int
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
