"""Conversations end to end: scripted calls through simulate() and a call
driven turn by turn that books in the business's store."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import voxdesk
from conftest import PRACTICE, ROOT

NY = ZoneInfo("America/New_York")
OCT5 = datetime(2026, 10, 5, 9, 0, tzinfo=NY)  # a Monday morning, as the scenario suite
TURNS = ["hi yes i'd like to book a teeth cleaning on tuesday at 10 am", "jennifer walsh",
         "june 4th 1979", "yes", "no that's all thanks bye"]


@pytest.fixture
def oct_biz():
    with voxdesk.Business.from_file(PRACTICE, now=OCT5, seed=11) as b:
        yield b


def test_simulate_a_list_of_calls(oct_biz):
    out = oct_biz.simulate([
        {"id": "c1", "from": "+15550200101", "turns": TURNS},
        {"id": "c2", "from": "+15550200102", "turns": ["can i speak to a person please"]},
    ])
    assert [r["id"] for r in out] == ["c1", "c2"]
    assert out[0]["outcome"] == "booked"
    bk = out[0]["booking"]
    assert (bk["service"], bk["staff"], bk["start"]) == ("cleaning", "lee",
                                                         "2026-10-06T10:00:00-04:00")
    assert out[1]["outcome"] == "transferred"
    # The booking is in the business's store: the slot is taken.
    assert oct_biz.booking(bk["id"]).customer_name.lower() == "jennifer walsh"
    tue10 = datetime(2026, 10, 6, 10, tzinfo=NY)
    assert "lee" not in [s.staff for s in oct_biz.slots("cleaning", tue10, tue10.replace(minute=1))]


def test_simulate_the_scenario_file_as_jsonl(oct_biz):
    lines = (ROOT / "tests" / "scenarios" / "medical_en.jsonl").read_text().splitlines()
    calls = [json.loads(x) for x in lines[1:4]]  # line 0 is the suite's header
    out = oct_biz.simulate("\n".join(json.dumps(c) for c in calls))
    for call, rec in zip(calls, out):
        assert rec["outcome"] == call["expect"]["outcome"], call["id"]
        for key, want in call["expect"].get("booking", {}).items():
            assert rec["booking"][key] == want, (call["id"], key)


def test_simulate_rejects_a_bad_script_before_any_call(oct_biz):
    with pytest.raises(voxdesk.InvalidArgument, match="turns"):
        oct_biz.simulate([{"id": "ok", "turns": TURNS}, {"id": "bad", "turns": [1, 2]}])
    assert oct_biz.simulate([]) == []
    assert oct_biz.slots("cleaning", datetime(2026, 10, 6, 10, tzinfo=NY),
                         datetime(2026, 10, 6, 10, 1, tzinfo=NY), staff="lee") != []


def test_a_conversation_turn_by_turn_books(oct_biz):
    with oct_biz.conversation(call_id="py-conv-1", caller_id="+15550200101") as conv:
        greeting = conv.start()
        assert isinstance(greeting, voxdesk.Reply) and "Bright Smile" in greeting.text
        replies = [conv.turn(t) for t in TURNS]
        assert all(r.text for r in replies[:-1])
        assert replies[-1].end_call
        assert conv.turn("hello?") == voxdesk.Reply("", True, None)
        conv.finish()
        record = conv.record()
    assert record["outcome"] == "booked"
    bk = oct_biz.booking(record["booking"]["id"])
    assert (bk.service, bk.staff, bk.start) == ("cleaning", "lee",
                                                datetime(2026, 10, 6, 10, tzinfo=NY))
    speakers = [t["speaker"] for t in record["transcript"]]
    assert speakers[0] == "agent" and "caller" in speakers


def test_conversation_transfer_and_bad_input(oct_biz):
    with oct_biz.conversation() as conv:
        conv.start()
        reply = conv.turn("i want to talk to a real person")
        assert reply.transfer_to == "+15550100199"
        with pytest.raises(TypeError):
            conv.turn(42)
    with pytest.raises(voxdesk.InvalidArgument):
        oct_biz.conversation(caller_id="555")
