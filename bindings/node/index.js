'use strict';
// voxdesk for Node: businesses (slots, bookings, holds), conversations,
// scripted calls and live calls in audio, over the voxdesk C ABI.
const native = require('./lib/native');
const errors = require('./lib/errors');
const { Call } = require('./lib/call');
const { unpackSlots } = require('./lib/slots');

native.setErrorFactory(errors.makeError);

const token = Symbol('voxdesk.internal');
const openOptions = new Set(['db', 'now', 'seed']);

function checkOpenOptions(opts) {
  if (opts === undefined || opts === null) return {};
  if (typeof opts !== 'object' || Array.isArray(opts)) throw new TypeError('options must be an object');
  for (const key of Object.keys(opts)) {
    if (!openOptions.has(key)) throw new TypeError(`unknown option "${key}" (expected db, now, seed)`);
  }
  return opts;
}

function checkQuery(q) {
  if (q === null || typeof q !== 'object') throw new TypeError('query must be an object');
}

// Dates cross to the addon as epoch milliseconds: getTime() here is cheaper
// than reading a Date over N-API. The addon takes a number as such a Date,
// so numbers from the caller are refused here.
function instant(v, what) {
  if (typeof v === 'object' && v instanceof Date) return v.getTime();
  if (typeof v === 'number') throw new TypeError(`${what} must be a Date or an RFC 3339 string`);
  return v;
}

function idOf(x, what) {
  if (x !== null && typeof x === 'object' && typeof x.id === 'string') return x.id;
  if (typeof x !== 'string') throw new TypeError(`${what} must be a string or an object with an id`);
  return x;
}

function reply(json) {
  const r = JSON.parse(json);
  return { text: r.text, endCall: Boolean(r.end_call), transferTo: r.transfer_to ?? null };
}

class Business {
  #n;
  #slotsSync;

  /** @internal Use Business.fromFile() or Business.fromJson(). */
  constructor(nativeBusiness, key) {
    if (key !== token) throw new TypeError('use Business.fromFile() or Business.fromJson()');
    this.#n = nativeBusiness;
    this.#slotsSync = nativeBusiness.slotsSyncFunction();
  }

  static async fromFile(path, opts) {
    if (typeof path !== 'string') throw new TypeError('path must be a string');
    const n = await native.NativeBusiness.open({ ...checkOpenOptions(opts), configPath: path });
    return new Business(n, token);
  }

  static async fromJson(config, opts) {
    const n = await native.NativeBusiness.open({ ...checkOpenOptions(opts), configJson: configText(config) });
    return new Business(n, token);
  }

  static fromFileSync(path, opts) {
    if (typeof path !== 'string') throw new TypeError('path must be a string');
    return new Business(native.NativeBusiness.openSync({ ...checkOpenOptions(opts), configPath: path }), token);
  }

  static fromJsonSync(config, opts) {
    const params = { ...checkOpenOptions(opts), configJson: configText(config) };
    return new Business(native.NativeBusiness.openSync(params), token);
  }

  get id() {
    return this.#n.id();
  }

  get timezone() {
    return this.#n.timezone();
  }

  get warnings() {
    return this.#n.warnings();
  }

  get closed() {
    return this.#n.closed();
  }

  async slots(query) {
    checkQuery(query);
    const { service, staff, start, end, limit } = query;
    const from = instant(start, 'query.start');
    const to = instant(end, 'query.end');
    return unpackSlots(await this.#n.slots(service, staff, from, to, limit));
  }

  slotsSync(query) {
    checkQuery(query);
    const { service, staff, start, end, limit } = query;
    const from = instant(start, 'query.start');
    const to = instant(end, 'query.end');
    return unpackSlots(this.#slotsSync(service, staff, from, to, limit));
  }

  async nextAvailable(query) {
    const packed = await this.#n.nextAvailable(typeof query === 'string' ? { service: query } : query);
    return unpackSlots(packed)[0] ?? null;
  }

  async book(request) {
    return this.#n.book(request);
  }

  async cancel(booking) {
    return this.#n.cancel(idOf(booking, 'booking'));
  }

  async reschedule(booking, change) {
    return this.#n.reschedule(idOf(booking, 'booking'), change);
  }

  async booking(id) {
    return this.#n.booking(idOf(id, 'id'));
  }

  async ics(booking) {
    return this.#n.ics(idOf(booking, 'booking'));
  }

  async hold(request) {
    return this.#n.hold(request);
  }

  async releaseHold(holdId) {
    return this.#n.releaseHold(holdId);
  }

  /** Runs scripted calls (JSONL text, or an array of call objects). */
  async simulate(script) {
    let text = script;
    if (Array.isArray(script)) text = script.map((c) => JSON.stringify(c)).join('\n') + '\n';
    const out = await this.#n.simulate(text);
    return out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  }

  describe() {
    return JSON.parse(this.#n.describe());
  }

  setNow(now) {
    this.#n.setNow(now);
  }

  conversation(opts) {
    return new Conversation(native.NativeConversation.open(this.#n, opts), token);
  }

  call(engines, opts) {
    if (!(engines instanceof Engines)) throw new TypeError('engines must be Engines (from Engines.embedded())');
    return new Call(native.NativeCall.open(this.#n, engines[nativeOf], opts));
  }

  close() {
    this.#n.close();
  }

  [Symbol.dispose]() {
    this.close();
  }
}

function configText(config) {
  if (typeof config === 'string') return config;
  if (config !== null && typeof config === 'object' && !Array.isArray(config)) return JSON.stringify(config);
  throw new TypeError('config must be a JSON string or an object');
}

class Conversation {
  #n;

  /** @internal Use business.conversation(). */
  constructor(n, key) {
    if (key !== token) throw new TypeError('use business.conversation()');
    this.#n = n;
  }

  get closed() {
    return this.#n.closed();
  }

  async start() {
    return reply(await this.#n.start());
  }

  async turn(utterance) {
    return reply(await this.#n.turn(utterance));
  }

  async finish() {
    return this.#n.finish();
  }

  async record() {
    return JSON.parse(await this.#n.record());
  }

  close() {
    this.#n.close();
  }

  [Symbol.dispose]() {
    this.close();
  }
}

const nativeOf = Symbol('voxdesk.native');

class Engines {
  /** @internal Use Engines.embedded(). */
  constructor(n, key) {
    if (key !== token) throw new TypeError('use Engines.embedded()');
    Object.defineProperty(this, nativeOf, { value: n });
  }

  static async embedded(opts) {
    return new Engines(await native.NativeEngines.open(opts), token);
  }

  get closed() {
    return this[nativeOf].closed();
  }

  close() {
    this[nativeOf].close();
  }

  [Symbol.dispose]() {
    this.close();
  }
}

// Plain assignments, so `import { Business } from 'voxdesk'` finds every name.
exports.Business = Business;
exports.Conversation = Conversation;
exports.Engines = Engines;
exports.Call = Call;
exports.VoxdeskError = errors.VoxdeskError;
exports.InvalidArgumentError = errors.InvalidArgumentError;
exports.ConfigError = errors.ConfigError;
exports.NotFoundError = errors.NotFoundError;
exports.SlotUnavailableError = errors.SlotUnavailableError;
exports.ConflictError = errors.ConflictError;
exports.StorageError = errors.StorageError;
exports.OutOfMemoryError = errors.OutOfMemoryError;
exports.InternalError = errors.InternalError;
exports.MisuseError = errors.MisuseError;
exports.ReentrantError = errors.ReentrantError;
exports.ClosedError = errors.ClosedError;
/** Static English text of a voxdesk status number ("slot unavailable"). */
exports.statusText = native.statusText;
/** The loaded libvoxdesk's version ("0.3.0"). */
exports.version = native.version;
