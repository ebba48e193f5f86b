"""Fixtures: the example medical practice opened in virtual time."""

from __future__ import annotations

import pathlib
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import voxdesk

ROOT = pathlib.Path(__file__).resolve().parents[3]
PRACTICE = ROOT / "examples" / "business" / "medical-practice.json"
NY = ZoneInfo("America/New_York")
MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=NY)  # "now": Monday 2 March 2026, 08:00


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=NY)


@pytest.fixture
def biz():
    with voxdesk.Business.from_file(PRACTICE, now=MONDAY, seed=7) as b:
        yield b


@pytest.fixture(scope="session")
def engines():
    with voxdesk.Engines.embedded() as e:
        yield e
