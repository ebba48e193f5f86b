"""The exception hierarchy, configuration errors and warnings, use after
close, and closing while other objects or threads still use a handle."""

from __future__ import annotations

import json
import threading

import pytest

import voxdesk
from conftest import MONDAY, PRACTICE, at


def practice() -> dict:
    return json.loads(PRACTICE.read_text())


def test_hierarchy():
    for cls in (voxdesk.InvalidArgument, voxdesk.ConfigError, voxdesk.NotFound,
                voxdesk.SlotUnavailable, voxdesk.Conflict, voxdesk.StorageError,
                voxdesk.ReentrantError, voxdesk.ClosedError):
        assert issubclass(cls, voxdesk.Error)
    assert issubclass(voxdesk.InvalidArgument, ValueError)
    assert issubclass(voxdesk.NotFound, LookupError)
    from voxdesk._errors import _from_status
    assert type(_from_status(11, "x")) is voxdesk.ReentrantError
    assert type(_from_status(4, "x")) is voxdesk.NotFound
    assert type(_from_status(99, "x")) is voxdesk.Error and _from_status(99, "x").status == 99


def test_config_error_names_the_bad_path():
    cfg = practice()
    cfg["services"][0]["duration_min"] = -5
    with pytest.raises(voxdesk.ConfigError, match=r"services\[0\]\.duration_min") as info:
        voxdesk.Business.from_config(cfg, now=MONDAY)
    assert info.value.status == 3
    with pytest.raises(voxdesk.ConfigError):
        voxdesk.Business.from_config("{not json", now=MONDAY)
    with pytest.raises(voxdesk.Error):
        voxdesk.Business.from_file("/no/such/business.json")


def test_unknown_keys_are_warnings_and_describe_shows_the_business():
    cfg = practice()
    cfg["favourite_colour"] = "teal"
    with voxdesk.Business.from_config(cfg, now=MONDAY) as b:
        assert any("favourite_colour" in w for w in b.warnings)
        d = b.describe()
        assert d["id"] == "bright-smile" and b.id == "bright-smile"
        assert {s["id"] for s in d["services"]} >= {"cleaning", "exam", "whitening"}


def test_storage_error_for_an_unwritable_database():
    with pytest.raises(voxdesk.StorageError):
        voxdesk.Business.from_file(PRACTICE, db_path="/proc/no-such-dir/x.db", now=MONDAY)


def test_bookings_persist_in_a_database_file(tmp_path):
    db = tmp_path / "bookings.db"
    with voxdesk.Business.from_file(PRACTICE, db_path=db, now=MONDAY, seed=1) as b:
        bk = b.book("exam", at(2, 10), staff="lee", customer_name="Ana",
                    customer_phone="+15550142")
    with voxdesk.Business.from_file(PRACTICE, db_path=str(db), now=MONDAY, seed=2) as b:
        assert b.booking(bk.id).start == at(2, 10)
        with pytest.raises(voxdesk.SlotUnavailable):
            b.book("exam", at(2, 10), staff="lee", customer_name="Ben",
                   customer_phone="+15550143")


def test_open_argument_checks():
    with pytest.raises(voxdesk.InvalidArgument, match="exactly one"):
        voxdesk.Business()
    with pytest.raises(TypeError, match="seed"):
        voxdesk.Business.from_file(PRACTICE, seed="7")
    with pytest.raises(ValueError, match="now"):
        voxdesk.Business.from_file(PRACTICE, now=MONDAY.replace(tzinfo=None))
    with pytest.raises(voxdesk.InvalidArgument):
        voxdesk.Business.from_file(PRACTICE, now="monday")


def test_use_after_close_raises_closed_error(biz):
    conv = biz.conversation()
    biz.close()
    biz.close()  # idempotent
    assert biz.closed
    for call in (lambda: biz.slots("exam", at(2, 0), at(3, 0)), lambda: biz.describe(),
                 lambda: biz.book("exam", at(2, 10), customer_name="A", customer_phone="+15550142"),
                 lambda: biz.set_now(MONDAY), lambda: biz.conversation()):
        with pytest.raises(voxdesk.ClosedError, match="business is closed"):
            call()
    # A conversation keeps its business alive: it still works after close().
    assert conv.start().text
    assert conv.turn("what are your opening hours").text
    conv.close()
    with pytest.raises(voxdesk.ClosedError):
        conv.turn("hello")


def test_close_racing_calls_from_other_threads_never_crashes():
    for _ in range(5):
        b = voxdesk.Business.from_file(PRACTICE, now=MONDAY, seed=3)
        errors: list[BaseException] = []
        start = threading.Event()

        def hammer() -> None:
            start.wait()
            try:
                for _ in range(300):
                    b.slots("exam", at(2, 0), at(6, 0), limit=2)
            except voxdesk.ClosedError:
                pass
            except BaseException as e:  # anything else is a bug
                errors.append(e)

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for t in threads:
            t.start()
        start.set()
        b.close()
        for t in threads:
            t.join()
        assert errors == []
        assert b.closed


def test_a_library_of_another_minor_version_is_refused_on_import(monkeypatch):
    from voxdesk import _voxdesk
    monkeypatch.setattr(_voxdesk, "library_version", lambda: _voxdesk.HEADER_VERSION + 100)
    with pytest.raises(ImportError, match="reinstall the binding"):
        voxdesk._check_library()
    monkeypatch.setattr(_voxdesk, "library_version", lambda: _voxdesk.HEADER_VERSION + 1)
    voxdesk._check_library()  # a patch release is compatible
