"""Exceptions: one class per voxdesk status code, under voxdesk.Error."""

from __future__ import annotations


class Error(Exception):
    """A voxdesk call failed. ``status`` is the C status code (0 for errors the
    binding raises itself), ``message`` the library's description."""

    status: int = 0

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class InvalidArgument(Error, ValueError):
    status = 2


class ConfigError(Error):
    status = 3


class NotFound(Error, LookupError):
    status = 4


class SlotUnavailable(Error):
    status = 5


class Conflict(Error):
    status = 6


class StorageError(Error):
    status = 7


class InternalError(Error):
    status = 9


class MisuseError(Error):
    status = 10


class ReentrantError(Error):
    status = 11


class ClosedError(Error, RuntimeError):
    """The object was closed; open a new one."""


_BY_STATUS: dict[int, type[Error]] = {
    cls.status: cls
    for cls in (InvalidArgument, ConfigError, NotFound, SlotUnavailable, Conflict, StorageError,
                InternalError, MisuseError, ReentrantError)
}


def _from_status(status: int, message: str) -> Error:
    """Called by the extension to build the exception for a failed C call."""
    if status == 8:  # out of memory has a built-in home
        return MemoryError(message)  # type: ignore[return-value]
    return _BY_STATUS.get(status, Error)(message, status)
