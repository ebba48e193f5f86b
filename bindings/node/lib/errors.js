'use strict';
// Errors of the voxdesk binding: one VoxdeskError subclass per voxdesk_status,
// with .code (a stable string) and .status (the C status number).

class VoxdeskError extends Error {
  constructor(message, code, status) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
  }
}

const byStatus = new Map();
const classes = {};
function define(name, code, status) {
  const cls = { [name]: class extends VoxdeskError {} }[name];
  classes[name] = cls;
  if (status !== undefined) byStatus.set(status, [cls, code]);
  return cls;
}

define('InvalidArgumentError', 'INVALID', 2);
define('ConfigError', 'CONFIG', 3);
define('NotFoundError', 'NOT_FOUND', 4);
define('SlotUnavailableError', 'SLOT_UNAVAILABLE', 5);
define('ConflictError', 'CONFLICT', 6);
define('StorageError', 'STORAGE', 7);
define('OutOfMemoryError', 'NOMEM', 8);
define('InternalError', 'INTERNAL', 9);
define('MisuseError', 'MISUSE', 10);
define('ReentrantError', 'REENTRANT', 11);
// Not a C status: any method of a closed object. Its status is MISUSE.
define('ClosedError', 'CLOSED');

// Called by the addon to build every error it throws or rejects with.
function makeError(code, status, message) {
  if (code === 'CLOSED') return new classes.ClosedError(message, 'CLOSED', status);
  const [cls, c] = byStatus.get(status) ?? [VoxdeskError, `E${status}`];
  return new cls(message, c, status);
}

module.exports = { VoxdeskError, ...classes, makeError };
