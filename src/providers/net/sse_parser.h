// Server-sent events (the WHATWG HTML standard, "event stream
// interpretation"): how OpenAI's and Anthropic's streaming APIs deliver
// tokens and tool calls. The parser is incremental: bytes arrive in
// whatever pieces the network gives, a line or even a CR LF pair may be
// split across them, and every complete event is handed out as soon as its
// blank line arrives.
//
// Rules kept from the standard: lines end in CR LF, LF or CR; a leading BOM
// is dropped; ':' lines are comments; "field: value" loses one space after
// the colon; data lines join with '\n'; an event with no data is not
// dispatched; `id` (without NUL) persists across events; `retry` must be all
// digits. At the end of the stream, an event without its blank line is
// discarded: truncated() tells the caller the stream was cut mid-event.
// Bounded: a line or an event beyond the limits is an error, and the parser
// refuses further input (a provider stream that goes wrong is dropped, not
// buffered without end).
//
// Thread safety: one parser per stream, used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace voxdesk::providers::net {

struct SseEvent {
  std::string type = "message";  // the `event` field, "message" when absent
  std::string data;
  std::string last_event_id;  // the stream's last event id when this was dispatched
};

struct SseLimits {
  size_t max_line_bytes = 1 << 20;   // one JSON chunk is a few KB
  size_t max_event_bytes = 4 << 20;  // data accumulated for one event
};

class SseParser {
 public:
  using Sink = std::function<void(const SseEvent&)>;
  explicit SseParser(SseLimits limits = {}) : limits_(limits) {}

  // Parses `bytes`, calling `sink` for each complete event, in order.
  // kInvalidArgument when a limit is exceeded; the parser then stays failed.
  Status Feed(std::string_view bytes, const Sink& sink);

  // The stream ended: true when it stopped inside an event (data or fields
  // seen after the last blank line), which the standard discards.
  bool Finish();

  const std::string& last_event_id() const { return last_event_id_; }
  // The server's `retry` in milliseconds, or -1 when none was sent.
  int64_t retry_ms() const { return retry_ms_; }
  uint64_t events() const { return events_; }

 private:
  Status Line(std::string_view line, const Sink& sink);
  void Dispatch(const Sink& sink);

  SseLimits limits_;
  std::string line_;       // the current line's bytes so far
  bool after_cr_ = false;  // the last byte was CR: a following LF ends nothing
  bool started_ = false;   // the BOM check is done
  bool failed_ = false;
  bool pending_ = false;  // a field was seen since the last dispatch
  std::string type_, data_, last_event_id_;
  int64_t retry_ms_ = -1;
  uint64_t events_ = 0;
};

}  // namespace voxdesk::providers::net
