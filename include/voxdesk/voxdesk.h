/*
 * voxdesk.h - the C ABI of voxdesk, an embeddable AI phone receptionist.
 *
 * This header is the manual. It is pure C99 and the one stable surface of the
 * SDK: the Python, Node and Go bindings and every host application use only
 * what is declared here.
 *
 * THREADING
 *   - Functions that take no handle (version, status text, params init,
 *     voxdesk_free, voxdesk_log_set) may be called from any thread at any time.
 *   - A voxdesk_business handle is internally serialised: calls on one handle
 *     from several threads are safe and run one after another. For parallel
 *     work, open one handle per thread on the same database file; the
 *     database, not the handle, guarantees that no slot is booked twice, even
 *     across processes.
 *   - Result objects (voxdesk_slot_list, voxdesk_booking) are immutable and
 *     may be read from any thread until they are freed.
 *   - voxdesk_last_error() is per thread.
 *
 * OWNERSHIP (each function says which applies)
 *   BORROWED     valid until the named event (usually: the object is freed).
 *   CALLER-OWNS  the caller frees it with the named function.
 *   COPIED       the library copies it during the call; the caller may free
 *                it as soon as the call returns.
 *
 * ERRORS
 *   Every fallible function returns voxdesk_status. On failure, out-parameters
 *   are set to NULL and voxdesk_last_error() describes what went wrong in
 *   words that name the offending field or argument. No C++ exception ever
 *   crosses this boundary.
 *
 * TIMES
 *   Instants cross the ABI as RFC 3339 strings with an offset
 *   ("2026-03-09T10:00:00-04:00" or "...Z"). Strings the library returns use
 *   the business's own zone offset.
 */
#ifndef VOXDESK_H
#define VOXDESK_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(VOXDESK_SHARED)
#if defined(VOXDESK_BUILD)
#define VOXDESK_API __declspec(dllexport)
#else
#define VOXDESK_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define VOXDESK_API __attribute__((visibility("default")))
#else
#define VOXDESK_API
#endif

#if defined(VOXDESK_NO_DEPRECATED)
#define VOXDESK_DEPRECATED(msg)
#elif defined(__GNUC__)
#define VOXDESK_DEPRECATED(msg) __attribute__((deprecated(msg)))
#else
#define VOXDESK_DEPRECATED(msg)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- version */

#define VOXDESK_VERSION_MAJOR 0
#define VOXDESK_VERSION_MINOR 3
#define VOXDESK_VERSION_PATCH 0
#define VOXDESK_VERSION_NUMBER \
  (VOXDESK_VERSION_MAJOR * 10000 + VOXDESK_VERSION_MINOR * 100 + VOXDESK_VERSION_PATCH)

/* The library's VOXDESK_VERSION_NUMBER (compare with the header's to detect a
 * mismatched shared library). since: 0.1 */
VOXDESK_API int voxdesk_version(void);
/* "0.1.0". BORROWED: static storage. since: 0.1 */
VOXDESK_API const char *voxdesk_version_string(void);

/* ----------------------------------------------------------------- status */

/* Primary codes are below 256 and never reused. since: 0.1 */
typedef enum voxdesk_status {
  VOXDESK_OK = 0,
  VOXDESK_E_INVALID = 2,          /* bad argument: malformed time, bad phone, NULL */
  VOXDESK_E_CONFIG = 3,           /* the business configuration was rejected */
  VOXDESK_E_NOT_FOUND = 4,        /* unknown booking, service or staff id */
  VOXDESK_E_SLOT_UNAVAILABLE = 5, /* the slot is not offered or was just taken */
  VOXDESK_E_CONFLICT = 6,         /* idempotency key reused differently; wrong state */
  VOXDESK_E_STORAGE = 7,          /* database I/O error or corruption */
  VOXDESK_E_NOMEM = 8,
  VOXDESK_E_INTERNAL = 9,
  VOXDESK_E_MISUSE = 10,          /* e.g. struct_size too small */
  VOXDESK_E_REENTRANT = 11,       /* called from inside one of its own callbacks */
  VOXDESK_E_UNAVAILABLE = 12      /* a provider or the network failed or timed out */
} voxdesk_status;

/* Static English text for a status ("slot unavailable"). BORROWED: static
 * storage; never NULL. since: 0.1 */
VOXDESK_API const char *voxdesk_status_str(voxdesk_status status);

/* The message of the last failed call on this thread ("" if none). BORROWED:
 * valid until the next voxdesk call on this thread. since: 0.1 */
VOXDESK_API const char *voxdesk_last_error(void);

/* Frees memory the library handed out as CALLER-OWNS char*. NULL is a no-op.
 * since: 0.1 */
VOXDESK_API void voxdesk_free(void *p);

/* ---------------------------------------------------------------- logging */

typedef enum voxdesk_log_level {
  VOXDESK_LOG_TRACE = 0,
  VOXDESK_LOG_DEBUG = 1,
  VOXDESK_LOG_INFO = 2,
  VOXDESK_LOG_WARN = 3,
  VOXDESK_LOG_ERROR = 4
} voxdesk_log_level;

/* Receives one structured log line (JSON, PII redacted). Runs on the thread
 * that made the call being logged; must not call back into voxdesk.
 * `line` is BORROWED for the duration of the callback. */
typedef void (*voxdesk_log_fn)(voxdesk_log_level level, const char *line, void *user_data);

/* Routes log lines with level >= min_level to fn (NULL restores the default:
 * stderr at WARN). Thread-safe: an atomic swap; calls already running may
 * still use the previous sink. user_data is REFERENCED until replaced.
 * since: 0.1 */
VOXDESK_API void voxdesk_log_set(voxdesk_log_fn fn, voxdesk_log_level min_level, void *user_data);

/* --------------------------------------------------------------- business */

/* One business (its configuration) with its booking store. */
typedef struct voxdesk_business voxdesk_business;

typedef struct voxdesk_business_params {
  uint32_t struct_size;    /* sizeof(voxdesk_business_params), set by _init */
  const char *config_json; /* COPIED. The configuration as JSON text, or NULL */
  const char *config_path; /* COPIED. Or a path to the JSON file (one of the two) */
  const char *db_path;     /* COPIED. SQLite file for bookings (created if missing);
                              NULL or ":memory:" = private, in memory */
  const char *now;         /* COPIED. RFC 3339 instant that "now" stays fixed at
                              (virtual time); NULL = the real clock */
  uint64_t seed;           /* ids and confirmation codes; 0 = random */
} voxdesk_business_params;

/* Fills *p with defaults for a struct of `struct_size` bytes. Use
 * voxdesk_business_default_params() instead. since: 0.1 */
VOXDESK_API void voxdesk_business_params_init(voxdesk_business_params *p, size_t struct_size);

static inline voxdesk_business_params voxdesk_business_default_params(void) {
  voxdesk_business_params p;
  voxdesk_business_params_init(&p, sizeof p);
  return p;
}

/* Loads and validates a configuration, opens the store and imports the
 * configuration's bookings. *out is CALLER-OWNS: voxdesk_business_close().
 * VOXDESK_E_CONFIG names the bad path (services[0].duration_min: ...).
 * since: 0.1 */
VOXDESK_API voxdesk_status voxdesk_business_open(const voxdesk_business_params *params,
                                                 voxdesk_business **out);

/* Closes the store and frees the handle. NULL is a no-op. Result objects
 * obtained from the handle stay valid. since: 0.1 */
VOXDESK_API void voxdesk_business_close(voxdesk_business *b);

/* Fixes "now" at an RFC 3339 instant (switching the handle to virtual
 * time). `now` is COPIED. since: 0.1 */
VOXDESK_API voxdesk_status voxdesk_business_set_now(voxdesk_business *b, const char *now);

/* The business id and IANA zone. BORROWED: valid until the handle is
 * closed. since: 0.1 */
VOXDESK_API const char *voxdesk_business_id(const voxdesk_business *b);
VOXDESK_API const char *voxdesk_business_timezone(const voxdesk_business *b);

/* Warnings from loading the configuration (unknown keys). The string is
 * BORROWED until the handle is closed; NULL when index is out of range.
 * since: 0.1 */
VOXDESK_API size_t voxdesk_business_warning_count(const voxdesk_business *b);
VOXDESK_API const char *voxdesk_business_warning(const voxdesk_business *b, size_t index);

/* The business as loaded, as JSON (services, staff, hours, ...).
 * CALLER-OWNS: voxdesk_free(). NULL on failure. since: 0.1 */
VOXDESK_API char *voxdesk_business_describe_json(voxdesk_business *b);

/* ------------------------------------------------------------------ slots */

typedef struct voxdesk_slot_query {
  uint32_t struct_size;
  const char *service; /* COPIED. Service id (required) */
  const char *staff;   /* COPIED. Staff id, or NULL for any qualified staff */
  const char *from;    /* COPIED. RFC 3339: window start (inclusive, on slot start) */
  const char *to;      /* COPIED. RFC 3339: window end (exclusive) */
  uint32_t limit;      /* at most this many slots; 0 = no limit */
} voxdesk_slot_query;

VOXDESK_API void voxdesk_slot_query_init(voxdesk_slot_query *q, size_t struct_size);
static inline voxdesk_slot_query voxdesk_slot_query_default(void) {
  voxdesk_slot_query q;
  voxdesk_slot_query_init(&q, sizeof q);
  return q;
}

typedef struct voxdesk_slot_list voxdesk_slot_list;

typedef struct voxdesk_slot {
  const char *start; /* BORROWED until the list is freed: business-zone RFC 3339 */
  const char *end;
  const char *staff; /* staff id */
  int64_t start_unix; /* the same instants as seconds since the Unix epoch */
  int64_t end_unix;
} voxdesk_slot;

/* Free slots, sorted by start then staff id (CONTRACTS.md section 2).
 * *out is CALLER-OWNS: voxdesk_slot_list_free(). since: 0.1 */
VOXDESK_API voxdesk_status voxdesk_slots_query(voxdesk_business *b, const voxdesk_slot_query *q,
                                               voxdesk_slot_list **out);

/* The first free slot starting at or after `after` (RFC 3339, COPIED; NULL =
 * now) within the booking horizon; an empty list when there is none.
 * since: 0.1 */
VOXDESK_API voxdesk_status voxdesk_next_available(voxdesk_business *b, const char *service,
                                                  const char *staff, const char *after,
                                                  voxdesk_slot_list **out);

VOXDESK_API size_t voxdesk_slot_list_count(const voxdesk_slot_list *list);
/* Copies slot `index` into *out (its strings stay BORROWED from the list).
 * VOXDESK_E_INVALID when index >= count. since: 0.1 */
VOXDESK_API voxdesk_status voxdesk_slot_list_get(const voxdesk_slot_list *list, size_t index,
                                                 voxdesk_slot *out);
/* NULL is a no-op. since: 0.1 */
VOXDESK_API void voxdesk_slot_list_free(voxdesk_slot_list *list);

/* --------------------------------------------------------------- bookings */

typedef struct voxdesk_booking voxdesk_booking;

typedef struct voxdesk_book_request {
  uint32_t struct_size;
  const char *service;         /* COPIED. required */
  const char *staff;           /* COPIED. NULL = any qualified staff member who is free */
  const char *start;           /* COPIED. RFC 3339, required */
  const char *customer_name;   /* COPIED. required */
  const char *customer_phone;  /* COPIED. E.164, required */
  const char *customer_email;  /* COPIED. optional */
  const char *idempotency_key; /* COPIED. optional: the same key returns the same booking */
  const char *hold_id;         /* COPIED. optional: a hold to consume */
} voxdesk_book_request;

VOXDESK_API void voxdesk_book_request_init(voxdesk_book_request *r, size_t struct_size);
static inline voxdesk_book_request voxdesk_book_request_default(void) {
  voxdesk_book_request r;
  voxdesk_book_request_init(&r, sizeof r);
  return r;
}

/* Books atomically: VOXDESK_E_SLOT_UNAVAILABLE if the slot is not offered or
 * someone else took it first (in this or any other process). *out is
 * CALLER-OWNS: voxdesk_booking_free(). since: 0.1 */
VOXDESK_API voxdesk_status voxdesk_book(voxdesk_business *b, const voxdesk_book_request *r,
                                        voxdesk_booking **out);

/* Cancels (cancelling twice returns the cancelled booking). *out may be
 * NULL; otherwise CALLER-OWNS. since: 0.1 */
VOXDESK_API voxdesk_status voxdesk_cancel(voxdesk_business *b, const char *booking_id,
                                          voxdesk_booking **out);

typedef struct voxdesk_reschedule_request {
  uint32_t struct_size;
  const char *booking_id;      /* COPIED. required */
  const char *start;           /* COPIED. RFC 3339, required */
  const char *staff;           /* COPIED. NULL = keep the staff member if free */
  const char *idempotency_key; /* COPIED. optional */
} voxdesk_reschedule_request;

VOXDESK_API void voxdesk_reschedule_request_init(voxdesk_reschedule_request *r, size_t struct_size);
static inline voxdesk_reschedule_request voxdesk_reschedule_request_default(void) {
  voxdesk_reschedule_request r;
  voxdesk_reschedule_request_init(&r, sizeof r);
  return r;
}

/* Moves a booking atomically: the new slot is taken and the old released in
 * one transaction, or nothing changes. *out may be NULL; otherwise
 * CALLER-OWNS. since: 0.1 */
VOXDESK_API voxdesk_status voxdesk_reschedule(voxdesk_business *b,
                                              const voxdesk_reschedule_request *r,
                                              voxdesk_booking **out);

/* Looks a booking up by id. *out is CALLER-OWNS. since: 0.1 */
VOXDESK_API voxdesk_status voxdesk_booking_get(voxdesk_business *b, const char *booking_id,
                                               voxdesk_booking **out);

typedef struct voxdesk_booking_info {
  uint32_t struct_size;
  const char *id; /* all strings BORROWED until the booking is freed */
  const char *service;
  const char *staff;
  const char *start; /* business-zone RFC 3339 */
  const char *end;
  const char *status; /* "confirmed" | "cancelled" */
  const char *confirmation_code;
  const char *customer_name;
  const char *customer_phone;
  const char *customer_email;
  int64_t start_unix;
  int64_t end_unix;
  int32_t sequence; /* iCalendar SEQUENCE: bumped on each change */
  int32_t replayed; /* 1 when an idempotency key returned an earlier booking */
} voxdesk_booking_info;

/* Fills *out (set out->struct_size first, or use the helper below).
 * since: 0.1 */
VOXDESK_API voxdesk_status voxdesk_booking_get_info(const voxdesk_booking *bk,
                                                    voxdesk_booking_info *out);
static inline voxdesk_booking_info voxdesk_booking_info_of(const voxdesk_booking *bk) {
  voxdesk_booking_info i;
  i.struct_size = (uint32_t)sizeof i;
  voxdesk_booking_get_info(bk, &i);
  return i;
}

/* The booking as JSON, as `voxdesk book` prints it. BORROWED until the
 * booking is freed. since: 0.1 */
VOXDESK_API const char *voxdesk_booking_json(const voxdesk_booking *bk);

/* An iCalendar invitation (METHOD:REQUEST) or, for a cancelled booking, a
 * cancellation (METHOD:CANCEL with a higher SEQUENCE). CALLER-OWNS:
 * voxdesk_free(). NULL on failure. since: 0.1 */
VOXDESK_API char *voxdesk_booking_ics(voxdesk_business *b, const voxdesk_booking *bk);

/* NULL is a no-op. since: 0.1 */
VOXDESK_API void voxdesk_booking_free(voxdesk_booking *bk);

/* ------------------------------------------------------------------ holds */

/* Holds a slot for `ttl_seconds` while a caller decides: nobody else can book
 * it meanwhile. *hold_id is CALLER-OWNS: voxdesk_free(). since: 0.1 */
VOXDESK_API voxdesk_status voxdesk_hold_place(voxdesk_business *b, const char *service,
                                              const char *staff, const char *start,
                                              int32_t ttl_seconds, char **hold_id);
VOXDESK_API voxdesk_status voxdesk_hold_release(voxdesk_business *b, const char *hold_id);

/* ----------------------------------------------------------- conversations */

/* One phone call's conversation with the embedded engine (docs/dialog.md):
 * it greets, understands each caller turn, books, moves and cancels in b's
 * store (always after reading back and hearing an explicit yes), answers
 * questions, takes messages and escalates. Text in, text out: the session
 * runtime adds speech around it.
 *
 * Threading: a conversation shares its business's internal lock, so calls on
 * b and on its conversations are serialised and may come from any thread.
 * b must outlive its conversations; while any is open, set_now may only move
 * a business that is already in virtual time (VOXDESK_E_INVALID otherwise). */
typedef struct voxdesk_conversation voxdesk_conversation;

/* `call_id` (COPIED) makes the call's idempotency keys unique; NULL = one is
 * generated. `caller_id` (COPIED) is the caller's E.164 number, or NULL when
 * withheld. *out is CALLER-OWNS: voxdesk_conversation_close(). Loads the
 * business's industry pack and "dialog" config section on first use:
 * VOXDESK_E_CONFIG names a bad key there. since: 0.2 */
VOXDESK_API voxdesk_status voxdesk_conversation_open(voxdesk_business *b, const char *call_id,
                                                     const char *caller_id, voxdesk_conversation **out);

/* The greeting (call once, first), then the agent's reply to each caller
 * turn (`utterance` BORROWED; "" or NULL = the caller said nothing). Each
 * reply is JSON: {"text": "...", "end_call": false, "transfer_to": "+1..."}
 * (transfer_to only when the call is handed over); *reply_json is
 * CALLER-OWNS: voxdesk_free(). After a reply with end_call, further turns
 * return {"text": "", "end_call": true}. since: 0.2 */
VOXDESK_API voxdesk_status voxdesk_conversation_start(voxdesk_conversation *c, char **reply_json);
VOXDESK_API voxdesk_status voxdesk_conversation_turn(voxdesk_conversation *c, const char *utterance,
                                                     char **reply_json);

/* Ends the call (the caller hung up or the agent did): releases the times
 * still held and settles the outcome. Idempotent. since: 0.2 */
VOXDESK_API voxdesk_status voxdesk_conversation_finish(voxdesk_conversation *c);

/* The call's record as JSON, the shape of one `voxdesk simulate` line:
 * outcome, booking, transcript, escalation_reason, messages, language.
 * CALLER-OWNS: voxdesk_free(); NULL on error (see voxdesk_last_error()).
 * since: 0.2 */
VOXDESK_API char *voxdesk_conversation_record_json(voxdesk_conversation *c);

/* Finishes the call if needed and frees the handle. NULL is a no-op. since: 0.2 */
VOXDESK_API void voxdesk_conversation_close(voxdesk_conversation *c);

/* Runs scripted calls through the engine in virtual time against b's store,
 * exactly as `voxdesk simulate` (CONTRACTS.md section 3): `script_jsonl`
 * (BORROWED) holds one call per line; calls without their own "now" start at
 * b's current time. *out_jsonl is CALLER-OWNS: voxdesk_free(), one line per
 * call. A bad line is VOXDESK_E_INVALID naming it, before any call runs.
 * b's clock is not moved. since: 0.2 */
VOXDESK_API voxdesk_status voxdesk_simulate(voxdesk_business *b, const char *script_jsonl,
                                            char **out_jsonl);

/* ------------------------------------------------------------ live calls */

/* Speech engines for live calls. voxdesk_engines_open_embedded() loads the
 * embedded ones: espeak-ng for the agent's voice and pocketsphinx (Debian's
 * en-us model) for the caller's speech; no network, no keys. Loading takes
 * about a second; one engines handle serves any number of calls.
 *
 * Threading: an engines handle may be shared by calls on several threads. It
 * must outlive every call opened with it. */
typedef struct voxdesk_engines voxdesk_engines;

typedef struct voxdesk_engines_params {
  uint32_t struct_size;      /* sizeof(voxdesk_engines_params), set by _init */
  const char *voice_en;      /* COPIED. espeak-ng voice for English; NULL = "en-us" */
  const char *voice_es;      /* COPIED. espeak-ng voice for Spanish; NULL = "es-419" */
  int32_t rate_wpm;          /* speaking rate, 80..450 words per minute; 0 = 175 */
  int32_t preload_decoders;  /* recognisers built up front; 0 = 1 */
} voxdesk_engines_params;

/* since: 0.3 */
VOXDESK_API void voxdesk_engines_params_init(voxdesk_engines_params *p, size_t struct_size);
static inline voxdesk_engines_params voxdesk_engines_default_params(void) {
  voxdesk_engines_params p;
  voxdesk_engines_params_init(&p, sizeof p);
  return p;
}

/* `params` may be NULL for defaults. *out is CALLER-OWNS:
 * voxdesk_engines_close(). VOXDESK_E_NOT_FOUND names a missing voice or
 * model. since: 0.3 */
VOXDESK_API voxdesk_status voxdesk_engines_open_embedded(const voxdesk_engines_params *params,
                                                         voxdesk_engines **out);
/* NULL is a no-op. since: 0.3 */
VOXDESK_API void voxdesk_engines_close(voxdesk_engines *e);

/* One live phone call in audio (docs/session.md): the host feeds the
 * caller's audio one 20 ms frame at a time and plays back the agent's frame
 * that each call returns. Turn-taking, interruptions (barge-in), keypad
 * input, no-input reprompts, transfer and hang-up are handled inside; what
 * happens is reported as events (JSON objects, see docs/session.md), taken
 * either by polling voxdesk_call_next_event() or on a callback.
 *
 * Time: the call reads its business's clock. When the business is in virtual
 * time (opened with params.now), every voxdesk_call_process() moves that
 * clock one frame (20 ms) forward, so a host can run a call faster than real
 * time; on the real clock, call it every 20 ms as frames arrive.
 *
 * Threading: a call shares its business's internal lock, like a
 * conversation: calls on b, its conversations and its calls are serialised
 * and may come from any thread. b and the engines must outlive the call. */
typedef struct voxdesk_call voxdesk_call;

typedef struct voxdesk_call_params {
  uint32_t struct_size;           /* sizeof(voxdesk_call_params), set by _init */
  int32_t sample_rate;            /* 8000 (telephone) or 16000; 0 = 8000 */
  int32_t end_of_turn_ms;         /* silence that ends the caller's turn; 0 = 500 */
  int32_t barge_in_ms;            /* caller speech over the agent that interrupts; 0 = 400 */
  int32_t no_input_ms;            /* silence after the agent that reprompts; 0 = 7000 */
  int32_t record;                 /* nonzero: record both legs (voxdesk_call_write_wav) */
  const char *recording_notice;   /* COPIED. Said before the greeting when recording;
                                     NULL = "This call is recorded." */
  const char *outbox_dir;         /* COPIED. Confirmations of bookings made on the call
                                     (a text, emails with the invite) are written here as
                                     files (docs/notifications.md); NULL = none sent */
} voxdesk_call_params;

/* since: 0.3 */
VOXDESK_API void voxdesk_call_params_init(voxdesk_call_params *p, size_t struct_size);
static inline voxdesk_call_params voxdesk_call_default_params(void) {
  voxdesk_call_params p;
  voxdesk_call_params_init(&p, sizeof p);
  return p;
}

/* Answers a call: the greeting starts playing with the first frames.
 * `call_id` (COPIED; NULL = generated) and `caller_id` (COPIED; E.164 or
 * NULL when withheld) as for voxdesk_conversation_open(). `params` may be
 * NULL. *out is CALLER-OWNS: voxdesk_call_close(). since: 0.3 */
VOXDESK_API voxdesk_status voxdesk_call_open(voxdesk_business *b, voxdesk_engines *engines,
                                             const char *call_id, const char *caller_id,
                                             const voxdesk_call_params *params, voxdesk_call **out);

/* Samples in one 20 ms frame at the call's rate (160 at 8 kHz). since: 0.3 */
VOXDESK_API size_t voxdesk_call_frame_samples(const voxdesk_call *c);

/* One frame. `in` (BORROWED for the call) holds the caller's 16-bit mono
 * samples, exactly voxdesk_call_frame_samples() of them, or is NULL when no
 * audio arrived for this frame. `out` receives the agent's samples (the same
 * count; silence when the agent is quiet). *live becomes 0 once the call is
 * over and its last words have played; the host then hangs up or transfers
 * as the last event says. since: 0.3 */
VOXDESK_API voxdesk_status voxdesk_call_process(voxdesk_call *c, const int16_t *in, int16_t *out,
                                                size_t samples, int *live);

/* A key the caller pressed, reported out of band by the carrier (RFC 4733,
 * a media-stream "dtmf" event): one of 0-9 * # A-D. In-band tones in the
 * audio are detected by voxdesk_call_process() itself. since: 0.3 */
VOXDESK_API voxdesk_status voxdesk_call_dtmf(voxdesk_call *c, char digit);

/* The caller hung up; the next voxdesk_call_process() ends the call. since: 0.3 */
VOXDESK_API voxdesk_status voxdesk_call_hangup(voxdesk_call *c);

/* The oldest event not yet taken, as JSON: {"type": "transcript", "call_id":
 * "...", "t_ms": 1234, "text": "...", "data": {...}}. *event_json is
 * CALLER-OWNS: voxdesk_free(), or NULL when no event is waiting. Events wait
 * in a bounded queue (4096; the oldest are dropped beyond that). since: 0.3 */
VOXDESK_API voxdesk_status voxdesk_call_next_event(voxdesk_call *c, char **event_json);

/* Instead of polling: `fn` is called with each event's JSON (BORROWED for
 * the duration of the callback) on the thread running
 * voxdesk_call_process(), under the business's lock: it must not call back
 * into this business (VOXDESK_E_REENTRANT). NULL restores polling. since: 0.3 */
typedef void (*voxdesk_event_fn)(void *user, const char *event_json);
VOXDESK_API voxdesk_status voxdesk_call_set_event_callback(voxdesk_call *c, voxdesk_event_fn fn,
                                                           void *user);

/* The call's record as JSON: as voxdesk_conversation_record_json(), plus
 * "turns": per-turn latency figures and "end_reason". CALLER-OWNS:
 * voxdesk_free(); NULL on error. since: 0.3 */
VOXDESK_API char *voxdesk_call_record_json(voxdesk_call *c);

/* Writes the recording (params.record) as a stereo WAV: caller left, agent
 * right. VOXDESK_E_CONFLICT when the call was not recorded. since: 0.3 */
VOXDESK_API voxdesk_status voxdesk_call_write_wav(voxdesk_call *c, const char *path);

/* Ends the call if it is still live (as a hang-up) and frees the handle.
 * NULL is a no-op. since: 0.3 */
VOXDESK_API void voxdesk_call_close(voxdesk_call *c);

#ifdef __cplusplus
}
#endif

#endif /* VOXDESK_H */
