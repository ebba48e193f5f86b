// Type declarations of the voxdesk Node binding.
import { EventEmitter } from 'node:events';

/** An instant: a Date, or an RFC 3339 string with an offset ("2026-03-09T10:00:00-04:00"). */
export type Instant = Date | string;

export interface OpenOptions {
  /** SQLite file for bookings (created if missing); omitted or ":memory:" = private, in memory. */
  db?: string;
  /** Fixes "now" (virtual time); omitted = the real clock. */
  now?: Instant;
  /** Seed of ids and confirmation codes; 0 or omitted = random. */
  seed?: number | bigint;
}

export interface SlotQuery {
  service: string;
  /** A staff id; omitted = any qualified staff member. */
  staff?: string;
  /** Window start (inclusive, on slot start). */
  start?: Instant;
  /** Window end (exclusive). */
  end?: Instant;
  /** At most this many slots; 0 or omitted = no limit. */
  limit?: number;
}

export interface Slot {
  start: Date;
  end: Date;
  /** Business-zone RFC 3339. */
  startIso: string;
  endIso: string;
  staff: string;
}

export interface BookRequest {
  service: string;
  /** Omitted = any qualified staff member who is free. */
  staff?: string;
  start: Instant;
  customerName: string;
  /** E.164. */
  customerPhone: string;
  customerEmail?: string;
  /** The same key returns the same booking. */
  idempotencyKey?: string;
  /** A hold to consume (from business.hold()). */
  holdId?: string;
}

export interface Booking {
  id: string;
  service: string;
  staff: string;
  start: Date;
  end: Date;
  startIso: string;
  endIso: string;
  status: 'confirmed' | 'cancelled';
  confirmationCode: string;
  customerName: string;
  customerPhone: string;
  customerEmail: string | null;
  /** iCalendar SEQUENCE: bumped on each change. */
  sequence: number;
  /** True when an idempotency key returned an earlier booking. */
  replayed: boolean;
}

export interface RescheduleChange {
  start: Instant;
  /** Omitted = keep the staff member if free. */
  staff?: string;
  idempotencyKey?: string;
}

export interface HoldRequest {
  service: string;
  staff?: string;
  start: Instant;
  /** Default 300. */
  ttlSeconds?: number;
}

/** One scripted call (docs/cli.md, `voxdesk simulate`). */
export interface ScriptedCall {
  id?: string;
  from?: string;
  now?: string;
  turns: string[];
  [key: string]: unknown;
}

/** One call's record, as `voxdesk simulate` prints it. */
export interface CallRecord {
  id?: string;
  outcome: string;
  booking?: Record<string, unknown> | null;
  transcript: Array<{ speaker: 'agent' | 'caller'; text: string; t_ms: number; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface Reply {
  text: string;
  endCall: boolean;
  /** The number the call is handed over to, or null. */
  transferTo: string | null;
}

export interface ConversationOptions {
  /** Makes the call's idempotency keys unique; omitted = generated. */
  callId?: string;
  /** The caller's E.164 number; omitted when withheld. */
  callerId?: string;
}

export interface CallOptions extends ConversationOptions {
  sampleRate?: 8000 | 16000;
  endOfTurnMs?: number;
  bargeInMs?: number;
  noInputMs?: number;
  /** Record both legs (call.writeWav()). */
  record?: boolean;
  recordingNotice?: string;
  /** Where confirmations of bookings made on the call are written. */
  outboxDir?: string;
}

export interface EnginesOptions {
  voiceEn?: string;
  voiceEs?: string;
  rateWpm?: number;
  preloadDecoders?: number;
}

export class Business implements Disposable {
  private constructor();
  static fromFile(path: string, opts?: OpenOptions): Promise<Business>;
  static fromJson(config: string | object, opts?: OpenOptions): Promise<Business>;
  static fromFileSync(path: string, opts?: OpenOptions): Business;
  static fromJsonSync(config: string | object, opts?: OpenOptions): Business;

  readonly id: string;
  /** IANA zone, e.g. "America/New_York". */
  readonly timezone: string;
  /** Warnings from loading the configuration (unknown keys). */
  readonly warnings: string[];
  readonly closed: boolean;

  slots(query: SlotQuery): Promise<Slot[]>;
  /** The same query on the calling thread: a slot query takes microseconds. */
  slotsSync(query: SlotQuery): Slot[];
  nextAvailable(query: string | { service: string; staff?: string; after?: Instant }): Promise<Slot | null>;
  book(request: BookRequest): Promise<Booking>;
  cancel(booking: string | Booking): Promise<Booking>;
  reschedule(booking: string | Booking, change: RescheduleChange): Promise<Booking>;
  booking(id: string): Promise<Booking>;
  /** An iCalendar invitation, or a cancellation for a cancelled booking. */
  ics(booking: string | Booking): Promise<string>;
  /** Holds a slot; resolves to the hold id. */
  hold(request: HoldRequest): Promise<string>;
  releaseHold(holdId: string): Promise<void>;
  simulate(script: string | ScriptedCall[]): Promise<CallRecord[]>;
  describe(): Record<string, unknown>;
  setNow(now: Instant): void;
  conversation(opts?: ConversationOptions): Conversation;
  call(engines: Engines, opts?: CallOptions): Call;
  close(): void;
  [Symbol.dispose](): void;
}

export class Conversation implements Disposable {
  private constructor();
  readonly closed: boolean;
  /** The greeting: call once, first. */
  start(): Promise<Reply>;
  /** The agent's reply to one caller turn ("" = the caller said nothing). */
  turn(utterance?: string): Promise<Reply>;
  finish(): Promise<void>;
  record(): Promise<CallRecord>;
  close(): void;
  [Symbol.dispose](): void;
}

export class Engines implements Disposable {
  private constructor();
  /** espeak-ng and pocketsphinx: no network, no keys. Loading takes about a second. */
  static embedded(opts?: EnginesOptions): Promise<Engines>;
  readonly closed: boolean;
  close(): void;
  [Symbol.dispose](): void;
}

export type CallEventType =
  | 'call_started' | 'partial' | 'transcript' | 'intent' | 'agent_speech' | 'barge_in'
  | 'dtmf' | 'booking' | 'transfer' | 'hangup' | 'metrics' | 'error' | 'language';

export interface CallEvent {
  type: CallEventType;
  call_id: string;
  t_ms: number;
  text?: string;
  data?: Record<string, unknown>;
}

export interface CallEvents {
  event: [CallEvent];
  call_started: [CallEvent];
  partial: [CallEvent];
  transcript: [CallEvent];
  intent: [CallEvent];
  agent_speech: [CallEvent];
  barge_in: [CallEvent];
  dtmf: [CallEvent];
  booking: [CallEvent];
  transfer: [CallEvent];
  hangup: [CallEvent];
  metrics: [CallEvent];
  error: [CallEvent];
  language: [CallEvent];
}

export class Call extends EventEmitter {
  private constructor();
  /** Samples in one 20 ms frame (160 at 8 kHz). */
  readonly frameSamples: number;
  readonly closed: boolean;
  /** One 20 ms frame of caller audio (null = none arrived); events are emitted before it returns. */
  process(frame?: Int16Array | null): { out: Int16Array; live: boolean };
  dtmf(digit: string): void;
  hangup(): void;
  record(): CallRecord & { turns: Array<Record<string, number>>; end_reason?: string };
  writeWav(path: string): void;
  close(): void;
  on<K extends keyof CallEvents>(event: K, listener: (...args: CallEvents[K]) => void): this;
  once<K extends keyof CallEvents>(event: K, listener: (...args: CallEvents[K]) => void): this;
  off<K extends keyof CallEvents>(event: K, listener: (...args: CallEvents[K]) => void): this;
}

export class VoxdeskError extends Error {
  /** 'INVALID', 'CONFIG', 'NOT_FOUND', 'SLOT_UNAVAILABLE', 'CONFLICT', 'STORAGE', 'NOMEM',
   *  'INTERNAL', 'MISUSE', 'REENTRANT', or 'CLOSED' (use after close). */
  readonly code: string;
  /** The voxdesk_status number. */
  readonly status: number;
}
export class InvalidArgumentError extends VoxdeskError {}
export class ConfigError extends VoxdeskError {}
export class NotFoundError extends VoxdeskError {}
export class SlotUnavailableError extends VoxdeskError {}
export class ConflictError extends VoxdeskError {}
export class StorageError extends VoxdeskError {}
export class OutOfMemoryError extends VoxdeskError {}
export class InternalError extends VoxdeskError {}
export class MisuseError extends VoxdeskError {}
export class ReentrantError extends VoxdeskError {}
export class ClosedError extends VoxdeskError {}

export function statusText(status: number): string;
export const version: string;
